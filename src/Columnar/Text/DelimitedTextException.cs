namespace Olap.Columnar.Text;

/// <summary>
/// Bad delimited text: the message names the file, the 1-based physical line, the column when one is at fault, and
/// what is wrong, e.g. <c>'lineorder.tbl' line 17, column "lo_quantity": "abc" is not an INTEGER</c>.
/// </summary>
public sealed class DelimitedTextException : FormatException
{
    public DelimitedTextException()
    {
    }

    public DelimitedTextException(string message)
        : base(message)
    {
    }

    public DelimitedTextException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal DelimitedTextException(string sourceName, long line, string? columnName, string problem, Exception? innerException = null)
        : base(Describe(sourceName, line, columnName, problem), innerException)
    {
        SourceName = sourceName;
        LineNumber = line;
        ColumnName = columnName;
    }

    /// <summary>The file (or stream name) being read.</summary>
    public string? SourceName { get; }

    /// <summary>The 1-based physical line of the fault, or 0 when it concerns the file as a whole.</summary>
    public long LineNumber { get; }

    /// <summary>The column whose field is wrong, or null when the fault is the line's shape.</summary>
    public string? ColumnName { get; }

    private static string Describe(string sourceName, long line, string? columnName, string problem)
    {
        var where = line > 0 ? $"'{sourceName}' line {line}" : $"'{sourceName}'";
        return columnName is null ? $"{where}: {problem}" : $"{where}, column \"{columnName}\": {problem}";
    }
}
