namespace Olap.Columnar.Format;

/// <summary>A native file that cannot be read as written: named with the file, the row group and column where known, and what is wrong.</summary>
public sealed class OlapFormatException : IOException
{
    public OlapFormatException(string filePath, string problem, int? rowGroup = null, string? column = null, Exception? inner = null)
        : base(Describe(filePath, problem, rowGroup, column), inner)
    {
        FilePath = filePath;
        Problem = problem;
        RowGroup = rowGroup;
        Column = column;
    }

    public string FilePath { get; }

    public string Problem { get; }

    public int? RowGroup { get; }

    public string? Column { get; }

    private static string Describe(string filePath, string problem, int? rowGroup, string? column)
    {
        var where = (rowGroup, column) switch
        {
            (int g, string c) => $", row group {g}, column \"{c}\"",
            (int g, null) => $", row group {g}",
            (null, string c) => $", column \"{c}\"",
            _ => string.Empty,
        };
        return $"'{filePath}'{where}: {problem}";
    }
}
