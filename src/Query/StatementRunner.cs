using Olap.Columnar.Format;
using Olap.Columnar.Storage;
using Olap.Columnar.Types;
using Olap.Columnar.Vectors;
using Olap.Query.Binding;
using Olap.Query.Binding.Expressions;
using Olap.Query.Catalog;
using Olap.Query.Execution;
using Olap.Query.Execution.Expressions;
using Olap.Query.Parsing;
using Olap.Query.Parsing.Ast;
using Olap.Query.Planning;
using Olap.Query.Planning.Logical;
using Olap.Query.Planning.Optimizer;

namespace Olap.Query;

/// <summary>
/// Carries out one statement against the manifest version current when it starts. Statements that change the
/// database write their segment files first and commit a new manifest last, so a failure anywhere before the
/// commit leaves the database as it was.
/// </summary>
internal sealed partial class StatementRunner : IBindCatalog
{
    private readonly OlapDatabase _database;
    private readonly OlapSession _connection;
    private readonly string _script;
    private readonly CancellationToken _cancellation;
    private readonly ParameterValues _parameters;
    private readonly List<IDisposable> _openedFiles = [];
    private Manifest _manifest;
    private BufferSnapshot _buffer;

    /// <summary>The log record this statement wrote, which must reach the disk before it returns (0: none).</summary>
    private long _loggedSequence;

    /// <summary>The statement <see cref="Run"/> carries out, for messages.</summary>
    private ParsedStatement? _running;

    /// <summary>Set while binding when the plan reads something besides the manifest's tables (so it is not cached).</summary>
    private bool _planDependsOnStatement;

    public StatementRunner(OlapDatabase database, OlapSession connection, string script, CancellationToken cancellation, ParameterValues? parameters = null)
    {
        _database = database;
        _connection = connection;
        _script = script;
        _cancellation = cancellation;
        _parameters = parameters ?? ParameterValues.None;
        _manifest = null!;
        _buffer = null!;
        TakeSnapshot();
    }

    /// <summary>
    /// Takes the buffer, then the manifest: a checkpoint commits its manifest before it empties the buffer, so a
    /// statement sees the rows in one place or both (and <see cref="BufferSnapshot.RowsOf"/> drops the second).
    /// </summary>
    /// <remarks>
    /// A statement holding the writer gate (<paramref name="writing"/>, or in a transaction) takes every buffered row,
    /// including those whose log records are still waiting for their group flush: it builds on them, and whatever it
    /// commits makes them durable too. Readers see only flushed rows.
    /// </remarks>
    private void TakeSnapshot(bool writing = false)
    {
        if (_connection.Transaction is { } transaction)
        {
            // A transaction sees the database as its own statements left it (nobody else writes meanwhile).
            _buffer = BufferSnapshot.Combine(_database.Buffer.Latest, transaction.Rows.Latest);
            _manifest = transaction.Working;
            return;
        }

        _buffer = writing ? _database.Buffer.Latest : _database.Buffer.Current;
        _manifest = _database.Directory.Current;
    }

    public QueryResult Run(ParsedStatement parsed)
    {
        _cancellation.ThrowIfCancellationRequested();
        _running = parsed;
        try
        {
            return parsed.Statement switch
            {
                SelectStatement select => RunSelect(select, parsed),
                ExplainStatement explain => Explain(explain),
                CreateTableStatement create => Write(() => CreateTable(create)),
                CreateViewStatement view => Write(() => CreateView(view, parsed)),
                CreateMaterializedViewStatement cube => Write(() => CreateMaterializedView(cube, parsed)),
                RefreshMaterializedViewStatement refresh => Write(() => RefreshMaterializedView(refresh)),
                DropStatement drop => Write(() => Drop(drop)),
                InsertStatement insert => Write(() => Insert(insert)),
                DeleteStatement delete => Write(() => Delete(delete)),
                CopyFromStatement copy => Write(() => CopyFrom(copy)),
                CopyToStatement copy => CopyTo(copy),
                ShowTablesStatement => ShowTables(),
                DescribeStatement describe => Describe(describe),
                SetStatement set => Set(set),
                TransactionStatement transaction => RunTransactionStatement(transaction),
                CheckpointStatement => Write(() =>
                {
                    Checkpoint();
                    return QueryResult.Empty(0);
                }),
                _ => throw new BindException($"{parsed.Statement.GetType().Name} is not supported", parsed.Statement.Position),
            };
        }
        catch (BindException error)
        {
            // Re-render with the script so the message shows the line and a caret under the problem.
            throw new BindException(error.Problem, error.Position, _script);
        }
        finally
        {
            foreach (var file in _openedFiles)
            {
                file.Dispose();
            }
        }
    }

