using System.Text;

namespace Olap.Cli.Rendering;

/// <summary>A GitHub-flavoured Markdown table: numbers right-aligned by the separator row, '|' escaped, NULL as NULL.</summary>
internal sealed class MarkdownRenderer : IResultRenderer
{
    public static MarkdownRenderer Instance { get; } = new();

    public void Render(ResultView view, TextWriter output, RenderOptions options)
    {
        if (view.ColumnCount == 0)
        {
            return;
        }

        output.WriteLine(Row(view.ColumnCount, c => Escape(view.Names[c])));
        output.WriteLine(Row(view.ColumnCount, c => view.Kinds[c] == CellKind.Number ? "---:" : "---"));
        for (var row = 0; row < view.RowCount; row++)
        {
            output.WriteLine(Row(view.ColumnCount, c => Escape(view.Cell(row, c) ?? "NULL")));
        }
    }

    private static string Row(int columns, Func<int, string> cell)
    {
        var builder = new StringBuilder("|");
        for (var c = 0; c < columns; c++)
        {
            builder.Append(' ').Append(cell(c)).Append(" |");
        }

        return builder.ToString();
    }

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\r", string.Empty, StringComparison.Ordinal).Replace("\n", "<br>", StringComparison.Ordinal);
}
