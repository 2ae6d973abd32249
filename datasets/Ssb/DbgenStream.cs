namespace Olap.Datasets.Ssb;

/// <summary>
/// One of dbgen's random streams: Park and Miller's "minimal standard" generator (x ← 16807·x mod 2³¹−1) that
/// TPC-H and SSB dbgen run once per column, bit for bit. Uniform draws are made in doubles exactly as dbgen's
/// UnifInt makes them, because the truncation of value / (2³¹−1) × range is part of what decides the data.
/// A value type: a row generator keeps one per column on the stack.
/// </summary>
internal struct DbgenStream
{
    public const long Modulus = 2_147_483_647;
    private const ulong Multiplier = 16_807;

    private long _value;

    public DbgenStream(long value)
    {
        if (value <= 0 || value >= Modulus)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A stream value lies in 1 .. 2^31 - 2.");
        }

        _value = value;
    }

    public readonly long Value => _value;

    /// <summary>The next raw value, in 1 .. 2³¹−2 (dbgen's NextRand).</summary>
    public long NextValue()
    {
        _value = MultiplyMod(_value, Multiplier);
        return _value;
    }

    /// <summary>Uniform in [<paramref name="low"/>, <paramref name="high"/>], both inclusive: dbgen's RANDOM(low, high).</summary>
    public long Next(long low, long high)
    {
        var range = (double)(high - low + 1);
        return low + (long)((double)NextValue() / Modulus * range);
    }

    public int Next(int low, int high) => (int)Next((long)low, high);

    /// <summary>An index into a list of <paramref name="count"/> equally weighted words: dbgen's pick_str on a dists.dss list of weights 1.</summary>
    public int Pick(int count) => (int)Next(1L, count) - 1;

    /// <summary>Moves the stream on by <paramref name="calls"/> draws without making them (dbgen's NthElement).</summary>
    public void Skip(long calls) => _value = Advance(_value, calls);

    /// <summary>The value <paramref name="calls"/> draws after <paramref name="value"/>: 16807^calls · value mod 2³¹−1, by squaring.</summary>
    public static long Advance(long value, long calls)
    {
        var multiplier = Multiplier;
        var result = (ulong)value;
        while (calls > 0)
        {
            if ((calls & 1) != 0)
            {
                result = (ulong)MultiplyMod((long)result, multiplier);
            }

            calls >>= 1;
            multiplier = (ulong)MultiplyMod((long)multiplier, multiplier);
        }

        return (long)result;
    }

    /// <summary>a·b mod 2³¹−1 for a, b below the modulus: the product fits 62 bits, and a Mersenne modulus folds by shift and add.</summary>
    private static long MultiplyMod(long a, ulong b)
    {
        var product = (ulong)a * b;
        product = (product & Modulus) + (product >> 31);
        product = (product & Modulus) + (product >> 31);
        return (long)(product >= Modulus ? product - Modulus : product);
    }
}
