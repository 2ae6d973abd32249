namespace Olap.Datasets.Ssb;

/// <summary>
/// A random stream for one row (or one order), derived from (seed, table, row index) alone, so any range of
/// rows can be generated on any thread in any order and still give the same bytes. SplitMix64: a Weyl
/// sequence through a 64-bit finaliser; fast, statistically sound for this use, and a value type, so drawing
/// numbers allocates nothing.
/// </summary>
internal struct SsbRandom
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;
    private ulong _state;

    public SsbRandom(long seed, SsbTable table, long row)
    {
        // Mixing each part separately keeps (seed, table, row) triples from colliding by simple addition.
        _state = Mix(Mix((ulong)seed ^ ((ulong)table * 0xD1B54A32D192ED03UL)) + ((ulong)row * Golden));
    }

    public ulong NextUInt64()
    {
        _state += Golden;
        return Mix(_state);
    }

    /// <summary>Uniform in [min, max], both inclusive, like dbgen's RANDOM(min, max). Multiply-high: the bias is below 2^-50 for these small ranges.</summary>
    public int Next(int min, int max) => min + (int)Math.BigMul(NextUInt64(), (ulong)(max - min + 1), out _);

    public long Next(long min, long max) => min + (long)Math.BigMul(NextUInt64(), (ulong)(max - min + 1), out _);

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
