using Olap.Columnar.Vectors;

namespace Olap.Columnar.Encoding;

/// <summary>
/// The table of codecs and the per-chunk choice between them: every applicable codec estimates its size and the
/// smallest wins, with near-ties going to the codec that decodes more cheaply.
/// </summary>
public static class ColumnEncodings
{
    /// <summary>In order of decoding cost, cheapest first.</summary>
    private static readonly IColumnEncoding[] s_byDecodeCost =
    [
        PlainEncoding.Instance,
        BitPackedEncoding.Instance,
        RunLengthEncoding.Instance,
        DictionaryEncoding.Instance,
        DeltaEncoding.Instance,
        BitmapEncoding.Instance,
    ];

    /// <summary>
    /// Sizes within 1/<c>TieBreakDivisor</c> of the smallest count as a tie, which the cheaper decoding wins:
    /// a few percent of space is worth less than faster scans.
    /// </summary>
    public const int TieBreakDivisor = 16;

    public static IReadOnlyList<IColumnEncoding> All => s_byDecodeCost;

    public static IColumnEncoding Get(EncodingKind kind) => kind switch
    {
        EncodingKind.Plain => PlainEncoding.Instance,
        EncodingKind.BitPacked => BitPackedEncoding.Instance,
        EncodingKind.Delta => DeltaEncoding.Instance,
        EncodingKind.Dictionary => DictionaryEncoding.Instance,
        EncodingKind.RunLength => RunLengthEncoding.Instance,
        EncodingKind.Bitmap => BitmapEncoding.Instance,
        _ => throw new InvalidDataException($"unknown encoding id {(int)kind}"),
    };

    public static bool IsKnown(EncodingKind kind) => kind is >= EncodingKind.Plain and <= EncodingKind.Bitmap;

    /// <summary>
    /// Picks the codec for a chunk: among the codecs whose size is within 1/<see cref="TieBreakDivisor"/> of the
    /// smallest, the one that decodes most cheaply. <paramref name="only"/> forces one codec where it applies (plain
    /// otherwise), for tests and benchmarks.
    /// </summary>
    public static (IColumnEncoding Encoding, long Size) Choose(ColumnVector values, ChunkAnalysis analysis, EncodingKind? only = null)
    {
        Span<long> sizes = stackalloc long[s_byDecodeCost.Length];
        var smallest = long.MaxValue;
        for (var i = 0; i < s_byDecodeCost.Length; i++)
        {
            var candidate = s_byDecodeCost[i];
            sizes[i] = only is { } forced && candidate.Kind != forced && candidate.Kind != EncodingKind.Plain
                ? -1
                : candidate.EstimateSize(values, analysis);
            if (only is { } wanted && candidate.Kind == wanted && sizes[i] >= 0)
            {
                return (candidate, sizes[i]);
            }

            if (sizes[i] >= 0)
            {
                smallest = Math.Min(smallest, sizes[i]);
            }
        }

        var limit = smallest + (smallest / TieBreakDivisor);
        for (var i = 0; i < s_byDecodeCost.Length; i++)
        {
            if (sizes[i] >= 0 && sizes[i] <= limit)
            {
                return (s_byDecodeCost[i], sizes[i]);
            }
        }

        throw new InvalidOperationException("Plain encoding always applies.");
    }
}
