using CsCheck;
using Olap.Columnar.Encoding;
using Olap.Columnar.Tests.TestSupport;
using Olap.Columnar.Types;

namespace Olap.Columnar.Tests.Encoding;

/// <summary>
/// <see cref="ColumnEncodings.Choose"/> picks an applicable codec, the smallest one unless a codec that decodes more
/// cheaply is within 1/<see cref="ColumnEncodings.TieBreakDivisor"/> of it; and estimates are the sizes written.
/// </summary>
public sealed class EncodingChoiceTests
{
    public static TheoryData<string> Types => ColumnTypes.Names;

    public static TheoryData<EncodingKind> Kinds => [.. ColumnEncodings.All.Select(encoding => encoding.Kind)];

    [Fact]
    public void Random_doubles_are_stored_plainly() =>
        Gen.Long.Array[1_000, 10_000].Sample(bits =>
        {
            var sample = new ColumnSample(ColumnType.Double, "RandomBits", Array.ConvertAll(bits, b => ScalarValue.FromDouble(BitConverter.Int64BitsToDouble(b))));
            Assert.Equal(EncodingKind.Plain, Choose(sample).Kind);
        }, iter: 10);

    [Fact]
    public void Integers_in_a_narrow_range_are_bit_packed()
    {
        var random = new Random(20_240_601);
        foreach (var type in new[] { ColumnType.Integer, ColumnType.BigInt })
        {
            var sample = new ColumnSample(type, "1000..1100", [.. Enumerable.Range(0, 10_000).Select(_ => ScalarValue.FromInt64(random.Next(1_000, 1_101)))]);
            Assert.Equal(EncodingKind.BitPacked, Choose(sample).Kind);
        }
    }

    [Theory]
    [InlineData("INTEGER")]
    [InlineData("BIGINT")]
    [InlineData("DATE")]
    [InlineData("TIMESTAMP")]
    public void Unsorted_integers_with_few_repeats_are_bit_packed(string typeName)
    {
        // More than 32 distinct values spread over their range: dictionary entries cost more than they save.
        var type = ColumnTypes.Parse(typeName);
        Gen.Select(Gen.Int[1_000, 10_000], Gen.Int[64, 65_535], Gen.Int[int.MinValue / 2, int.MaxValue / 2], Gen.Int[0, int.MaxValue]).Sample((rows, range, offset, seed) =>
        {
            var random = new Random(seed);
            var values = new ScalarValue[rows];
            for (var i = 0; i < rows; i++)
            {
                values[i] = ScalarValue.FromInt64((long)offset + random.Next(0, range + 1));
            }

            (values[0], values[1]) = (ScalarValue.FromInt64((long)offset + range), ScalarValue.FromInt64(offset));
            Assert.Equal(EncodingKind.BitPacked, Choose(new ColumnSample(type, "Spread", values)).Kind);
        }, iter: 30);
    }

    [Theory]
    [InlineData("SMALLINT")]
    [InlineData("INTEGER")]
    [InlineData("BIGINT")]
    [InlineData("TIMESTAMP")]
    public void A_sorted_column_with_long_runs_is_run_length_or_delta_encoded(string typeName)
    {
        // At least two runs: one run is a constant, which bit-packs to zero bits just as small and decodes more cheaply.
        var type = ColumnTypes.Parse(typeName);
        var (min, max) = ColumnTypes.IntegralDomain(type);
        var maxStep = type.Physical == PhysicalKind.Int16 ? 100 : 1_000;
        Gen.Select(Gen.Long[min / 2, max / 2], Gen.Select(Gen.Int[1, maxStep], Gen.Int[100, 2_000]).Array[2, 100]).Sample((start, runs) =>
        {
            var values = new List<ScalarValue>();
            var value = start;
            foreach (var (step, length) in runs)
            {
                values.AddRange(Enumerable.Repeat(ScalarValue.FromInt64(value), Math.Min(length, ColumnSampleGen.MaxRows - values.Count)));
                value += step;
            }

            var chosen = Choose(new ColumnSample(type, "SortedRuns", [.. values])).Kind;
            Assert.True(chosen is EncodingKind.RunLength or EncodingKind.Delta, $"{chosen} chosen for {runs.Length} sorted runs");
        }, iter: 30);
    }

    [Fact]
    public void Four_distinct_strings_are_bitmap_or_dictionary_encoded_smaller_than_plain() =>
        Gen.Select(Gen.String[1, 20].Array[4], Gen.Int[0, 3].Array[1_000, 10_000]).Sample((pool, picks) =>
        {
            var sample = new ColumnSample(ColumnType.Varchar, "FourStrings", Array.ConvertAll(picks, i => ScalarValue.FromString(pool[i])));
            var values = sample.ToVector();
            var analysis = ChunkAnalysis.Analyze(values);
            var (chosen, size) = ColumnEncodings.Choose(values, analysis);
            if (sample.DistinctCount > 1)
            {
                Assert.True(chosen.Kind is EncodingKind.Bitmap or EncodingKind.Dictionary, $"{chosen.Kind} chosen for {sample}");
            }

            Assert.True(size <= PlainEncoding.Instance.EstimateSize(values, analysis));
        }, iter: 15);

