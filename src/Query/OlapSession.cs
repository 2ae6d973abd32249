using Olap.Query.Binding;
using Olap.Query.Execution;
using Olap.Query.Parsing;

namespace Olap.Query;

/// <summary>
/// Runs SQL against a database: the engine's own connection (the ADO.NET provider's OlapConnection wraps one). A
/// session is used by one thread at a time; open one per thread.
/// </summary>
public sealed class OlapSession : IDisposable
{
    private readonly OlapDatabase _database;

    internal OlapSession(OlapDatabase database)
    {
        _database = database;
        Threads = database.DefaultThreads;
    }

    public OlapDatabase Database => _database;

    private readonly Dictionary<string, Catalog.ITableSource> _registered = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Makes Arrow record batches queryable as table <paramref name="name"/> in this session (before stored tables of
    /// the same name), without copying them into the database: <c>SELECT ... FROM name</c>. The batches are kept until
    /// <see cref="Unregister"/> or the session ends.
    /// </summary>
    public void RegisterArrow(string name, Apache.Arrow.Schema schema, IEnumerable<Apache.Arrow.RecordBatch> batches)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        PlanCache.Clear();
        _registered[name] = new Arrow.ArrowTableSource(name, schema, [.. batches]);
    }

    /// <summary>Reads <paramref name="stream"/> to its end and registers its batches as table <paramref name="name"/>.</summary>
    public void RegisterArrow(string name, Apache.Arrow.Ipc.IArrowArrayStream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var batches = new List<Apache.Arrow.RecordBatch>();
        while (stream.ReadNextRecordBatchAsync().AsTask().GetAwaiter().GetResult() is { } batch)
        {
            batches.Add(batch);
        }

        RegisterArrow(name, stream.Schema, batches);
    }

    /// <summary>Forgets a registered table; false when there was none of that name.</summary>
    public bool Unregister(string name)
    {
        PlanCache.Clear();
        return _registered.Remove(name);
    }

    /// <summary>Optimized plans of this connection's recent queries (a registered table may shadow a stored one, so they are per connection).</summary>
    internal PlanCache PlanCache { get; } = new();

    internal Catalog.ITableSource? FindRegistered(string name) => _registered.GetValueOrDefault(name);

    internal IEnumerable<string> RegisteredNames => _registered.Keys;

    /// <summary>The transaction BEGIN opened on this connection, until COMMIT or ROLLBACK.</summary>
    internal Transaction? Transaction { get; set; }

    /// <summary>True between BEGIN and COMMIT or ROLLBACK.</summary>
    public bool InTransaction => Transaction is not null;

    /// <summary>Workers per query (<c>SET threads = n</c>).</summary>
    public int Threads { get; set; }

    /// <summary>Whether queries may be answered from materialized views (<c>SET use_cubes = false</c> turns it off).</summary>
    public bool UseCubes { get; set; } = true;

    /// <summary>
    /// When set, the statements this connection runs report their scans' progress here, so another thread can show
    /// a progress bar. Set a fresh one per statement; null (the default) costs nothing.
    /// </summary>
    public QueryProgress? Progress { get; set; }

    /// <summary>
    /// Runs every statement of <paramref name="sql"/> in order and returns the last one's result. Errors are
    /// <see cref="Parsing.SqlSyntaxException"/>, <see cref="Binding.BindException"/> (both with line, column and a
    /// caret under the problem) or <see cref="QueryException"/>; the statement that failed changed nothing.
    /// </summary>
    public QueryResult Execute(string sql, CancellationToken cancellation = default)
    {
        var results = ExecuteScript(sql, cancellation);
        return results.Count == 0 ? QueryResult.Empty(0) : results[^1];
    }

    /// <summary>Runs every statement and returns each one's result.</summary>
    public IReadOnlyList<QueryResult> ExecuteScript(string sql, CancellationToken cancellation = default) => ExecuteScript(sql, [], cancellation);

