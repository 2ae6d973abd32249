using Olap.Columnar.Vectors;

namespace Olap.Columnar.Encoding;

/// <summary>
/// The table of codecs and the per-chunk choice between them: every applicable codec estimates its size and the
/// smallest wins, except that a codec which decodes more cheaply is kept unless the other is clearly smaller.
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
    /// A costlier codec must save more than 1/<c>TieBreakDivisor</c> of the size to win: within that margin sizes
    /// are a tie, and cheaper decoding is worth more than a few percent of space.
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

    /// <summary>Picks the codec for a chunk; <paramref name="only"/> forces one (when applicable), for tests and benchmarks.</summary>
    public static (IColumnEncoding Encoding, long Size) Choose(ColumnVector values, ChunkAnalysis analysis, EncodingKind? only = null)
    {
        IColumnEncoding best = PlainEncoding.Instance;
        var bestSize = PlainEncoding.Instance.EstimateSize(values, analysis);
        foreach (var candidate in s_byDecodeCost)
        {
            if (only is { } forced && candidate.Kind != forced)
            {
                continue;
            }

            var size = candidate.EstimateSize(values, analysis);
            if (size < 0)
            {
                continue;
            }

            if (only is not null || size + (size / TieBreakDivisor) < bestSize)
            {
                best = candidate;
                bestSize = size;
            }
        }

        return (best, bestSize);
    }
}
