using Olap.Columnar.Format;
using Olap.Columnar.Storage;
using Olap.Columnar.Types;
using Olap.Query.Binding;
using Olap.Query.Binding.Expressions;
using Olap.Query.Catalog;
using Olap.Query.Cubes;
using Olap.Query.Execution;
using Olap.Query.Parsing;
using Olap.Query.Parsing.Ast;
using Olap.Query.Planning;
using Olap.Query.Planning.Logical;
using Olap.Query.Planning.Optimizer;

namespace Olap.Query;

/// <summary>Materialized views (data cubes): definition, refresh, upkeep on append, and the cubes a query may use.</summary>
internal sealed partial class StatementRunner
{
    private QueryResult CreateMaterializedView(CreateMaterializedViewStatement create, ParsedStatement parsed)
    {
        var name = TableName(create.Name, create.Position);
        RequireNewName(name, create.Position);
        var definition = CubeDefinition.Analyze(create.Query, new QueryBinder(this));
        var text = parsed.TextFrom(_script, create.Query.Position).TrimEnd().TrimEnd(';');
        var entry = BuildCube(name, definition, text, create.Position);
        CommitOrDelete(_manifest with { Tables = [.. _manifest.Tables, entry] }, entry.Segments);
        return QueryResult.Empty(entry.RowCount);
    }

    private QueryResult RefreshMaterializedView(RefreshMaterializedViewStatement refresh)
    {
        var name = TableName(refresh.Name, refresh.Position);
        var old = _manifest.FindTable(name);
        if (old?.Cube is null)
        {
            throw new BindException(NameSuggestions.WithSuggestion($"materialized view {name} does not exist", name, _manifest.Tables.Where(t => t.Cube is not null).Select(t => t.Name)), refresh.Position);
        }

        var definition = CubeDefinition.Analyze(ParseDefinition(old), new QueryBinder(this));
        var entry = BuildCube(old.Name, definition, old.Cube.Sql, refresh.Position);
        CommitOrDelete(ReplaceTable(old, entry), entry.Segments);
        RetireSegments(old);
        return QueryResult.Empty(entry.RowCount);
    }

    private TableEntry BuildCube(string name, CubeDefinition definition, string sql, SqlPosition position)
    {
        var plan = BindQuery(definition.StorageQuery);
        var columns = plan.Columns.Select((c, i) => new ColumnDefinition(definition.Columns[i].Name, StorableType(c.Type))).ToList();
        RequireDistinctNames([.. columns.Select(c => c.Name)], position);
        var entry = new TableEntry(name, columns, definition.SortKey, [], new CubeEntry(sql, definition.VisibleColumns, Stale: false));
        var rows = CubeRows(definition, this, columns);
        if (rows is LogicalGet { Source: DenseCubeSource { IsSorted: true } dense })
        {
            return entry with { Segments = WriteSegments(entry, writer => dense.ReadAll(writer.Append), inputSorted: true) };
        }

        return entry with { Segments = WriteSegments(entry, rows) };
    }

    /// <summary>
    /// The rows a cube stores, computed over the tables <paramref name="catalog"/> gives: by the dense build when the
    /// tables form a star (<see cref="DenseCubeBuilder"/>) and <paramref name="dense"/> allows, otherwise as a plan.
    /// There a cube of several grouping sets groups the joined rows once at its finest grain (in memory) and rolls
    /// every set up from that.
    /// </summary>
    private LogicalOperator CubeRows(CubeDefinition definition, IBindCatalog catalog, IReadOnlyList<ColumnDefinition> columns, bool dense = true)
    {
        if (dense
            && new QueryBinder(catalog).Bind(definition.InputQuery) is LogicalProjection joined
            && DenseCubeBuilder.TryBuild(definition, joined, columns, Context()) is { } built)
        {
            return new LogicalGet(built, built.Name, [.. Enumerable.Range(0, columns.Count)], []);
        }

        if (definition.Sets.Count == 1)
        {
            return CastForStorage(new QueryBinder(catalog).Bind(definition.StorageQuery), [.. columns]);
        }

        var finestPlan = CastForStorage(new QueryBinder(catalog).Bind(definition.FinestQuery), [.. columns]);
        var finest = ResultCollector.Collect(PhysicalPlanner.Plan(QueryOptimizer.Optimize(finestPlan)), [.. columns.Select(c => new ResultColumn(c.Name, c.Type))], Context());
        var source = new ResultTableSource("finest grouping", finest);
        var input = new LogicalGet(source, source.Name, [.. Enumerable.Range(0, columns.Count)], []);
        return new LogicalUnionAll([.. definition.Sets.Select(set => RollUp(input, definition, columns, set))], [.. columns.Select(c => new OutputColumn(c.Name, c.Type))]);
    }