    /// <summary>
    /// Like <see cref="Run"/>, but a SELECT is not collected: its plan starts on a background task and its rows arrive
    /// through the returned stream, which then owns the files the query opened. Other statements run to completion.
    /// </summary>
    public ResultStream RunStreaming(ParsedStatement parsed, bool freshBuffers = false)
    {
        if (parsed.Statement is not SelectStatement select)
        {
            return new MaterializedResultStream(Run(parsed));
        }

        _cancellation.ThrowIfCancellationRequested();
        try
        {
            var plan = BindQuery(select.Query);
            var columns = plan.Columns.Select(c => new ResultColumn(c.Name, c.Type)).ToList();
            var physical = PhysicalPlanner.Plan(QueryOptimizer.Optimize(plan, CubeCandidates()));
            var owned = _openedFiles.ToList();
            _openedFiles.Clear();
            return new StreamingQueryResult(physical, columns, _connection.Threads, owned, freshBuffers, _cancellation);
        }
        catch (BindException error)
        {
            throw new BindException(error.Problem, error.Position, _script);
        }
        finally
        {
            foreach (var file in _openedFiles)
            {
                file.Dispose();
            }

            _openedFiles.Clear();
        }
    }

    private QueryResult Write(Func<QueryResult> change)
    {
        if (_database.IsReadOnly)
        {
            var statement = _running?.Statement;
            var what = statement is null ? "this statement" : StatementKind(statement);
            throw new BindException($"the database is open read-only: {what} cannot run (open it without --readonly / Mode=ReadOnly to change it)", statement?.Position ?? default);
        }

        QueryResult result;
        _loggedSequence = 0;
        using (_database.Writers.Enter(_connection, _cancellation))
        {
            _cancellation.ThrowIfCancellationRequested();
            TakeSnapshot(writing: true);
            try
            {
                result = change();
            }
            catch (IOException error)
            {
                // Storage failed under the statement (a full disk, a failed flush): it changed nothing it committed.
                throw StorageFailure(error);
            }
        }

        if (_loggedSequence > 0)
        {
            // Group commit: the next writer goes ahead while this statement waits for its log record's flush.
            var sequence = _loggedSequence;
            _loggedSequence = 0;
            AwaitLogged(sequence);
        }

        return result;
    }

    /// <summary>Returns once log record <paramref name="sequence"/> is on disk, and lets readers see its rows.</summary>
    private void AwaitLogged(long sequence)
    {
        try
        {
            _database.Log!.WaitDurable(sequence);
        }
        catch (IOException error)
        {
            // Whether the rows of records that failed their flush survive a crash is unknown: the open takes no
            // further change. A commit under way finishes first; if it put this record in segments, it is durable.
            _database.Directory.RefuseChanges($"'{_database.Path}': {error.Message}");
            if (_database.Directory.Current.LogSequence < sequence)
            {
                throw StorageFailure(error);
            }
        }

        _database.Buffer.Reveal(sequence);
    }

    private QueryException StorageFailure(IOException error)
        => new($"{(_running is null ? "the change" : StatementKind(_running.Statement))} failed writing to storage: {error.Message}", error);

    /// <summary>The statement's leading words for a message: CREATE TABLE, INSERT, DROP ...</summary>
    private static string StatementKind(SqlStatement statement) => statement switch
    {
        CreateTableStatement => "CREATE TABLE",
        CreateViewStatement => "CREATE VIEW",
        CreateMaterializedViewStatement => "CREATE MATERIALIZED VIEW",
        RefreshMaterializedViewStatement => "REFRESH MATERIALIZED VIEW",
        DropStatement => "DROP",
        InsertStatement => "INSERT",
        DeleteStatement => "DELETE",
        CopyFromStatement => "COPY ... FROM",
        CheckpointStatement => "CHECKPOINT",
        _ => "a change",
    };

    // ---- queries ----

    private LogicalOperator BindQuery(QueryNode query) => new QueryBinder(this).Bind(query);

    private QueryContext Context(bool profile = false) => new(_connection.Threads, _cancellation) { Profile = profile, Progress = _connection.Progress };

    /// <summary>A SELECT, its optimized plan taken from the connection's cache when the same text ran on this manifest version.</summary>
    private QueryResult RunSelect(SelectStatement select, ParsedStatement parsed)
    {
        var cache = _connection.PlanCache;
        var version = _manifest.Version;
        var useCubes = _connection.UseCubes;
        var buffered = _buffer.LastSequence;
        if (_connection.Transaction is not null)
        {
            // A transaction's working state has versions of its own: its plans are not kept.
            _planDependsOnStatement = true;
        }
        else if (cache.TryGet(parsed.Text, version, buffered, useCubes, out var cached, out var cachedColumns))
        {
            return ResultCollector.Collect(PhysicalPlanner.Plan(cached), cachedColumns, Context());
        }

        _planDependsOnStatement |= !ReferenceEquals(_parameters, ParameterValues.None);
        var plan = BindQuery(select.Query);
        var columns = plan.Columns.Select(c => new ResultColumn(c.Name, c.Type)).ToList();
        var optimized = QueryOptimizer.Optimize(plan, CubeCandidates());
        if (!_planDependsOnStatement && _openedFiles.Count == 0)
        {
            cache.Add(parsed.Text, version, buffered, useCubes, optimized, columns);
        }

        return ResultCollector.Collect(PhysicalPlanner.Plan(optimized), columns, Context());
    }

    private QueryResult RunQuery(LogicalOperator plan)
    {
        var columns = plan.Columns.Select(c => new ResultColumn(c.Name, c.Type)).ToList();
        var physical = PhysicalPlanner.Plan(QueryOptimizer.Optimize(plan, CubeCandidates()));
        return ResultCollector.Collect(physical, columns, Context());
    }

