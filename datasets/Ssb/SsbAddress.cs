namespace Olap.Datasets.Ssb;

/// <summary>
/// A random address as TPC-H's V_STR makes it: 6–24 characters (0.4–1.6 × the average 15) from a 64-character
/// alphabet. The row keeps only a seed and the length, so rows stay small and writing allocates nothing.
/// </summary>
public readonly record struct SsbAddress(ulong Seed, int Length)
{
    public const int MinLength = 6;
    public const int MaxLength = 24;

    public override string ToString()
    {
        Span<char> text = stackalloc char[MaxLength];
        Fill(text);
        return new string(text[..Length]);
    }

    /// <summary>Writes the <see cref="Length"/> characters into the start of <paramref name="target"/>.</summary>
    public void Fill(Span<char> target)
    {
        // Each 64-bit draw gives ten 6-bit characters, as a_rnd takes several characters from one random number.
        var bits = 0UL;
        var stream = Seed;
        for (var i = 0; i < Length; i++)
        {
            if (i % 10 == 0)
            {
                stream += 0x9E3779B97F4A7C15UL;
                bits = Scramble(stream);
            }

            target[i] = SsbVocabulary.AddressAlphabet[(int)(bits & 63)];
            bits >>= 6;
        }
    }

    private static ulong Scramble(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
