using System.Text;

namespace Olap.Cli.Rendering;

/// <summary>
/// CSV as RFC 4180 has it (a header row, CRLF line ends, a field quoted when it holds the delimiter, a quote or a line
/// break, quotes doubled) with NULL as an empty field and the empty string as <c>""</c> so the two stay apart; TSV
/// the same with tabs.
/// </summary>
internal sealed class DelimitedRenderer(char delimiter, string lineEnd) : IResultRenderer
{
    public static DelimitedRenderer Csv { get; } = new(',', "\r\n");

    public static DelimitedRenderer Tsv { get; } = new('\t', "\n");

    public void Render(ResultView view, TextWriter output, RenderOptions options)
    {
        if (view.ColumnCount == 0)
        {
            return;
        }

        var line = new StringBuilder();
        for (var c = 0; c < view.ColumnCount; c++)
        {
            AppendField(line, c, view.Names[c]);
        }

        output.Write(line.Append(lineEnd).ToString());
        for (var row = 0; row < view.RowCount; row++)
        {
            line.Clear();
            for (var c = 0; c < view.ColumnCount; c++)
            {
                AppendField(line, c, view.Cell(row, c));
            }

            output.Write(line.Append(lineEnd).ToString());
        }
    }

    private void AppendField(StringBuilder line, int column, string? value)
    {
        if (column > 0)
        {
            line.Append(delimiter);
        }

        if (value is null)
        {
            return;
        }

        if (value.Length == 0 || value.AsSpan().IndexOfAny([delimiter, '"', '\r', '\n']) >= 0)
        {
            line.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }
        else
        {
            line.Append(value);
        }
    }
}