    /// <summary>One grouping set from rows in stored layout: grouped by the set's dimensions, measures combined, the others NULL.</summary>
    private static LogicalProjection RollUp(LogicalOperator input, CubeDefinition definition, IReadOnlyList<ColumnDefinition> columns, CubeGroupingSet set)
    {
        var grouped = new HashSet<int>(set.Dimensions.Select(definition.DimensionStorage));
        var (aggregate, output) = CombineMeasures(input, definition, columns, i => grouped.Contains(i));
        var expressions = new List<BoundExpression>();
        for (var i = 0; i < columns.Count; i++)
        {
            var type = columns[i].Type;
            expressions.Add(definition.Columns[i].Role switch
            {
                CubeColumnRole.GroupingSet => new BoundConstant(ScalarValue.FromInt64(set.Mask), type),
                CubeColumnRole.Dimension when !grouped.Contains(i) => new BoundConstant(ScalarValue.Null, type),
                _ => output[i],
            });
        }

        return new LogicalProjection(aggregate, expressions, [.. columns.Select(c => new OutputColumn(c.Name, c.Type))]);
    }

    /// <summary>
    /// Groups rows in stored layout by the columns <paramref name="isGroup"/> picks and combines each measure (sums
    /// and counts add up, minimums and maximums combine, an average is its combined sum over its combined count).
    /// Returns the aggregate and, per stored column, the expression over it that gives the column's value (null
    /// for columns neither grouped nor measures).
    /// </summary>
    private static (LogicalAggregate Aggregate, BoundExpression[] Output) CombineMeasures(LogicalOperator input, CubeDefinition definition, IReadOnlyList<ColumnDefinition> columns, Func<int, bool> isGroup)
    {
        BoundColumn Column(int index) => new(index, columns[index].Type, columns[index].Name);
        var groups = new List<BoundExpression>();
        var aggregates = new List<BoundAggregate>();
        var position = new int[columns.Count];
        Array.Fill(position, -1);
        for (var i = 0; i < columns.Count; i++)
        {
            if (isGroup(i))
            {
                position[i] = groups.Count;
                groups.Add(Column(i));
            }
        }

        for (var i = 0; i < columns.Count; i++)
        {
            var role = definition.Columns[i].Role;
            if (isGroup(i) || role is CubeColumnRole.Dimension or CubeColumnRole.GroupingSet or CubeColumnRole.Average)
            {
                continue;
            }

            var column = Column(i);
            position[i] = groups.Count + aggregates.Count;
            aggregates.Add(role switch
            {
                CubeColumnRole.Min => new BoundAggregate(AggregateKind.Min, column, false, column.Type),
                CubeColumnRole.Max => new BoundAggregate(AggregateKind.Max, column, false, column.Type),
                _ => new BoundAggregate(AggregateKind.Sum, column, false, AggregateBinder.SumType(column.Type, default)),
            });
        }

        var aggregateColumns = groups.Select(g => new OutputColumn(((BoundColumn)g).Name, g.Type)).Concat(aggregates.Select(a => new OutputColumn(a.ToString(), a.Type))).ToList();
        var aggregate = new LogicalAggregate(input, groups, aggregates, aggregateColumns);

        BoundExpression? Combined(int stored) => position[stored] < 0 ? null : new BoundColumn(position[stored], aggregateColumns[position[stored]].Type, aggregateColumns[position[stored]].Name);
        var output = new BoundExpression[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            var definitionColumn = definition.Columns[i];
            BoundExpression? value = definitionColumn.Role == CubeColumnRole.Average
                ? new BoundArithmetic(
                    ArithmeticOperator.Divide,
                    ExpressionTyping.Cast(Combined(definitionColumn.AverageSum)!, ColumnType.Double),
                    ExpressionTyping.Cast(Combined(definitionColumn.AverageCount)!, ColumnType.Double),
                    ColumnType.Double)
                : Combined(i);
            output[i] = value is null ? null! : value.Type == columns[i].Type ? value : ExpressionTyping.Cast(value, columns[i].Type);
        }

        return (aggregate, output);
    }

