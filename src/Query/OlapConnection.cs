using Olap.Query.Execution;
using Olap.Query.Parsing;

namespace Olap.Query;

/// <summary>Runs SQL against a database. A connection is used by one thread at a time; open one per thread.</summary>
public sealed class OlapConnection : IDisposable
{
    private readonly OlapDatabase _database;

    internal OlapConnection(OlapDatabase database)
    {
        _database = database;
        Threads = database.DefaultThreads;
    }

    public OlapDatabase Database => _database;

    /// <summary>Workers per query (<c>SET threads = n</c>).</summary>
    public int Threads { get; set; }

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
    public IReadOnlyList<QueryResult> ExecuteScript(string sql, CancellationToken cancellation = default)
    {
        var statements = SqlParser.ParseScriptWithText(sql);
        var results = new List<QueryResult>(statements.Count);
        foreach (var statement in statements)
        {
            results.Add(new StatementRunner(_database, this, sql, cancellation).Run(statement));
        }

        return results;
    }

    /// <summary>
    /// A bulk loader for <paramref name="table"/>: append chunks of column vectors, then <see cref="OlapAppender.Commit"/>
    /// to add them to the table atomically.
    /// </summary>
    public OlapAppender CreateAppender(string table) => new(_database, table);

    public void Dispose()
    {
        // Connections hold no resources of their own; the database owns files and readers.
    }
}
