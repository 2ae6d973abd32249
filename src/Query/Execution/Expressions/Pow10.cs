namespace Olap.Query.Execution.Expressions;

/// <summary>Powers of ten for DECIMAL scaling and bounds, as 64- and 128-bit integers and doubles.</summary>
internal static class Pow10
{
    private static readonly Int128[] s_int128 = Build();

    public static long Int64(int exponent) => (long)s_int128[exponent];

    public static Int128 Int128(int exponent) => s_int128[exponent];

    public static double Double(int exponent) => Math.Pow(10, exponent);

    private static Int128[] Build()
    {
        var powers = new Int128[39];
        powers[0] = 1;
        for (var i = 1; i < powers.Length; i++)
        {
            powers[i] = powers[i - 1] * 10;
        }

        return powers;
    }
}
