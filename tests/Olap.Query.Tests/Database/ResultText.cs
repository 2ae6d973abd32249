namespace Olap.Query.Tests.Database;

/// <summary>Results as rows of SQL text, for comparing whole answers.</summary>
public static class ResultText
{
    public static List<string[]> Rows(QueryResult result)
        => [.. Enumerable.Range(0, result.RowCount).Select(r => Enumerable.Range(0, result.Columns.Count).Select(c => result.GetText(r, c)).ToArray())];

    /// <summary>Rows joined by '|' in the result's order.</summary>
    public static List<string> Lines(QueryResult result) => [.. Rows(result).Select(r => string.Join("|", r))];

    /// <summary>Rows joined by '|', sorted: for queries without ORDER BY.</summary>
    public static List<string> SortedLines(QueryResult result) => [.. Lines(result).Order(StringComparer.Ordinal)];

    public static List<string> SortedLines(IEnumerable<string[]> rows) => [.. rows.Select(r => string.Join("|", r)).Order(StringComparer.Ordinal)];

    /// <summary>The first column of every row.</summary>
    public static List<string> Column(QueryResult result, int column = 0) => [.. Enumerable.Range(0, result.RowCount).Select(r => result.GetText(r, column))];
}
