namespace Olap.Query.Parsing;

/// <summary>
/// SQL that cannot be read: the problem, the 1-based line and column where it was found, and the statement text,
/// rendered the way PostgreSQL and DuckDB do (the line, then a caret under the column).
/// </summary>
public sealed class SqlSyntaxException : Exception
{
    public SqlSyntaxException(string problem, string sql, int line, int column)
        : base(SqlErrorRenderer.Render(problem, sql, line, column))
    {
        Problem = problem;
        Line = line;
        Column = column;
    }

    public string Problem { get; }

    public int Line { get; }

    public int Column { get; }
}
