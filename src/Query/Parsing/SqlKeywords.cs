namespace Olap.Query.Parsing;

/// <summary>
/// Words with a meaning in the dialect. Reserved words cannot name a table or column without quotes; the others
/// (DATE, FIRST, LAST, TABLES, ...) can, as in DuckDB, which is what lets the SSB name a table <c>date</c>.
/// </summary>
public static class SqlKeywords
{
    private static readonly HashSet<string> s_reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "ALL", "AND", "AS", "ASC", "BETWEEN", "BY", "CASE", "CAST", "CREATE", "DESC", "DISTINCT", "DROP", "ELSE",
        "CROSS", "END", "EXISTS", "FALSE", "FROM", "FULL", "GROUP", "HAVING", "IN", "INNER", "INSERT", "INTO", "IS", "JOIN", "LEFT",
        "LIKE", "LIMIT", "NATURAL", "NOT", "NULL", "OFFSET", "ON", "OR", "ORDER", "OUTER", "RIGHT", "SELECT", "THEN", "TRUE", "UNION", "VALUES",
        "WHEN", "WHERE", "WITH",
    };

    /// <summary>True when <paramref name="word"/> needs double quotes to be used as a name.</summary>
    public static bool IsReserved(ReadOnlySpan<char> word) => s_reserved.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word);
}