    [Theory]
    [MemberData(nameof(Types))]
    public void The_chosen_encoding_applies_reports_its_own_estimate_and_is_no_larger_than_plain(string typeName)
    {
        var type = ColumnTypes.Parse(typeName);
        ColumnSampleGen.Any(type, 4_000).Sample(sample =>
        {
            var values = sample.ToVector();
            var analysis = ChunkAnalysis.Analyze(values);
            var (chosen, size) = ColumnEncodings.Choose(values, analysis);
            Assert.Equal(chosen.EstimateSize(values, analysis), size);
            Assert.True(size >= 0, $"{chosen.Kind} chosen although it does not apply to {sample}");
            Assert.True(size <= PlainEncoding.Instance.EstimateSize(values, analysis), $"{chosen.Kind} ({size} bytes) is larger than plain for {sample}");
            if (sample.Count == 0)
            {
                Assert.Equal(EncodingKind.Plain, chosen.Kind);
            }
        }, iter: 40);
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void A_cheaper_to_decode_encoding_within_a_sixteenth_of_the_chosen_one_would_have_won(string typeName)
    {
        var type = ColumnTypes.Parse(typeName);
        ColumnSampleGen.Any(type, 4_000).Sample(AssertNoCheaperCodecIsWithinTheMargin, iter: 40);
    }

    [Fact]
    public void Delta_does_not_win_over_bit_packing_within_a_sixteenth_of_it()
    {
        // Strictly increasing INTEGERs with two jumps of 2^29 + 1: bit-packing needs 31 bits, delta 30 (checkpoints cost a
        // little). Delta is smallest (37,604 bytes); bit-packing (38,774) is within 1/16 of it and decodes more cheaply,
        // so it is chosen; plain (40,000) is not within 1/16 of the smallest.
        var values = new ScalarValue[10_000];
        long value = 0;
        for (var i = 0; i < values.Length; i++)
        {
            value += i is 3_333 or 6_666 ? (1L << 29) + 1 : (i % 100) + 1;
            values[i] = ScalarValue.FromInt64(value);
        }

        var sample = new ColumnSample(ColumnType.Integer, "TwoJumps", values);
        var sizes = Sizes(sample);
        Assert.Equal(40_000, sizes[EncodingKind.Plain]);
        Assert.Equal(38_774, sizes[EncodingKind.BitPacked]);
        Assert.Equal(37_604, sizes[EncodingKind.Delta]);
        AssertNoCheaperCodecIsWithinTheMargin(sample);
        var vector = sample.ToVector();
        Assert.Equal(EncodingKind.BitPacked, ColumnEncodings.Choose(vector, ChunkAnalysis.Analyze(vector)).Encoding.Kind);
    }

    [Theory]
    [InlineData(4, EncodingKind.BitPacked)]
    [InlineData(16, EncodingKind.RunLength)]
    public void Run_length_with_short_runs_must_be_a_third_smaller_than_bit_packing(int runRows, EncodingKind expected)
    {
        // lo_custkey: 19-bit keys repeated for one order's lines. Runs of 4 are 8 bytes per 4 rows run-length encoded
        // against 4 × 19 bits packed, 16% smaller but slow to decode a run at a time; runs of 16 are 3.8× smaller.
        var random = new Random(runRows);
        var values = new ScalarValue[16_384];
        for (var i = 0; i < values.Length; i += runRows)
        {
            var key = random.Next(1, 300_000);
            for (var j = i; j < i + runRows; j++)
            {
                values[j] = ScalarValue.FromInt64(key);
            }
        }

        var sample = new ColumnSample(ColumnType.Integer, $"RunsOf{runRows}", values);
        var sizes = Sizes(sample);
        Assert.True(sizes[EncodingKind.RunLength] < sizes[EncodingKind.BitPacked]);
        var vector = sample.ToVector();
        Assert.Equal(expected, ColumnEncodings.Choose(vector, ChunkAnalysis.Analyze(vector)).Encoding.Kind);
        AssertNoCheaperCodecIsWithinTheMargin(sample);
    }

    [Theory]
    [InlineData(31, EncodingKind.Plain)]
    [InlineData(30, EncodingKind.BitPacked)]
    [InlineData(29, EncodingKind.BitPacked)]
    public void Bit_packing_must_save_more_than_a_sixteenth_to_beat_plain(int bits, EncodingKind expected)
    {
        // 31 of 32 bits saves 1/32: a tie, and plain decodes more cheaply. 30 bits saves 1/16 plus the header.
        var random = new Random(bits);
        var values = new ScalarValue[8_192];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = ScalarValue.FromInt64(random.NextInt64(0, 1L << bits));
        }

        values[0] = ScalarValue.FromInt64((1L << bits) - 1);
        values[1] = ScalarValue.FromInt64(0);
        Assert.Equal(expected, Choose(new ColumnSample(ColumnType.Integer, $"{bits}Bits", values)).Kind);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Forcing_an_encoding_gives_it_where_it_applies_and_plain_elsewhere(EncodingKind kind) =>
        Gen.OneOf([.. ColumnTypes.All]).SelectMany(type => ColumnSampleGen.Any(type, 2_000)).Sample(sample =>
        {
            var values = sample.ToVector();
            var analysis = ChunkAnalysis.Analyze(values);
            var forced = ColumnEncodings.Get(kind);
            var applies = forced.EstimateSize(values, analysis) >= 0;
            var (chosen, size) = ColumnEncodings.Choose(values, analysis, kind);
            Assert.Equal(applies ? kind : EncodingKind.Plain, chosen.Kind);
            Assert.Equal(chosen.EstimateSize(values, analysis), size);
        }, iter: 40);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_estimated_size_is_the_size_of_the_payload_written(EncodingKind kind)
    {
        // Run-length estimates string run values from the chunk's mean length; for fixed widths it knows them exactly.
        var types = ColumnTypes.All.Where(type => kind != EncodingKind.RunLength || type.Physical != PhysicalKind.String).ToArray();
        var encoding = ColumnEncodings.Get(kind);
        Gen.OneOf(types).SelectMany(type => ColumnSampleGen.Any(type, 3_000)).Sample(sample =>
        {
            var values = sample.ToVector();
            var analysis = ChunkAnalysis.Analyze(values);
            if (EncodedChunk.TryEncode(encoding, values, analysis) is { } chunk && chunk.EstimatedSize != chunk.Payload.Length)
            {
                Assert.Fail($"{kind} estimated {chunk.EstimatedSize} bytes but wrote {chunk.Payload.Length} for {sample}");
            }
        }, iter: 60);
    }

    private static IColumnEncoding Choose(ColumnSample sample)
    {
        var values = sample.ToVector();
        return ColumnEncodings.Choose(values, ChunkAnalysis.Analyze(values)).Encoding;
    }

    private static Dictionary<EncodingKind, long> Sizes(ColumnSample sample)
    {
        var values = sample.ToVector();
        var analysis = ChunkAnalysis.Analyze(values);
        return ColumnEncodings.All.ToDictionary(encoding => encoding.Kind, encoding => encoding.EstimateSize(values, analysis));
    }

    /// <summary>
    /// The tie-break: a codec later in <see cref="ColumnEncodings.All"/> (costlier to decode) may be chosen only when it is
    /// clearly smaller (size + size / 16 below) than every applicable codec before it.
    /// </summary>
    /// <summary>
    /// The rule: sizes within 1/16 of the smallest applicable size tie, and of those the codec that decodes most cheaply
    /// (earliest in <see cref="ColumnEncodings.All"/>) is chosen.
    /// </summary>
    private static void AssertNoCheaperCodecIsWithinTheMargin(ColumnSample sample)
    {
        var values = sample.ToVector();
        var analysis = ChunkAnalysis.Analyze(values);
        var (chosen, size) = ColumnEncodings.Choose(values, analysis);
        long Compared(IColumnEncoding encoding, long estimate) => estimate < 0 ? -1 : ColumnEncodings.ComparedSize(encoding, estimate, analysis);
        var smallest = ColumnEncodings.All.Select(encoding => Compared(encoding, encoding.EstimateSize(values, analysis))).Where(s => s >= 0).Min();
        var limit = smallest + (smallest / ColumnEncodings.TieBreakDivisor);
        Assert.True(Compared(chosen, size) <= limit, $"{chosen.Kind} ({size} bytes) is not within 1/{ColumnEncodings.TieBreakDivisor} of the smallest ({smallest}); chunk {sample}");
        foreach (var cheaper in ColumnEncodings.All.TakeWhile(encoding => encoding.Kind != chosen.Kind))
        {
            var cheaperSize = Compared(cheaper, cheaper.EstimateSize(values, analysis));
            if (cheaperSize >= 0 && cheaperSize <= limit)
            {
                Assert.Fail($"{chosen.Kind} ({size} bytes) chosen over {cheaper.Kind} ({cheaperSize} bytes), which decodes more cheaply "
                    + $"and is within 1/{ColumnEncodings.TieBreakDivisor} of the smallest ({smallest}); chunk {sample}");
            }
        }
    }
}
