using System.Text;
using Olap.Query;
using Olap.Query.Binding;
using Olap.Query.Parsing;

namespace Olap.Cli.Rendering;

/// <summary>
/// An error as PostgreSQL and DuckDB lay it out: the message, then for an error at a place in the SQL the line it is
/// on and a caret under the column, then what the parser expected there, one short list.
/// </summary>
internal static class ErrorRenderer
{
    private const string ExpectedMarker = "; expected ";

    /// <param name="source">The text the statement was cut from; its lines are the ones quoted.</param>
    /// <param name="firstLine">The number the first line of <paramref name="source"/> has in its file (1 when typed).</param>
    /// <param name="linesAdded">Lines put before the statement when it was run (<c>.explain</c> adds one), not in the source.</param>
    public static string Render(Exception error, string source, int firstLine, Palette palette, int linesAdded = 0)
    {
        var (problem, line, column) = error switch
        {
            SqlSyntaxException syntax => (syntax.Problem, syntax.Line, syntax.Column),
            BindException bind => (bind.Problem, bind.Position.Line, bind.Position.Column),
            OperationCanceledException => ("interrupted: the statement was cancelled and changed nothing", 0, 0),
            QueryException => (error.Message, 0, 0),
            _ => ($"internal error ({error.GetType().Name}): {error.Message}", 0, 0),
        };

        line -= linesAdded;

        var expected = string.Empty;
        var marker = problem.IndexOf(ExpectedMarker, StringComparison.Ordinal);
        if (marker >= 0)
        {
            expected = problem[(marker + ExpectedMarker.Length)..];
            problem = problem[..marker];
        }

        var builder = new StringBuilder();
        builder.Append(palette.Error("Error: ")).Append(problem);
        var lines = source.Split('\n');
        if (line >= 1 && line <= lines.Length)
        {
            var number = firstLine + line - 1;
            builder.Append($" (line {number}, column {column})");
            var text = lines[line - 1].TrimEnd('\r');
            var prefix = $"LINE {number}: ";
            builder.Append('\n').Append(prefix).Append(text).Append('\n');
            builder.Append(' ', prefix.Length);
            for (var i = 0; i < column - 1 && i < text.Length; i++)
            {
                // Tabs stay tabs so the caret lines up whatever the tab width.
                builder.Append(text[i] == '\t' ? '\t' : ' ');
            }

            builder.Append(palette.Error("^"));
        }

        if (expected.Length > 0)
        {
            builder.Append("\nExpected: ").Append(expected);
        }

        return builder.ToString();
    }
}
