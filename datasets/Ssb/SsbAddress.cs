namespace Olap.Datasets.Ssb;

/// <summary>
/// A random address as dbgen's a_rnd makes it: 6–24 characters (0.4–1.6 × the average 15), five per draw, each
/// the low 6 bits of what is left of the draw. The row keeps only where its character draws start and the
/// length, so rows stay small and writing allocates nothing.
/// </summary>
public readonly record struct SsbAddress(long Stream, int Length)
{
    public const int MinLength = 6;
    public const int MaxLength = 24;
    private const int CharactersPerDraw = 5;

    public override string ToString()
    {
        Span<char> text = stackalloc char[MaxLength];
        Fill(text);
        return new string(text[..Length]);
    }

    /// <summary>Writes the <see cref="Length"/> characters into the start of <paramref name="target"/>.</summary>
    public void Fill(Span<char> target)
    {
        var stream = new DbgenStream(Stream);
        var bits = 0L;
        for (var i = 0; i < Length; i++)
        {
            if (i % CharactersPerDraw == 0)
            {
                bits = stream.Next(0L, int.MaxValue);
            }

            target[i] = SsbVocabulary.AddressAlphabet[(int)(bits & 63)];
            bits >>= 6;
        }
    }

    /// <summary>Draws an address and leaves <paramref name="stream"/> at the next row's first draw.</summary>
    internal static SsbAddress Draw(ref DbgenStream stream)
    {
        var length = stream.Next(MinLength, MaxLength);
        var address = new SsbAddress(stream.Value, length);
        stream.Skip(SsbStreams.AddressBudget - 1);
        return address;
    }
}
