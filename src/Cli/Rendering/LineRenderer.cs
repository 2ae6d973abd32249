namespace Olap.Cli.Rendering;

/// <summary>sqlite3's <c>line</c> mode: one "name = value" line per column, names right-aligned, a blank line between rows.</summary>
internal sealed class LineRenderer : IResultRenderer
{
    public static LineRenderer Instance { get; } = new();

    public void Render(ResultView view, TextWriter output, RenderOptions options)
    {
        var width = view.Names.Count == 0 ? 0 : view.Names.Max(DisplayWidth.Of);
        for (var row = 0; row < view.RowCount; row++)
        {
            if (row > 0)
            {
                output.WriteLine();
            }

            for (var c = 0; c < view.ColumnCount; c++)
            {
                var name = view.Names[c];
                var value = view.Cell(row, c);
                var padding = new string(' ', width - DisplayWidth.Of(name));
                output.WriteLine($"{padding}{name} = {(value is null ? options.Palette.Null("NULL") : value)}");
            }
        }
    }
}
