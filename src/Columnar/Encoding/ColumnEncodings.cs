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

    /// <summary>
    /// Run-length chunks whose runs average fewer rows than this decode a run at a time with a branch per run,
    /// several times slower per row than unpacking bits with SIMD. They must be a third smaller than the
    /// alternatives to win: lo_custkey (runs of one order's 4 lines) is 16% smaller run-length encoded than
    /// bit-packed, and its scans (the semi-join filters of SSB's flight 3) run on the decoded keys.
    /// </summary>
    public const int ShortRunRows = 8;

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
    /// Picks the codec for a chunk: among the codecs whose size (as <see cref="ComparedSize"/> weighs it) is within
    /// 1/<see cref="TieBreakDivisor"/> of the smallest, the one that decodes most cheaply. <paramref name="only"/> forces one codec where it applies (plain
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
                : only is null && candidate.Kind == EncodingKind.Bitmap && BitmapEncoding.SizeAtLeast(analysis) > smallest + (smallest / TieBreakDivisor)
                    ? -1 // it cannot come within a tie of a codec already sized: its bitmaps are not built
                    : candidate.EstimateSize(values, analysis);
            if (only is { } wanted && candidate.Kind == wanted && sizes[i] >= 0)
            {
                return (candidate, sizes[i]);
            }

            if (sizes[i] >= 0)
            {
                smallest = Math.Min(smallest, ComparedSize(candidate, sizes[i], analysis));
            }
        }

        var limit = smallest + (smallest / TieBreakDivisor);
        for (var i = 0; i < s_byDecodeCost.Length; i++)
        {
            if (sizes[i] >= 0 && ComparedSize(s_byDecodeCost[i], sizes[i], analysis) <= limit)
            {
                return (s_byDecodeCost[i], sizes[i]);
            }
        }

        throw new InvalidOperationException("Plain encoding always applies.");
    }

    /// <summary>The size a codec is compared by: its own, or half as much again for run-length with short runs.</summary>
    public static long ComparedSize(IColumnEncoding encoding, long size, ChunkAnalysis analysis) =>
        encoding.Kind == EncodingKind.RunLength && analysis.RunCount * (long)ShortRunRows > analysis.RowCount ? size + (size / 2) : size;
}
