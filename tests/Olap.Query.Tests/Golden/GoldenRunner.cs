using System.Text;
using System.Text.RegularExpressions;
using Olap.Query.Binding;
using Olap.Query.Parsing;

namespace Olap.Query.Tests.Golden;

/// <summary>The outcome of one golden file: how many cases ran and a report of each that did not match.</summary>
internal sealed record GoldenOutcome(string File, int Cases, IReadOnlyList<string> Failures)
{
    public string Report()
    {
        var text = new StringBuilder();
        text.Append(Failures.Count).Append(" of ").Append(Cases).Append(" cases of ").Append(File).AppendLine(" failed:").AppendLine();
        foreach (var failure in Failures)
        {
            text.AppendLine(failure);
        }

        return text.ToString();
    }
}

/// <summary>Runs a golden file on a fresh in-memory database, one connection, case after case.</summary>
internal static partial class GoldenRunner
{
    public static GoldenOutcome Run(GoldenFile file)
    {
        var temp = Path.Combine(Path.GetTempPath(), $"olap-golden-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temp);
        var failures = new List<string>();
        try
        {
            using var database = OlapDatabase.OpenInMemory();
            using var connection = database.Connect();
            foreach (var golden in file.Cases)
            {
                if (Check(connection, golden, temp) is { } problem)
                {
                    failures.Add(Describe(file, golden, problem));
                }
            }
        }
        finally
        {
            try
            {
                Directory.Delete(temp, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        return new GoldenOutcome(file.Name, file.Cases.Count, failures);
    }

    /// <summary>Null when the case holds, else what went wrong.</summary>
    private static string? Check(OlapSession connection, GoldenCase golden, string temp)
    {
        if (golden.Kind == GoldenCaseKind.File)
        {
            var path = GoldenText.Substitute(golden.FilePath!, temp);
            if (!File.Exists(path))
            {
                return $"file {golden.FilePath} was not written";
            }

            var written = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n').Select(l => l.Length == 0 ? GoldenText.EmptyString : l).ToList();
            return Compare(golden.Expected, written, sortFrom: -1);
        }

        QueryResult result;
        try
        {
            result = connection.Execute(GoldenText.Substitute(golden.Sql, temp));
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            var actual = ErrorText(error);
            if (golden.Kind != GoldenCaseKind.StatementError)
            {
                return $"unexpected error:\n    {actual}";
            }

            return golden.Expected.Count == 0 || ErrorMatches(golden.Expected[0], error) ? null : $"expected error:\n    {golden.Expected[0]}\n  actual error:\n    {actual}";
        }

        switch (golden.Kind)
        {
            case GoldenCaseKind.StatementError:
                return $"expected error:\n    {(golden.Expected.Count == 0 ? "(any)" : golden.Expected[0])}\n  but the statement succeeded";
            case GoldenCaseKind.StatementCount when result.RowsAffected != golden.ExpectedCount:
                return $"expected {golden.ExpectedCount} rows changed, actual {result.RowsAffected}";
            case GoldenCaseKind.Query:
                return Compare(golden.Expected, Render(result, golden.Types), golden.RowSort ? (golden.Types ? 2 : 1) : -1);
            default:
                return null;
        }
    }

    /// <summary>The header, the types when asked for, and the rows, as the file writes them.</summary>
    public static List<string> Render(QueryResult result, bool types)
    {
        var lines = new List<string> { GoldenText.Row(result.Columns.Select(c => c.Name)) };
        if (types)
        {
            lines.Add(GoldenText.Row(result.Columns.Select(c => c.Type.ToString())));
        }

        for (var row = 0; row < result.RowCount; row++)
        {
            lines.Add(GoldenText.Row(Enumerable.Range(0, result.Columns.Count).Select(column => GoldenText.Cell(result.GetText(row, column)))));
        }

        return lines;
    }

    /// <summary>Compares line by line; with <paramref name="sortFrom"/> at 0 or more, lines from there on are sorted first.</summary>
    private static string? Compare(IReadOnlyList<string> expected, List<string> actual, int sortFrom)
    {
        var expectedLines = expected.ToList();
        if (sortFrom >= 0)
        {
            // The header (and types line) stay first; only the rows are sorted.
            var fixedLines = sortFrom;
            expectedLines = [.. expected.Take(fixedLines), .. GoldenText.SortRows(expected.Skip(fixedLines))];
            actual = [.. actual.Take(fixedLines), .. GoldenText.SortRows(actual.Skip(fixedLines))];
        }

        if (expectedLines.Count == actual.Count && expectedLines.Zip(actual).All(p => GoldenText.LinesAgree(p.First, p.Second)))
        {
            return null;
        }

        var text = new StringBuilder("expected:\n");
        foreach (var line in expectedLines)
        {
            text.Append("    ").AppendLine(line);
        }

        text.Append("  actual:\n");
        foreach (var line in actual)
        {
            text.Append("    ").AppendLine(line);
        }

        var first = Enumerable.Range(0, Math.Max(expectedLines.Count, actual.Count)).First(i => i >= expectedLines.Count || i >= actual.Count || !GoldenText.LinesAgree(expectedLines[i], actual[i]));
        text.Append("  first difference at result line ").Append(first + 1);
        return text.ToString();
    }

    /// <summary>
    /// An expected error is <c>TEXT (line L, column C)</c> or <c>TEXT</c>: the problem must contain TEXT (ignoring
    /// case) and, when given, be reported at that line and column of the case's SQL.
    /// </summary>
    private static bool ErrorMatches(string expected, Exception error)
    {
        var match = ExpectedError().Match(expected);
        var text = match.Groups["text"].Value;
        var (problem, line, column) = Parts(error);
        if (!problem.Contains(text, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return !match.Groups["line"].Success
            || (line == int.Parse(match.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture)
                && column == int.Parse(match.Groups["column"].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    private static (string Problem, int Line, int Column) Parts(Exception error) => error switch
    {
        SqlSyntaxException syntax => (syntax.Problem, syntax.Line, syntax.Column),
        BindException bind => (bind.Problem, bind.Position.Line, bind.Position.Column),
        _ => (error.Message, 0, 0),
    };

    private static string ErrorText(Exception error)
    {
        var (problem, line, column) = Parts(error);
        var text = line > 0 ? $"{problem} (line {line}, column {column})" : problem;
        return error is SqlSyntaxException or BindException or QueryException ? text : $"{error.GetType().Name}: {text}";
    }

    private static string Describe(GoldenFile file, GoldenCase golden, string problem)
    {
        var directive = file.Lines[golden.Line - 1];
        var sql = string.Join("\n", golden.Sql.Split('\n').Select(l => "    " + l));
        return $"{file.Name}:{golden.Line}: {directive}\n{sql}\n  {problem}\n";
    }

    [GeneratedRegex(@"^(?<text>.*?)(?:\s*\(line (?<line>\d+), column (?<column>\d+)\))?$")]
    private static partial Regex ExpectedError();

}
