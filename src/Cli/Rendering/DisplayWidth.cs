using System.Globalization;
using System.Text;

namespace Olap.Cli.Rendering;

/// <summary>
/// How many terminal cells text takes: East Asian wide and fullwidth characters (CJK, most emoji) take two,
/// combining marks and zero-width characters none. Box borders line up only if this is right.
/// </summary>
internal static class DisplayWidth
{
    public static int Of(string text)
    {
        var width = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            width += Of(rune);
        }

        return width;
    }

    public static int Of(Rune rune)
    {
        var value = rune.Value;
        if (value == 0 || value == 0x200B || value == 0x200D || value == 0xFEFF)
        {
            return 0;
        }

        var category = Rune.GetUnicodeCategory(rune);
        if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format)
        {
            return 0;
        }

        if (category == UnicodeCategory.Control)
        {
            return 0;
        }

        return IsWide(value) ? 2 : 1;
    }

    /// <summary>Cuts text to at most <paramref name="width"/> cells, ending in '…' when something was cut.</summary>
    public static string Truncate(string text, int width)
    {
        if (Of(text) <= width)
        {
            return text;
        }

        var builder = new StringBuilder();
        var used = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var w = Of(rune);
            if (used + w > width - 1)
            {
                break;
            }

            builder.Append(rune.ToString());
            used += w;
        }

        return builder.Append('…').ToString();
    }

    // The Wide (W) and Fullwidth (F) ranges of Unicode's EastAsianWidth.txt, coalesced.
    private static bool IsWide(int c) =>
        (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) || (c >= 0x3041 && c <= 0x33FF)
        || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF)
        || (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F)
        || (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F)
        || (c >= 0x1F900 && c <= 0x1F9FF) || (c >= 0x20000 && c <= 0x3FFFD);
}
