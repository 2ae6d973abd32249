namespace Olap.Query.Tests.Golden;

/// <summary>What a golden case asks for.</summary>
internal enum GoldenCaseKind
{
    /// <summary><c>statement ok</c>: the SQL runs without error.</summary>
    Statement,

    /// <summary><c>statement count N</c>: the SQL runs and changes N rows.</summary>
    StatementCount,

    /// <summary><c>statement error</c>: the SQL fails with the expected problem at the expected position.</summary>
    StatementError,

    /// <summary><c>query</c>: the SQL returns the expected header, (types) and rows.</summary>
    Query,

    /// <summary><c>file PATH</c>: a file written by an earlier statement has exactly the expected lines.</summary>
    File,
}

/// <summary>
/// One case of a golden file: its kind, options, SQL and expected lines, with where they are in the file so the
/// DuckDB generator can rewrite the expected block in place.
/// </summary>
internal sealed record GoldenCase(
    GoldenCaseKind Kind,
    int Line,
    IReadOnlySet<string> Options,
    string Sql,
    long ExpectedCount,
    string? FilePath,
    IReadOnlyList<string> Expected,
    int ExpectedStart,
    int ExpectedEnd,
    int SeparatorLine)
{
    /// <summary>Rows are sorted before comparing: for queries without ORDER BY.</summary>
    public bool RowSort => Options.Contains("rowsort");

    /// <summary>The line after the header lists the column types.</summary>
    public bool Types => Options.Contains("types");

    /// <summary>The expectation is Olap's own (written by hand); the DuckDB generator leaves it alone.</summary>
    public bool Handwritten => Options.Contains("handwritten");

    /// <summary>The SQL is not run in DuckDB when generating (it is Olap-only syntax, or DuckDB means something else).</summary>
    public bool OlapOnly => Options.Contains("olap-only");
}

/// <summary>
/// Reads the golden format (in the spirit of sqllogictest; README.md beside this file):
/// <code>
/// # comment
/// statement ok
/// CREATE TABLE t (a INTEGER);
///
/// query rowsort types
/// SELECT a FROM t;
/// ----
/// a
/// INTEGER
/// 1
/// </code>
/// A case is a directive line, SQL lines, optionally <c>----</c> and expected lines, and ends at a blank line.
/// </summary>
internal sealed class GoldenFile
{
    private static readonly HashSet<string> s_options = ["rowsort", "types", "handwritten", "olap-only"];

    private GoldenFile(string path, IReadOnlyList<string> lines, IReadOnlyList<GoldenCase> cases)
    {
        Path = path;
        Lines = lines;
        Cases = cases;
    }

    public string Path { get; }

    public string Name => System.IO.Path.GetFileName(Path);

    public IReadOnlyList<string> Lines { get; }

    public IReadOnlyList<GoldenCase> Cases { get; }

    public static GoldenFile Load(string path)
    {
        var lines = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (lines.Length > 0 && lines[^1].Length == 0)
        {
            lines = lines[..^1];
        }

        return new GoldenFile(path, lines, Parse(System.IO.Path.GetFileName(path), lines));
    }

    private static List<GoldenCase> Parse(string name, string[] lines)
    {
        var cases = new List<GoldenCase>();
        var i = 0;
        while (i < lines.Length)
        {
            var line = lines[i];
            if (line.Trim().Length == 0 || line.StartsWith('#'))
            {
                i++;
                continue;
            }

            var directiveLine = i + 1;
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            GoldenCaseKind kind;
            long count = 0;
            string? filePath = null;
            var optionStart = 1;
            switch (words[0])
            {
                case "statement" when words.Length >= 2 && words[1] == "ok":
                    kind = GoldenCaseKind.Statement;
                    optionStart = 2;
                    break;
                case "statement" when words.Length >= 3 && words[1] == "count" && long.TryParse(words[2], out count):
                    kind = GoldenCaseKind.StatementCount;
                    optionStart = 3;
                    break;
                case "statement" when words.Length >= 2 && words[1] == "error":
                    kind = GoldenCaseKind.StatementError;
                    optionStart = 2;
                    break;
                case "query":
                    kind = GoldenCaseKind.Query;
                    break;
                case "file" when words.Length >= 2:
                    kind = GoldenCaseKind.File;
                    filePath = words[1];
                    optionStart = 2;
                    break;
                default:
                    throw new FormatException($"{name}:{directiveLine}: unknown directive '{line}' (statement ok | statement count N | statement error | query [rowsort] [types] | file PATH)");
            }

            var options = new HashSet<string>(StringComparer.Ordinal);
            foreach (var option in words[optionStart..])
            {
                if (!s_options.Contains(option))
                {
                    throw new FormatException($"{name}:{directiveLine}: unknown option '{option}' (known: {string.Join(", ", s_options)})");
                }

                options.Add(option);
            }

            i++;
            var sql = new List<string>();
            while (i < lines.Length && lines[i].Trim().Length > 0 && lines[i] != "----")
            {
                sql.Add(lines[i]);
                i++;
            }

            var separator = -1;
            var expected = new List<string>();
            var expectedStart = i;
            if (i < lines.Length && lines[i] == "----")
            {
                separator = i;
                i++;
                expectedStart = i;
                while (i < lines.Length && lines[i].Length > 0)
                {
                    expected.Add(lines[i]);
                    i++;
                }
            }

            if (sql.Count == 0 && kind != GoldenCaseKind.File)
            {
                throw new FormatException($"{name}:{directiveLine}: '{line}' has no SQL");
            }

            cases.Add(new GoldenCase(kind, directiveLine, options, string.Join('\n', sql), count, filePath, expected, expectedStart, i, separator));
        }

        return cases;
    }

    /// <summary>The file's text with some cases' expected blocks replaced (the generator's output).</summary>
    public string WithExpected(IReadOnlyDictionary<GoldenCase, IReadOnlyList<string>> replacements)
    {
        var output = new List<string>(Lines);
        foreach (var (golden, expected) in replacements.OrderByDescending(r => r.Key.Line))
        {
            if (golden.SeparatorLine < 0)
            {
                output.InsertRange(golden.ExpectedStart, ["----", .. expected]);
            }
            else
            {
                output.RemoveRange(golden.ExpectedStart, golden.ExpectedEnd - golden.ExpectedStart);
                output.InsertRange(golden.ExpectedStart, expected);
            }
        }

        return string.Join('\n', output) + "\n";
    }
}
