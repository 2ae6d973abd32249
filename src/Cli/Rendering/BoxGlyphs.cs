namespace Olap.Cli.Rendering;

/// <summary>The characters a box is drawn with: Unicode lines for <c>box</c>, ASCII for <c>table</c>.</summary>
internal sealed record BoxGlyphs(
    char Horizontal,
    char Vertical,
    char TopLeft,
    char TopMiddle,
    char TopRight,
    char MiddleLeft,
    char Cross,
    char MiddleRight,
    char BottomLeft,
    char BottomMiddle,
    char BottomRight,
    string Elision)
{
    public static BoxGlyphs Unicode { get; } = new('─', '│', '┌', '┬', '┐', '├', '┼', '┤', '└', '┴', '┘', "·");

    public static BoxGlyphs Ascii { get; } = new('-', '|', '+', '+', '+', '+', '+', '+', '+', '+', '+', ".");
}