    private static QueryNode ParseDefinition(TableEntry cube) => ((SelectStatement)SqlParser.ParseScript(cube.Cube!.Sql).Single()).Query;

    /// <summary>A cube's definition taken apart, analysed once per manifest entry.</summary>
    private CubeDefinition Definition(TableEntry cube) => _database.CubeDefinitions.GetValue(cube, entry => CubeDefinition.Analyze(ParseDefinition(entry), new QueryBinder(this)));

    /// <summary>The fresh cubes a query of this connection may be answered from (none with <c>SET use_cubes = false</c>).</summary>
    private List<CubeCandidate>? CubeCandidates()
    {
        if (!_connection.UseCubes)
        {
            return null;
        }

        List<CubeCandidate>? candidates = null;
        foreach (var table in _manifest.Tables)
        {
            if (table.Cube is not { Stale: false })
            {
                continue;
            }

            CubeDefinition definition;
            try
            {
                definition = Definition(table);
            }
            catch (BindException)
            {
                continue;
            }

            var entry = table;
            (candidates ??= []).Add(new CubeCandidate(entry.Name, definition, entry.RowCount, description => _database.OpenTable(entry, description)));
        }

        return candidates;
    }

    /// <summary>Appends kept apart make a cube's rows be regrouped once they hold more than one row in this many of the cube's.</summary>
    private const int DeltaRowsShare = 8;

    /// <summary>Appends of at least this many rows are aggregated by the dense build, smaller ones by a plan.</summary>
    private const int DenseAppendRows = 1 << 18;

    /// <summary>At most this many appended segments per cube: more are regrouped into one (the cube's other rows untouched).</summary>
    private const int MaxDeltaSegments = 16;

    /// <summary>
    /// Adds <paramref name="added"/> (segments already written) to <paramref name="table"/> and brings every cube over
    /// the table up to date, all in one commit: a query sees the table and its cubes together or neither. The new
    /// rows are aggregated on their own (joined with the cube's other tables, as they are) and written as a segment
    /// of partial aggregates beside the cube's (<see cref="CubeEntry.DeltaSegments"/>): an append costs what its own
    /// rows cost, not the cube's size. Once the appended segments are many, they are regrouped into one; once their
    /// rows are a large share of the cube, the whole cube is regrouped and written anew. If anything fails, nothing
    /// changes and every file written is deleted.
    /// </summary>
    internal void CommitAppend(TableEntry table, IReadOnlyList<SegmentEntry> added)
    {
        var written = new List<SegmentEntry>(added);
        var retired = new List<SegmentEntry>();
        var transient = new List<SegmentEntry>(); // appended aggregates regrouped before any manifest named them
        try
        {
            var tables = _manifest.Tables.Select(t => ReferenceEquals(t, table) ? table with { Segments = [.. table.Segments, .. added] } : t).ToList();
            var name = table.Name.ToLowerInvariant();
            for (var i = 0; i < tables.Count; i++)
            {
                var cube = tables[i];
                if (cube.Cube is not { Stale: false } state)
                {
                    continue;
                }

                CubeDefinition definition;
                try
                {
                    definition = Definition(cube);
                }
                catch (BindException)
                {
                    tables[i] = cube with { Cube = state with { Stale = true } };
                    continue;
                }

                if (!definition.Block.Tables.Contains(name))
                {
                    continue;
                }

                // The dense build's cost is the cube's cells and the dimensions', whatever the rows: a small append
                // goes through joins and grouping instead, costing what its rows cost.
                var appended = new ReplacedTableCatalog(this, table.Name, _database.OpenTable(table with { Segments = added }));
                var delta = WriteSegments(cube, CubeRows(definition, appended, cube.Columns, dense: added.Sum(s => s.RowCount) >= DenseAppendRows));
                written.AddRange(delta);
                var whole = cube.Segments.Count - state.DeltaSegments;
                List<SegmentEntry> kept = [.. cube.Segments.Take(whole)];
                List<SegmentEntry> deltas = [.. cube.Segments.Skip(whole), .. delta];
                if (deltas.Sum(s => s.RowCount) * DeltaRowsShare > kept.Sum(s => s.RowCount))
                {
                    // The appends outgrew their share: the cube is grouped again whole, one row per group.
                    var regrouped = WriteSegments(cube, Regroup(cube with { Segments = [.. kept, .. deltas] }, definition));
                    written.AddRange(regrouped);
                    retired.AddRange(kept);
                    retired.AddRange(deltas.Except(delta));
                    transient.AddRange(delta);
                    tables[i] = cube with { Segments = regrouped, Cube = state with { DeltaSegments = 0 } };
                }
                else if (deltas.Count > MaxDeltaSegments)
                {
                    var regrouped = WriteSegments(cube, Regroup(cube with { Segments = deltas }, definition));
                    written.AddRange(regrouped);
                    retired.AddRange(deltas.Except(delta));
                    transient.AddRange(delta);
                    tables[i] = cube with { Segments = [.. kept, .. regrouped], Cube = state with { DeltaSegments = regrouped.Count } };
                }
                else
                {
                    tables[i] = cube with { Segments = [.. kept, .. deltas], Cube = state with { DeltaSegments = deltas.Count } };
                }
            }

            Commit(_manifest with { Tables = tables });
        }
        catch
        {
            DeleteQuietly(written);
            throw;
        }

        foreach (var segment in retired.Concat(transient))
        {
            _database.RetireSegment(segment.FileName);
        }

        // No manifest, committed or of a transaction, ever named these: nothing else removes them.
        DeleteQuietly(transient);
    }