    /// <summary>
    /// Runs every statement with <paramref name="parameters"/> as the values of its <c>$1</c>, <c>?</c>, <c>@name</c>
    /// and <c>:name</c> parameters (<see cref="QueryParameter"/>), and returns each statement's result.
    /// </summary>
    public IReadOnlyList<QueryResult> ExecuteScript(string sql, IReadOnlyList<QueryParameter> parameters, CancellationToken cancellation = default) =>
        [.. ExecuteEach(sql, parameters, cancellation)];

    /// <summary>
    /// Parses the whole script now (a syntax error anywhere is thrown here, before anything runs), then runs each
    /// statement when the enumeration reaches it: a data reader runs a script's statements one result at a time.
    /// </summary>
    public IEnumerable<QueryResult> ExecuteEach(string sql, IReadOnlyList<QueryParameter> parameters, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(sql);
        ArgumentNullException.ThrowIfNull(parameters);
        var statements = SqlParser.ParseScriptWithText(sql);
        var values = parameters.Count == 0 ? null : new ParameterValues(parameters, sql);
        return Run(statements, sql, values, cancellation);
    }

    /// <summary>
    /// Like <see cref="ExecuteEach"/>, but each query's rows stream (<see cref="ResultStream"/>) instead of being
    /// collected: a query over a hundred million rows is read a chunk at a time. Dispose each stream before moving on;
    /// the next statement runs when the enumeration reaches it.
    /// </summary>
    public IEnumerable<ResultStream> ExecuteStreaming(string sql, IReadOnlyList<QueryParameter> parameters, CancellationToken cancellation = default) =>
        ExecuteStreaming(sql, parameters, freshBuffers: false, cancellation);

    /// <summary>
    /// <see cref="ExecuteStreaming(string, IReadOnlyList{QueryParameter}, CancellationToken)"/>; with
    /// <paramref name="freshBuffers"/> every chunk has memory of its own that is never reused, so its buffers may be
    /// handed on without copying (Arrow record batches).
    /// </summary>
    public IEnumerable<ResultStream> ExecuteStreaming(string sql, IReadOnlyList<QueryParameter> parameters, bool freshBuffers, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(sql);
        ArgumentNullException.ThrowIfNull(parameters);
        var statements = SqlParser.ParseScriptWithText(sql);
        var values = parameters.Count == 0 ? null : new ParameterValues(parameters, sql);
        return Stream(statements, sql, values, freshBuffers, cancellation);
    }

    private IEnumerable<ResultStream> Stream(IReadOnlyList<ParsedStatement> statements, string sql, ParameterValues? values, bool freshBuffers, CancellationToken cancellation)
    {
        foreach (var statement in statements)
        {
            yield return WithNewestSnapshot(() => new StatementRunner(_database, this, sql, cancellation, values).RunStreaming(statement, freshBuffers));
        }
    }

    private IEnumerable<QueryResult> Run(IReadOnlyList<ParsedStatement> statements, string sql, ParameterValues? values, CancellationToken cancellation)
    {
        foreach (var statement in statements)
        {
            yield return WithNewestSnapshot(() => new StatementRunner(_database, this, sql, cancellation, values).Run(statement));
        }
    }

    /// <summary>
    /// Runs a statement on the database's newest committed state. A read-only open looks for what the writing
    /// process committed first. A statement runs again if a commit removed a segment of its snapshot before the
    /// statement opened it (a background merge, or another connection's DROP, in between).
    /// </summary>
    private T WithNewestSnapshot<T>(Func<T> run)
    {
        const int attempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            if (_database.IsReadOnly)
            {
                _database.RefreshReadOnly();
            }

            try
            {
                return run();
            }
            catch (SnapshotGoneException gone)
            {
                if (attempt == attempts)
                {
                    throw new QueryException(gone.Message, gone);
                }
            }
        }
    }

    /// <summary>
    /// A bulk loader for <paramref name="table"/>: append chunks of column vectors, then <see cref="OlapAppender.Commit"/>
    /// to add them to the table atomically.
    /// </summary>
    public OlapAppender CreateAppender(string table) => new(_database, this, table);

    public void Dispose()
    {
        // A transaction still open when its connection closes is rolled back. Otherwise connections hold nothing of
        // their own; the database owns files and readers.
        if (Transaction is { } transaction)
        {
            StatementRunner.RollBack(_database, this, transaction);
        }
    }
}
