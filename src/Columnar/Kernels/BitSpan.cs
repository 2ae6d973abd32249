namespace Olap.Columnar.Kernels;

/// <summary>Operations on row bitmaps held as 64-bit words (bit i of word i &gt;&gt; 6 stands for row i).</summary>
public static class BitSpan
{
    public static int WordCount(int bits) => (bits + 63) >> 6;

    /// <summary>Sets bits [from, to).</summary>
    public static void SetRange(Span<ulong> words, int from, int to)
    {
        if (from >= to)
        {
            return;
        }

        var firstWord = from >> 6;
        var lastWord = (to - 1) >> 6;
        var firstMask = ulong.MaxValue << (from & 63);
        var lastMask = ulong.MaxValue >> (63 - ((to - 1) & 63));
        if (firstWord == lastWord)
        {
            words[firstWord] |= firstMask & lastMask;
            return;
        }

        words[firstWord] |= firstMask;
        words[(firstWord + 1)..lastWord].Fill(ulong.MaxValue);
        words[lastWord] |= lastMask;
    }

    /// <summary>Inverts the first <paramref name="count"/> bits and clears the rest of the last word.</summary>
    public static void Invert(Span<ulong> words, int count)
    {
        var n = WordCount(count);
        for (var i = 0; i < n; i++)
        {
            words[i] = ~words[i];
        }

        ClearTail(words, count);
    }

    /// <summary>Clears the bits at and past <paramref name="count"/> in the last word of a <paramref name="count"/>-bit span.</summary>
    public static void ClearTail(Span<ulong> words, int count)
    {
        if ((count & 63) != 0)
        {
            words[count >> 6] &= (1UL << (count & 63)) - 1;
        }
    }

    public static int PopCount(ReadOnlySpan<ulong> words, int count)
    {
        var total = 0;
        var n = WordCount(count);
        for (var i = 0; i < n; i++)
        {
            var word = words[i];
            if (i == n - 1 && (count & 63) != 0)
            {
                word &= (1UL << (count & 63)) - 1;
            }

            total += System.Numerics.BitOperations.PopCount(word);
        }

        return total;
    }

    /// <summary>Index of the first set bit below <paramref name="count"/>, or -1.</summary>
    public static int FirstSet(ReadOnlySpan<ulong> words, int count)
    {
        var n = WordCount(count);
        for (var i = 0; i < n; i++)
        {
            if (words[i] != 0)
            {
                var bit = (i << 6) + System.Numerics.BitOperations.TrailingZeroCount(words[i]);
                return bit < count ? bit : -1;
            }
        }

        return -1;
    }

    /// <summary>Index of the last set bit below <paramref name="count"/>, or -1.</summary>
    public static int LastSet(ReadOnlySpan<ulong> words, int count)
    {
        for (var i = WordCount(count) - 1; i >= 0; i--)
        {
            var word = words[i];
            if (i == (count >> 6) && (count & 63) != 0)
            {
                word &= (1UL << (count & 63)) - 1;
            }

            if (word != 0)
            {
                return (i << 6) + 63 - System.Numerics.BitOperations.LeadingZeroCount(word);
            }
        }

        return -1;
    }
}