    /// <summary>A cube's rows (those of <paramref name="cube"/>'s segments) grouped again: sums and counts add, minimums and maximums combine.</summary>
    private LogicalProjection Regroup(TableEntry cube, CubeDefinition definition) => Regrouped(_database.OpenTable(cube), cube, definition);

    private static LogicalProjection Regrouped(ITableSource stored, TableEntry cube, CubeDefinition definition)
    {
        var columns = cube.Columns;
        var rows = new LogicalGet(stored, cube.Name, [.. Enumerable.Range(0, columns.Count)], []);
        var (aggregate, output) = CombineMeasures(rows, definition, columns, i => definition.Columns[i].Role is CubeColumnRole.Dimension or CubeColumnRole.GroupingSet);
        return new LogicalProjection(aggregate, output, [.. columns.Select(c => new OutputColumn(c.Name, c.Type))]);
    }

    /// <inheritdoc />
    public LogicalOperator? CombinedCubeRows(string name, ITableSource source)
    {
        if (source is not SegmentedTable || _manifest.FindTable(name) is not { Cube.DeltaSegments: > 0 } cube)
        {
            return null;
        }

        return Regrouped(source, cube, Definition(cube));
    }

    /// <summary>The materialized views that read <paramref name="table"/>.</summary>
    private List<string> CubesReading(TableEntry table)
    {
        var name = table.Name.ToLowerInvariant();
        var readers = new List<string>();
        foreach (var cube in _manifest.Tables)
        {
            if (cube.Cube is null || ReferenceEquals(cube, table))
            {
                continue;
            }

            try
            {
                if (Definition(cube).Block.Tables.Contains(name))
                {
                    readers.Add(cube.Name);
                }
            }
            catch (BindException)
            {
                // A definition that no longer binds reads nothing that must be protected.
            }
        }

        return readers;
    }

    private void RetireSegments(TableEntry table)
    {
        foreach (var segment in table.Segments)
        {
            _database.RetireSegment(segment.FileName);
        }
    }

    /// <summary>The statement's catalog with one table standing for only its new rows (for aggregating an append).</summary>
    private sealed class ReplacedTableCatalog(IBindCatalog inner, string table, ITableSource rows) : IBindCatalog
    {
        public ITableSource? FindTable(string name) => string.Equals(name, table, StringComparison.OrdinalIgnoreCase) ? rows : inner.FindTable(name);

        public string? FindView(string name) => inner.FindView(name);

        public IEnumerable<string> Names => inner.Names;

        public ITableSource OpenFile(string path, SqlPosition position, FileReadOptions options) => inner.OpenFile(path, position, options);

        public BoundLiteral BindParameter(ParameterExpression parameter) => inner.BindParameter(parameter);

        public QueryResult Run(LogicalOperator plan) => inner.Run(plan);

        public LogicalOperator? CombinedCubeRows(string name, ITableSource source) => inner.CombinedCubeRows(name, source);
    }
}
