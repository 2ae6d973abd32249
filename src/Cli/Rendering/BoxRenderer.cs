using System.Globalization;
using System.Text;

namespace Olap.Cli.Rendering;

/// <summary>
/// DuckDB's default layout: a box with each column's name and type in the header, numbers right-aligned, NULL
/// set apart, the middle of a long result elided (first and last rows, then "N rows (M shown)"), and columns that
/// do not fit the terminal dropped from the right and named under the box.
/// </summary>
internal sealed class BoxRenderer(BoxGlyphs glyphs) : IResultRenderer
{
    /// <summary>No cell is wider than this; longer text ends in '…' (DuckDB cuts long strings too).</summary>
    public const int MaxCellWidth = 40;

    private const string NullText = "NULL";

    public void Render(ResultView view, TextWriter output, RenderOptions options)
    {
        if (view.ColumnCount == 0)
        {
            return;
        }

        var rows = ShownRows(view.RowCount, options.MaxRows);
        var elided = rows.Count < view.RowCount;
        var widths = new int[view.ColumnCount];
        for (var c = 0; c < view.ColumnCount; c++)
        {
            var width = Math.Max(DisplayWidth.Of(view.Names[c]), DisplayWidth.Of(view.TypeNames[c]));
            foreach (var row in rows)
            {
                width = Math.Max(width, DisplayWidth.Of(view.Cell(row, c) ?? NullText));
            }

            widths[c] = Math.Min(width, MaxCellWidth);
        }

        var shown = FitColumns(widths, options.Width);
        var palette = options.Palette;
        output.WriteLine(Rule(glyphs.TopLeft, glyphs.TopMiddle, glyphs.TopRight, shown, widths));
        output.WriteLine(Line(shown, c => Center(view.Names[c], widths[c]), palette.Header));
        output.WriteLine(Line(shown, c => Center(view.TypeNames[c], widths[c]), palette.Dim));
        output.WriteLine(Rule(glyphs.MiddleLeft, glyphs.Cross, glyphs.MiddleRight, shown, widths));
        var half = (rows.Count + 1) / 2;
        for (var i = 0; i < rows.Count; i++)
        {
            if (elided && i == half)
            {
                for (var dot = 0; dot < 3; dot++)
                {
                    output.WriteLine(Line(shown, c => Center(glyphs.Elision, widths[c]), palette.Dim));
                }
            }

            var row = rows[i];
            var builder = new StringBuilder();
            builder.Append(glyphs.Vertical);
            foreach (var c in shown)
            {
                var value = view.Cell(row, c);
                var text = DisplayWidth.Truncate(value ?? NullText, widths[c]);
                var padded = view.Kinds[c] == CellKind.Number ? PadLeft(text, widths[c]) : PadRight(text, widths[c]);
                builder.Append(' ').Append(value is null ? palette.Null(padded) : padded).Append(' ').Append(glyphs.Vertical);
            }

            output.WriteLine(builder.ToString());
        }

        output.WriteLine(Rule(glyphs.BottomLeft, glyphs.BottomMiddle, glyphs.BottomRight, shown, widths));
        if (elided)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{view.RowCount:N0} rows ({rows.Count:N0} shown)"));
        }

        if (shown.Count < view.ColumnCount)
        {
            var dropped = Enumerable.Range(0, view.ColumnCount).Where(c => !shown.Contains(c)).Select(c => view.Names[c]).ToList();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{view.ColumnCount} columns ({shown.Count} shown); not shown: {string.Join(", ", dropped)}"));
        }
    }

    /// <summary>All rows, or the first and last halves of <paramref name="maxRows"/> of them.</summary>
    internal static IReadOnlyList<int> ShownRows(int rowCount, int maxRows)
    {
        if (maxRows <= 0 || rowCount <= maxRows)
        {
            return [.. Enumerable.Range(0, rowCount)];
        }

        var head = (maxRows + 1) / 2;
        var tail = maxRows - head;
        return [.. Enumerable.Range(0, head), .. Enumerable.Range(rowCount - tail, tail)];
    }

    /// <summary>
    /// The columns, from the left, that fit in <paramref name="width"/> cells; at least the first, narrowed if even
    /// it is too wide.
    /// </summary>
    private static List<int> FitColumns(int[] widths, int width)
    {
        var shown = new List<int>();
        var used = 1; // the left border
        for (var c = 0; c < widths.Length; c++)
        {
            var needed = widths[c] + 3;
            if (used + needed > width && shown.Count > 0)
            {
                break;
            }

            shown.Add(c);
            used += needed;
        }

        if (used > width)
        {
            widths[shown[0]] = Math.Max(1, width - 4);
        }

        return shown;
    }

    private string Rule(char left, char middle, char right, List<int> shown, int[] widths)
    {
        var builder = new StringBuilder();
        builder.Append(left);
        for (var i = 0; i < shown.Count; i++)
        {
            builder.Append(glyphs.Horizontal, widths[shown[i]] + 2);
            builder.Append(i == shown.Count - 1 ? right : middle);
        }

        return builder.ToString();
    }

    private string Line(List<int> shown, Func<int, string> cell, Func<string, string> colour)
    {
        var builder = new StringBuilder();
        builder.Append(glyphs.Vertical);
        foreach (var c in shown)
        {
            builder.Append(' ').Append(colour(cell(c))).Append(' ').Append(glyphs.Vertical);
        }

        return builder.ToString();
    }

    private static string Center(string text, int width)
    {
        text = DisplayWidth.Truncate(text, width);
        var space = width - DisplayWidth.Of(text);
        var left = space / 2;
        return new string(' ', left) + text + new string(' ', space - left);
    }

    private static string PadLeft(string text, int width) => new string(' ', Math.Max(0, width - DisplayWidth.Of(text))) + text;

    private static string PadRight(string text, int width) => text + new string(' ', Math.Max(0, width - DisplayWidth.Of(text)));
}
