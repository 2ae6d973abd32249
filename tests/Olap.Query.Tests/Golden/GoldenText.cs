using System.Globalization;

namespace Olap.Query.Tests.Golden;

/// <summary>How values, placeholders and rows are written in golden files, shared by the runner and the DuckDB generator.</summary>
internal static class GoldenText
{
    /// <summary>An empty string cell (a blank line would end the case).</summary>
    public const string EmptyString = "(empty)";

    /// <summary>The folder of CSV fixtures, <c>${DATA}</c> in SQL.</summary>
    public static string DataFolder { get; } = RepositoryFiles.PathOf("tests", "Olap.Query.Tests", "Golden", "data");

    /// <summary>The folder of golden files.</summary>
    public static string SqlFolder { get; } = RepositoryFiles.PathOf("tests", "Olap.Query.Tests", "Golden", "sql");

    /// <summary><c>${DATA}</c> becomes the fixture folder and <c>${TEMP}</c> the file's own scratch folder.</summary>
    public static string Substitute(string text, string temp)
        => text.Replace("${DATA}", DataFolder, StringComparison.Ordinal).Replace("${TEMP}", temp, StringComparison.Ordinal);

    public static string Cell(string text) => text.Length == 0 ? EmptyString : text.Replace("\t", "\\t", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    public static string Row(IEnumerable<string> cells) => string.Join('\t', cells);

    public static List<string> SortRows(IEnumerable<string> rows) => [.. rows.Order(StringComparer.Ordinal)];

    /// <summary>
    /// True when two result lines agree: equal text, or cells that are long numbers (15 digits or more: DOUBLEs) equal to 12 significant digits (a
    /// parallel DOUBLE sum may differ in its last bits from one run to the next).
    /// </summary>
    public static bool LinesAgree(string expected, string actual)
    {
        if (string.Equals(expected, actual, StringComparison.Ordinal))
        {
            return true;
        }

        var e = expected.Split('\t');
        var a = actual.Split('\t');
        if (e.Length != a.Length)
        {
            return false;
        }

        for (var i = 0; i < e.Length; i++)
        {
            if (string.Equals(e[i], a[i], StringComparison.Ordinal))
            {
                continue;
            }

            if (Math.Max(Digits(e[i]), Digits(a[i])) < 15
                || !double.TryParse(e[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
                || !double.TryParse(a[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var y)
                || Math.Abs(x - y) > 1e-12 * Math.Max(Math.Abs(x), Math.Abs(y)))
            {
                return false;
            }
        }

        return true;
    }

    private static int Digits(string text) => text.Count(char.IsAsciiDigit);
}
