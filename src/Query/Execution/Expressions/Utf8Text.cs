using System.Text;

namespace Olap.Query.Execution.Expressions;

/// <summary>Character (code point) positions in UTF-8 text, with an ASCII fast path.</summary>
internal static class Utf8Text
{
    public static int CharacterCount(ReadOnlySpan<byte> text)
    {
        if (Ascii.IsValid(text))
        {
            return text.Length;
        }

        var count = 0;
        foreach (var b in text)
        {
            // Continuation bytes (10xxxxxx) do not start a character.
            count += (b & 0xC0) != 0x80 ? 1 : 0;
        }

        return count;
    }

    /// <summary>The byte offset where character <paramref name="index"/> starts (the length when past the end).</summary>
    public static int ByteOffset(ReadOnlySpan<byte> text, int index)
    {
        var characters = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if ((text[i] & 0xC0) != 0x80)
            {
                if (characters == index)
                {
                    return i;
                }

                characters++;
            }
        }

        return text.Length;
    }
}
