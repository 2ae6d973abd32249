namespace Olap.Benchmarks.Encoding;

/// <summary>Column contents that suit each encoding, as a real table would have them.</summary>
internal static class DataShapes
{
    public const int Rows = 1 << 20;

    /// <summary>Values for which <paramref name="encoding"/> is the natural choice.</summary>
    public static int[] For(Olap.Columnar.Encoding.EncodingKind encoding) => encoding switch
    {
        // Quantities 1..50 (as lo_quantity): 6 bits packed.
        Olap.Columnar.Encoding.EncodingKind.BitPacked => Random(Rows, 1, 50, seed: 1),

        // A sorted date key: each of 2,557 days repeated.
        Olap.Columnar.Encoding.EncodingKind.Delta => Sorted(Rows, 8035, 2557),

        // 1,000 distinct values scattered (a city or brand code).
        Olap.Columnar.Encoding.EncodingKind.Dictionary => Scattered(Rows, 1000, seed: 2),

        // 64 long runs (a region in a sorted table).
        Olap.Columnar.Encoding.EncodingKind.RunLength => Runs(Rows, 64),

        // 5 distinct values scattered (a region or a flag).
        Olap.Columnar.Encoding.EncodingKind.Bitmap => Scattered(Rows, 5, seed: 3),

        // Anything: random 32-bit values.
        _ => Random(Rows, int.MinValue, int.MaxValue, seed: 4),
    };

    public static int[] Random(int rows, int min, int max, int seed)
    {
        var random = new Random(seed);
        var values = new int[rows];
        for (var i = 0; i < rows; i++)
        {
            values[i] = (int)random.NextInt64(min, (long)max + 1);
        }

        return values;
    }

    public static int[] Sorted(int rows, int first, int distinct)
    {
        var values = new int[rows];
        for (var i = 0; i < rows; i++)
        {
            values[i] = first + (int)((long)i * distinct / rows);
        }

        return values;
    }

    public static int[] Scattered(int rows, int distinct, int seed)
    {
        var random = new Random(seed);
        var values = new int[rows];
        for (var i = 0; i < rows; i++)
        {
            values[i] = 1000 + (random.Next(distinct) * 7);
        }

        return values;
    }

    public static int[] Runs(int rows, int runs)
    {
        var values = new int[rows];
        var runLength = rows / runs;
        for (var i = 0; i < rows; i++)
        {
            values[i] = 100 + (i / runLength % 17);
        }

        return values;
    }
}