    QueryResult IBindCatalog.Run(LogicalOperator plan)
    {
        _planDependsOnStatement = true;
        return RunQuery(plan);
    }

    BoundLiteral IBindCatalog.BindParameter(ParameterExpression parameter)
    {
        _planDependsOnStatement = true;
        return _parameters.Bind(parameter);
    }

    private QueryResult Explain(ExplainStatement explain)
    {
        if (explain.Statement is not SelectStatement select)
        {
            throw new BindException("EXPLAIN takes a query (SELECT ...)", explain.Statement.Position);
        }

        var logical = BindQuery(select.Query);
        var physical = PhysicalPlanner.Plan(QueryOptimizer.Optimize(logical, CubeCandidates()));
        if (explain.Analyze)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var result = ResultCollector.Collect(physical, [.. logical.Columns.Select(c => new ResultColumn(c.Name, c.Type))], Context(profile: true));
            var total = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            return TextResult("plan", [.. PlanRenderer.Render(physical, analyzed: true), string.Empty, $"total: {result.RowCount} rows in {total.TotalMilliseconds:F1} ms"]);
        }

        return TextResult("plan", PlanRenderer.Render(physical, analyzed: false));
    }

    private static QueryResult TextResult(string column, IReadOnlyList<string> lines)
    {
        var builder = new ColumnBuilder(ColumnType.Varchar);
        foreach (var line in lines)
        {
            builder.AppendString(line);
        }

        return new QueryResult([new ResultColumn(column, ColumnType.Varchar)], [builder]);
    }

    // ---- catalog for the binder ----

    public ITableSource? FindTable(string name)
    {
        if (_connection.FindRegistered(name) is { } registered)
        {
            _planDependsOnStatement = true;
            return registered;
        }

        return _manifest.FindTable(name) is { } entry ? _database.OpenTable(entry, buffered: _buffer.RowsOf(entry.Name, _manifest.LogSequence)) : null;
    }

    public string? FindView(string name) => _manifest.FindView(name)?.Sql;

    public IEnumerable<string> Names => [.. _manifest.Tables.Select(t => t.Name), .. _manifest.Views.Select(v => v.Name), .. _connection.RegisteredNames];

    public ITableSource OpenFile(string path, SqlPosition position, FileReadOptions options)
    {
        _planDependsOnStatement = true;
        var lower = path.ToLowerInvariant();
        var format = options.Format ?? FormatOf(lower);
        if (format == "parquet")
        {
            if (!Catalog.Parquet.ParquetFiles.IsGlob(path) && !File.Exists(path))
            {
                throw new BindException($"file '{path}' does not exist", position);
            }

            var parquet = Catalog.Parquet.ParquetFileSource.Open(path, options.HivePartitioning);
            _openedFiles.Add(parquet);
            return parquet;
        }

        if (Catalog.Parquet.ParquetFiles.IsGlob(path))
        {
            throw new BindException($"'{path}': globs are read for Parquet files (end the pattern in .parquet, or use read_parquet)", position);
        }

        var full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new BindException($"file '{path}' does not exist", position);
        }

        try
        {
            switch (format)
            {
                case "arrow":
                    return Arrow.ArrowTableSource.ReadFile(full);
                case "olap":
                {
                    var reader = OlapFileReader.Open(full);
                    _openedFiles.Add(reader);
                    return new SegmentedTable(System.IO.Path.GetFileNameWithoutExtension(full), reader.Columns, reader.SortKey, [reader]);
                }

                case "csv":
                    return DelimitedFileSource.Open(full);
            }
        }
        catch (OlapFormatException error)
        {
            throw new QueryException(error.Message, error);
        }

        throw new BindException($"cannot tell the format of '{path}' (known: .olap, .parquet, .arrow, .arrows, .feather, .csv, .tbl, .tsv, optionally .gz)", position);
    }

    /// <summary>A file's format from its name: olap, parquet, csv (CSV, TSV and dbgen .tbl, plain or gzipped), or null.</summary>
    private static string? FormatOf(string lowerPath)
    {
        if (lowerPath.EndsWith(".olap", StringComparison.Ordinal))
        {
            return "olap";
        }

        if (lowerPath.EndsWith(".parquet", StringComparison.Ordinal) || lowerPath.EndsWith(".parq", StringComparison.Ordinal))
        {
            return "parquet";
        }

        if (lowerPath.EndsWith(".arrow", StringComparison.Ordinal) || lowerPath.EndsWith(".arrows", StringComparison.Ordinal) || lowerPath.EndsWith(".feather", StringComparison.Ordinal))
        {
            return "arrow";
        }

        string[] delimited = [".csv", ".tbl", ".csv.gz", ".tbl.gz", ".tsv", ".txt"];
        return delimited.Any(e => lowerPath.EndsWith(e, StringComparison.Ordinal)) ? "csv" : null;
    }


    // ---- statements that change the database ----

    private QueryResult CreateTable(CreateTableStatement create)
    {
        var name = TableName(create.Name, create.Position);
        RequireNewName(name, create.Position);
        if (create.AsQuery is not null)
        {
            var plan = BindQuery(create.AsQuery);
            var columns = plan.Columns.Select(c => new ColumnDefinition(c.Name, StorableType(c.Type))).ToList();
            RequireDistinctNames(columns.Select(c => c.Name).ToList(), create.Position);
            var sortKey = ResolveSortKey(create.SortedBy, columns);
            var entry = new TableEntry(name, columns, sortKey, []);
            var segments = WriteSegments(entry, CastForStorage(plan, columns));
            CommitOrDelete(_manifest with { Tables = [.. _manifest.Tables, entry with { Segments = segments }] }, segments);
            return QueryResult.Empty(segments.Sum(segment => segment.RowCount));
        }

        if (create.Columns.Count == 0)
        {
            throw new BindException("CREATE TABLE needs at least one column", create.Position);
        }

        var defined = create.Columns.Select(c => new ColumnDefinition(c.Name, TypeResolver.Resolve(c.Type))).ToList();
        RequireDistinctNames(defined.Select(c => c.Name).ToList(), create.Position);
        var table = new TableEntry(name, defined, ResolveSortKey(create.SortedBy, defined), []);
        Commit(_manifest with { Tables = [.. _manifest.Tables, table] });
        return QueryResult.Empty(0);
    }

    private QueryResult CreateView(CreateViewStatement view, ParsedStatement parsed)
    {
        var name = TableName(view.Name, view.Position);
        RequireNewName(name, view.Position);

        // Binding proves the view is valid now; its text is what is stored and bound again on use.
        BindQuery(view.Query);
        var text = parsed.TextFrom(_script, view.Query.Position).TrimEnd().TrimEnd(';');
        Commit(_manifest with { Views = [.. _manifest.Views, new ViewEntry(name, text)] });
        return QueryResult.Empty(0);
    }

    private QueryResult Drop(DropStatement drop)
    {
        var name = TableName(drop.Name, drop.Position);
        if (drop.Kind == DropKind.Table)
        {
            var entry = _manifest.FindTable(name);
            if (entry is null)
            {
                return drop.IfExists ? QueryResult.Empty(0) : throw new BindException(NameSuggestions.WithSuggestion($"table {name} does not exist", name, _manifest.Tables.Select(t => t.Name)), drop.Position);
            }

            if (entry.Cube is not null)
            {
                throw new BindException($"{entry.Name} is a materialized view: use DROP MATERIALIZED VIEW {entry.Name}", drop.Position);
            }

            if (CubesReading(entry) is [var first, ..] readers)
            {
                throw new BindException($"materialized view{(readers.Count > 1 ? "s" : string.Empty)} {string.Join(", ", readers)} read{(readers.Count > 1 ? string.Empty : "s")} table {entry.Name}: drop {(readers.Count > 1 ? "them" : first)} first", drop.Position);
            }

            Commit(_manifest with { Tables = [.. _manifest.Tables.Where(t => !ReferenceEquals(t, entry))] });
            RetireSegments(entry);
            return QueryResult.Empty(0);
        }

        if (drop.Kind == DropKind.MaterializedView)
        {
            var cube = _manifest.FindTable(name);
            if (cube?.Cube is null)
            {
                return drop.IfExists ? QueryResult.Empty(0) : throw new BindException(NameSuggestions.WithSuggestion($"materialized view {name} does not exist", name, _manifest.Tables.Where(t => t.Cube is not null).Select(t => t.Name)), drop.Position);
            }

            Commit(_manifest with { Tables = [.. _manifest.Tables.Where(t => !ReferenceEquals(t, cube))] });
            RetireSegments(cube);
            return QueryResult.Empty(0);
        }

        if (_manifest.FindTable(name) is { Cube: not null } materialized)
        {
            throw new BindException($"{materialized.Name} is a materialized view: use DROP MATERIALIZED VIEW {materialized.Name}", drop.Position);
        }

        var view = _manifest.FindView(name);
        if (view is null)
        {
            return drop.IfExists ? QueryResult.Empty(0) : throw new BindException(NameSuggestions.WithSuggestion($"view {name} does not exist", name, _manifest.Views.Select(v => v.Name)), drop.Position);
        }

        Commit(_manifest with { Views = [.. _manifest.Views.Where(v => !ReferenceEquals(v, view))] });
        return QueryResult.Empty(0);
    }

    private QueryResult Insert(InsertStatement insert)
    {
        var name = TableName(insert.Table, insert.Position);
        var entry = _manifest.FindTable(name) ?? throw new BindException(NameSuggestions.WithSuggestion($"table {name} does not exist", name, _manifest.Tables.Select(t => t.Name)), insert.Position);
        RequireNotCube(entry, insert.Position);

        // Target positions: the named columns, or all in table order.
        var targets = new List<int>();
        if (insert.Columns.Count == 0)
        {
            targets.AddRange(Enumerable.Range(0, entry.Columns.Count));
        }
        else
        {
            foreach (var column in insert.Columns)
            {
                var index = entry.Columns.ToList().FindIndex(c => string.Equals(c.Name, column, StringComparison.OrdinalIgnoreCase));
                if (index < 0)
                {
                    throw new BindException(NameSuggestions.WithSuggestion($"table {entry.Name} has no column {column}", column, entry.Columns.Select(c => c.Name)), insert.Position);
                }

                if (targets.Contains(index))
                {
                    throw new BindException($"column {column} is named twice", insert.Position);
                }

                targets.Add(index);
            }
        }

        LogicalOperator source;
        if (insert.Query is not null)
        {
            source = BindQuery(insert.Query);
            if (source.Columns.Count != targets.Count)
            {
                throw new BindException($"INSERT names {targets.Count} columns but the query returns {source.Columns.Count}", insert.Position);
            }
        }
        else
        {
            source = BindValues(insert, entry, targets);
        }

        return InsertRows(entry, targets, source, insert.Position);
    }

    /// <summary>Appends the rows of <paramref name="source"/> to the table: its columns go to <paramref name="targets"/>, cast to their types; other columns are NULL.</summary>
    private QueryResult InsertRows(TableEntry entry, List<int> targets, LogicalOperator source, SqlPosition statement)
    {
        // Every table column in order: the source's column cast to its type, or NULL.
        var expressions = new List<BoundExpression>();
        for (var c = 0; c < entry.Columns.Count; c++)
        {
            var type = entry.Columns[c].Type;
            var position = targets.IndexOf(c);
            if (position < 0)
            {
                expressions.Add(new BoundConstant(ScalarValue.Null, type));
                continue;
            }

            var value = new BoundColumn(position, source.Columns[position].Type, source.Columns[position].Name);
            if (value.Type != type && !ExpressionTyping.TryGetCommonType(value.Type, type, out _) && value.Type.Id != LogicalTypeId.Varchar)
            {
                throw new BindException($"column {entry.Columns[c].Name} is {type}; a {value.Type} value cannot be inserted", statement);
            }

            expressions.Add(value.Type == type ? value : ExpressionTyping.BindExplicitCast(value, type, statement));
        }

        var projected = new LogicalProjection(source, expressions, [.. entry.Columns.Select(c => new OutputColumn(c.Name, c.Type))]);
        return CanBuffer(entry) ? InsertBuffered(entry, projected) : CommitSegments(entry, WriteSegments(entry, projected));
    }

    private LogicalValues BindValues(InsertStatement insert, TableEntry entry, List<int> targets)
    {
        var rows = new List<IReadOnlyList<ScalarValue>>();
        var binder = new ExpressionBinder(BindScope.Empty, new QueryBinder(this), "VALUES");
        foreach (var row in insert.Rows)
        {
            if (row.Count != targets.Count)
            {
                throw new BindException($"a VALUES row has {row.Count} values; {targets.Count} columns are named", row.Count > 0 ? row[0].Position : insert.Position);
            }

            var values = new ScalarValue[row.Count];
            for (var i = 0; i < row.Count; i++)
            {
                var type = entry.Columns[targets[i]].Type;
                var bound = binder.Bind(row[i]);
                if (!bound.IsConstant)
                {
                    throw new BindException("VALUES takes constant expressions", row[i].Position);
                }

                var cast = bound is BoundConstant { Value.IsNull: true } ? new BoundConstant(ScalarValue.Null, type) : ExpressionTyping.BindExplicitCast(bound, type, row[i].Position);
                try
                {
                    values[i] = ExpressionExecutor.EvaluateConstant(cast);
                }
                catch (QueryExecutionException error)
                {
                    throw new BindException(error.Message, row[i].Position);
                }
            }

            rows.Add(values);
        }

        return new LogicalValues(rows, [.. targets.Select(t => new OutputColumn(entry.Columns[t].Name, entry.Columns[t].Type))]);
    }

    private QueryResult CopyFrom(CopyFromStatement copy)
    {
        var name = TableName(copy.Table, copy.Position);
        var entry = _manifest.FindTable(name) ?? throw new BindException(NameSuggestions.WithSuggestion($"table {name} does not exist", name, _manifest.Tables.Select(t => t.Name)), copy.Position);
        RequireNotCube(entry, copy.Position);
        var options = CopyOptions.Parse(copy.Options, forWriting: false, defaultFormat: CopyOptions.FormatOf(copy.Path) == "parquet" ? "parquet" : "csv");
        if (options.Format == "parquet")
        {
            return CopyFromParquet(entry, copy);
        }

        if (options.Format != "csv")
        {
            throw new BindException($"COPY FROM reads CSV, dbgen .tbl and Parquet files, not {options.Format}", copy.Position);
        }

        if (!File.Exists(copy.Path))
        {
            throw new BindException($"file '{copy.Path}' does not exist", copy.Position);
        }

        try
        {
            // Blocks of lines are parsed on the connection's threads while rows are sorted and encoded.
            using var reader = Columnar.Text.ParallelDelimitedTextReader.Open(copy.Path, entry.Columns, options.Text, _connection.Threads);
            if (CanBuffer(entry))
            {
                // A small file's rows are logged and buffered like an INSERT's; a large one's go to segments.
                return AppendBuffered(entry, consume =>
                {
                    while (reader.Read(out var chunk))
                    {
                        _cancellation.ThrowIfCancellationRequested();
                        consume(chunk);
                    }
                });
            }

            var segments = WriteSegments(entry, writer =>
            {
                while (reader.Read(out var chunk))
                {
                    _cancellation.ThrowIfCancellationRequested();
                    writer.Append(chunk);
                }
            });
            if (segments.Count == 0)
            {
                return QueryResult.Empty(0);
            }

            CommitAppend(entry, segments);
            return QueryResult.Empty(segments.Sum(segment => segment.RowCount));
        }
        catch (Columnar.Text.DelimitedTextException error)
        {
            throw new QueryException(error.Message, error);
        }
    }

    /// <summary>COPY t FROM 'x.parquet' (or a glob): the files' columns by position, cast to the table's types.</summary>
    private QueryResult CopyFromParquet(TableEntry entry, CopyFromStatement copy)
    {
        var source = OpenFile(copy.Path, copy.Position, new FileReadOptions("parquet"));
        if (source.Columns.Count != entry.Columns.Count)
        {
            throw new BindException(
                $"'{copy.Path}' has {source.Columns.Count} columns ({string.Join(", ", source.Columns.Select(c => c.Name))}) but table {entry.Name} has {entry.Columns.Count}",
                copy.Position);
        }

        var scan = new LogicalGet(source, entry.Name, [.. Enumerable.Range(0, source.Columns.Count)], []);
        return InsertRows(entry, [.. Enumerable.Range(0, entry.Columns.Count)], scan, copy.Position);
    }

    private QueryResult CopyTo(CopyToStatement copy)
    {
        LogicalOperator plan;
        if (copy.Query is not null)
        {
            plan = BindQuery(copy.Query);
        }
        else
        {
            var name = TableName(copy.Table!, copy.Position);
            var source = FindTable(name) ?? throw new BindException(NameSuggestions.WithSuggestion($"table {name} does not exist", name, Names), copy.Position);
            plan = new LogicalGet(source, name, [.. Enumerable.Range(0, source.Columns.Count)], []);
        }

        var options = CopyOptions.Parse(copy.Options, forWriting: true, defaultFormat: CopyOptions.FormatOf(copy.Path));
        if (options.Format == "parquet")
        {
            return CopyToParquet(plan, copy.Path, options, copy.Position);
        }

        if (options.Format == "arrow")
        {
            return CopyToArrow(plan, copy.Path);
        }

        long rows = 0;
        var context = Context();

        // The file appears only when complete: written under a temporary name, then renamed over the target.
        var temporary = copy.Path + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            if (options.Format == "olap")
            {
                var columns = plan.Columns.Select(c => new ColumnDefinition(c.Name, StorableType(c.Type))).ToList();
                var physical = PhysicalPlanner.Plan(QueryOptimizer.Optimize(CastForStorage(plan, columns)));
                using var writer = new OlapFileWriter(temporary, columns);
                ResultCollector.Stream(physical, context, chunk =>
                {
                    writer.Append(chunk);
                    rows += chunk.LiveCount;
                });
                writer.Finish();
            }
            else
            {
                var physical = PhysicalPlanner.Plan(QueryOptimizer.Optimize(plan));
                using (var writer = new CsvResultWriter(temporary, plan.Columns, options.Text))
                {
                    ResultCollector.Stream(physical, context, chunk =>
                    {
                        writer.Write(chunk);
                        rows += chunk.LiveCount;
                    });
                }
            }

            File.Move(temporary, copy.Path, overwrite: true);
        }
        catch
        {
            DeleteQuietly(temporary);
            throw;
        }

        return QueryResult.Empty(rows);
    }

    // ---- other statements ----

    private QueryResult ShowTables()
    {
        var names = Names.Order(StringComparer.OrdinalIgnoreCase).ToList();
        return TextResult("name", names);
    }

    private QueryResult Describe(DescribeStatement describe)
    {
        var name = TableName(describe.Name, describe.Position);
        IReadOnlyList<ColumnDefinition> columns;
        IReadOnlyList<SortKeyColumn> sortKey = [];
        if (_manifest.FindTable(name) is { } table)
        {
            var visible = table.Cube?.VisibleColumns ?? table.Columns.Count;
            columns = [.. table.Columns.Take(visible)];
            sortKey = [.. table.SortKey.Where(k => k.Column < visible)];
        }
        else if (_manifest.FindView(name) is { } view)
        {
            var plan = BindQuery(((SelectStatement)SqlParser.ParseScript(view.Sql).Single()).Query);
            columns = [.. plan.Columns.Select(c => new ColumnDefinition(c.Name, c.Type))];
        }
        else
        {
            throw new BindException(NameSuggestions.WithSuggestion($"table {name} does not exist", name, Names), describe.Position);
        }

        var names = new ColumnBuilder(ColumnType.Varchar);
        var types = new ColumnBuilder(ColumnType.Varchar);
        var nulls = new ColumnBuilder(ColumnType.Varchar);
        var keys = new ColumnBuilder(ColumnType.Varchar);
        for (var i = 0; i < columns.Count; i++)
        {
            names.AppendString(columns[i].Name);
            types.AppendString(columns[i].Type.ToString());
            nulls.AppendString("YES");
            var key = sortKey.Select((k, position) => (k, position)).FirstOrDefault(k => k.k.Column == i);
            if (sortKey.Any(k => k.Column == i))
            {
                keys.AppendString($"SORT KEY {key.position + 1}{(key.k.Descending ? " DESC" : string.Empty)}");
            }
            else
            {
                keys.AppendNull();
            }
        }

        return new QueryResult(
            [new ResultColumn("column_name", ColumnType.Varchar), new ResultColumn("column_type", ColumnType.Varchar), new ResultColumn("null", ColumnType.Varchar), new ResultColumn("key", ColumnType.Varchar)],
            [names, types, nulls, keys]);
    }

    private QueryResult Set(SetStatement set)
    {
        var value = new ExpressionBinder(BindScope.Empty, new QueryBinder(this), "SET").Bind(set.Value);
        if (string.Equals(set.Name, "use_cubes", StringComparison.OrdinalIgnoreCase))
        {
            if (!value.IsConstant || value.Type.Id != LogicalTypeId.Boolean || ExpressionExecutor.EvaluateConstant(value) is { IsNull: true })
            {
                throw new BindException("use_cubes is true or false", set.Value.Position);
            }

            _connection.UseCubes = ExpressionExecutor.EvaluateConstant(value).Int64 != 0;
            return QueryResult.Empty(0);
        }

        if (!string.Equals(set.Name, "threads", StringComparison.OrdinalIgnoreCase) && !string.Equals(set.Name, "worker_threads", StringComparison.OrdinalIgnoreCase))
        {
            throw new BindException($"unknown setting {set.Name} (known: threads, use_cubes)", set.Position);
        }

        if (!value.IsConstant || !value.Type.IsIntegral || value.Type.Id == LogicalTypeId.Decimal)
        {
            throw new BindException("threads must be a whole number", set.Value.Position);
        }

        var threads = ExpressionExecutor.EvaluateConstant(value);
        if (threads.IsNull || threads.Int64 < 1 || threads.Int64 > 1024)
        {
            throw new BindException($"threads must be between 1 and 1024, not {threads}", set.Value.Position);
        }

        _connection.Threads = (int)threads.Int64;
        return QueryResult.Empty(0);
    }

    // ---- helpers ----

    private static string TableName(IReadOnlyList<string> name, SqlPosition position)
        => name.Count <= 2 ? name[^1] : throw new BindException($"{string.Join('.', name)}: only table or schema.table names are supported", position);

    private static void RequireNotCube(TableEntry entry, SqlPosition position)
    {
        if (entry.Cube is not null)
        {
            throw new BindException($"{entry.Name} is a materialized view: it is computed from its tables, which take the new rows (REFRESH MATERIALIZED VIEW computes it again)", position);
        }
    }

    private void RequireNewName(string name, SqlPosition position)
    {
        if (_manifest.FindTable(name) is not null)
        {
            throw new BindException($"table {name} already exists", position);
        }

        if (_manifest.FindView(name) is not null)
        {
            throw new BindException($"a view named {name} already exists", position);
        }
    }

    private static void RequireDistinctNames(List<string> names, SqlPosition position)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in names)
        {
            if (!seen.Add(name))
            {
                throw new BindException($"column {name} is defined more than once", position);
            }
        }
    }

    private static List<SortKeyColumn> ResolveSortKey(IReadOnlyList<SortKeyItem> items, IReadOnlyList<ColumnDefinition> columns)
    {
        var key = new List<SortKeyColumn>();
        foreach (var item in items)
        {
            var index = columns.ToList().FindIndex(c => string.Equals(c.Name, item.Column, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                throw new BindException(NameSuggestions.WithSuggestion($"sort key column {item.Column} is not a column of the table", item.Column, columns.Select(c => c.Name)), item.Position);
            }

            key.Add(new SortKeyColumn(index, item.Descending));
        }

        return key;
    }

    /// <summary>Files hold at most 64-bit integers: HUGEINT is stored as BIGINT and wide DECIMAL as DECIMAL(18,s), checked on the way in.</summary>
    private static ColumnType StorableType(ColumnType type) => type switch
    {
        { Id: LogicalTypeId.HugeInt } => ColumnType.BigInt,
        { Id: LogicalTypeId.Decimal, Precision: > ColumnType.MaxDecimalPrecision } => ColumnType.Decimal(ColumnType.MaxDecimalPrecision, type.Scale),
        _ => type,
    };

    private static LogicalOperator CastForStorage(LogicalOperator plan, List<ColumnDefinition> columns)
    {
        if (plan.Columns.Select(c => c.Type).SequenceEqual(columns.Select(c => c.Type)))
        {
            return plan;
        }

        var expressions = plan.Columns.Select((c, i) => ExpressionTyping.Cast(new BoundColumn(i, c.Type, c.Name), columns[i].Type)).ToList();
        return new LogicalProjection(plan, expressions, [.. columns.Select(c => new OutputColumn(c.Name, c.Type))]);
    }

    private const int CubeRowGroupSize = Columnar.Vectors.VectorSize.Standard;
    private const int CubeSortBufferRows = 8192 * Columnar.Vectors.VectorSize.Standard;

    /// <summary>Writes a plan's rows as a new segment sorted by the table's key; null when there were no rows.</summary>
    private List<SegmentEntry> WriteSegments(TableEntry entry, LogicalOperator plan, List<string>? reserved = null)
    {
        var physical = PhysicalPlanner.Plan(QueryOptimizer.Optimize(plan));
        return WriteSegments(entry, writer => ResultCollector.Stream(physical, Context(), writer.Append), reserved: reserved);
    }

    /// <summary>
    /// Writes rows into new segment files (more than one when the rows outgrow a file) and returns them, none when
    /// there were no rows; <paramref name="inputSorted"/> says they come in the table's sort-key order already. A
    /// failure deletes whatever was written. Writers outside the writer gate pass <paramref name="reserved"/>: each
    /// file name is reserved there (<see cref="DatabaseDirectory.ReserveSegment"/>) so that other statements'
    /// commits leave the files alone; the caller releases them once its own commit names them, or it gave up.
    /// </summary>
    private List<SegmentEntry> WriteSegments(TableEntry entry, Action<OlapFileWriter> fill, bool inputSorted = false, List<string>? reserved = null)
    {
        using var writer = NewWriter(entry, inputSorted, reserved);
        fill(writer);
        return Finished(writer);
    }

    private OlapFileWriter NewWriter(TableEntry entry, bool inputSorted = false, List<string>? reserved = null)
    {
        string NewSegmentPath()
        {
            if (reserved is null)
            {
                return _database.Directory.SegmentPath(DatabaseDirectory.NewSegmentFileName());
            }

            var name = _database.Directory.ReserveSegment();
            reserved.Add(name);
            return _database.Directory.SegmentPath(name);
        }

        // A cube's row groups are one vector each: queries read a few thousand of its rows, and zone maps skip the others.
        var options = new OlapWriterOptions { SortKey = entry.SortKey, ContinuationPath = NewSegmentPath, InputSorted = inputSorted, Files = _database.Directory.Files };
        if (entry.Cube is not null)
        {
            // Sorted in memory in one piece: a cube is a small fraction of its fact table, and merging spilled runs row by row costs more than the cube's memory.
            options = options with { RowGroupSize = CubeRowGroupSize, SortBufferRows = CubeSortBufferRows };
        }

        return new OlapFileWriter(NewSegmentPath(), entry.Columns, options);
    }

    /// <summary>Finishes the writer's files and returns them as segments, none (and no file) when it got no rows.</summary>
    private List<SegmentEntry> Finished(OlapFileWriter writer)
    {
        writer.Finish();
        var segments = writer.Files.Select(f => new SegmentEntry(System.IO.Path.GetFileName(f.Path), f.RowCount)).ToList();
        if (segments.Sum(segment => segment.RowCount) == 0)
        {
            DeleteQuietly(segments);
            return [];
        }

        return segments;
    }

    /// <summary>Commits <paramref name="next"/>; if that fails, the new segments it would have named are deleted.</summary>
    private void CommitOrDelete(Manifest next, IReadOnlyList<SegmentEntry> segments)
    {
        try
        {
            Commit(next);
        }
        catch
        {
            DeleteQuietly(segments);
            throw;
        }
    }

    private void DeleteQuietly(IReadOnlyList<SegmentEntry> segments)
    {
        foreach (var segment in segments)
        {
            DeleteQuietly(_database.Directory.SegmentPath(segment.FileName));
        }
    }

    private Manifest ReplaceTable(TableEntry old, TableEntry updated)
        => _manifest with { Tables = [.. _manifest.Tables.Select(t => ReferenceEquals(t, old) ? updated : t)] };

    /// <summary>
    /// Commits <paramref name="next"/> with whatever the write buffer holds written as segments of its tables in the
    /// same commit (rows of a table the change drops go with it), so the manifest's log sequence covers the whole log;
    /// then empties the buffer and the log.
    /// </summary>
    private void Commit(Manifest next)
    {
        if (_connection.Transaction is { } transaction)
        {
            // Inside a transaction a statement's change goes to the working manifest; COMMIT makes it the database's.
            TrackFiles(transaction, next);
            transaction.Working = next with { Version = transaction.Working.Version + 1 };
            _manifest = transaction.Working;
            return;
        }

        var buffer = _database.Buffer.Latest;
        var log = _database.Log;
        var flushed = new List<SegmentEntry>();
        try
        {
            if (log is not null && buffer.RowCount > 0)
            {
                if (log.Failure is { } failure)
                {
                    // The buffer may hold rows whose log flush failed (their statements were told so): not to be committed.
                    throw new IOException(failure);
                }

                next = WithBufferedSegments(next, buffer, flushed);
            }

            _database.Directory.Commit(next with { Version = _database.Directory.Current.Version + 1, LogSequence = log?.LastSequence ?? next.LogSequence });
        }
        catch
        {
            DeleteQuietly(flushed);
            throw;
        }

        _manifest = _database.Directory.Current;
        if (log is not null && buffer.RowCount > 0)
        {
            _database.Buffer.Clear(buffer.LastSequence);
            log.Reset();
        }

        _database.Merger.Schedule();
    }

    private static void DeleteQuietly(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (IOException)
        {
        }
    }

    
}
