namespace Olap.Cli.Terminal;

/// <summary>The dialect's keywords and functions (README, "Using the SQL engine"): what completion offers and the highlighter colours.</summary>
internal static class SqlWords
{
    public static IReadOnlyList<string> Keywords { get; } =
    [
        "SELECT", "FROM", "WHERE", "GROUP", "BY", "HAVING", "ORDER", "LIMIT", "OFFSET", "ASC", "DESC", "NULLS", "FIRST",
        "LAST", "DISTINCT", "ALL", "AS", "ON", "USING", "JOIN", "INNER", "LEFT", "RIGHT", "FULL", "OUTER", "CROSS",
        "NATURAL", "UNION", "WITH", "AND", "OR", "NOT", "IN", "IS", "NULL", "LIKE", "BETWEEN", "EXISTS", "CASE", "WHEN",
        "THEN", "ELSE", "END", "CAST", "TRUE", "FALSE", "CREATE", "TABLE", "VIEW", "SORTED", "DROP", "IF", "INSERT",
        "INTO", "VALUES", "COPY", "TO", "DELIMITER", "HEADER", "FORMAT", "EXPLAIN", "ANALYZE", "SHOW", "TABLES",
        "DESCRIBE", "SET", "THREADS", "INTEGER", "BIGINT", "SMALLINT", "DOUBLE", "DECIMAL", "VARCHAR", "BOOLEAN", "DATE",
        "TIMESTAMP", "HUGEINT",
    ];

    public static IReadOnlyList<string> Functions { get; } =
    [
        "count", "sum", "avg", "min", "max", "abs", "round", "floor", "ceil", "coalesce", "nullif", "length", "upper",
        "lower", "substring", "concat", "trim", "ltrim", "rtrim", "extract", "date_part", "date_trunc", "year", "quarter",
        "month", "day", "dayofweek", "dayofyear",
    ];

    private static readonly HashSet<string> s_keywords = new(Keywords, StringComparer.OrdinalIgnoreCase);

    public static bool IsKeyword(string word) => s_keywords.Contains(word);
}
