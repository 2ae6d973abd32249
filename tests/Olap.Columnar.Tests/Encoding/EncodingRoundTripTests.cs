using CsCheck;
using Olap.Columnar.Encoding;
using Olap.Columnar.Predicates;
using Olap.Columnar.Tests.TestSupport;
using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Columnar.Tests.Encoding;

/// <summary>decode(encode(x)) == x for every codec, every type and every shape of chunk, over any window of rows.</summary>
public sealed class EncodingRoundTripTests
{
    private const int Iterations = 70;

    public static TheoryData<string> Types => ColumnTypes.Names;

    [Theory]
    [MemberData(nameof(Types))]
    public void Every_encoding_round_trips_every_type(string typeName)
    {
        var type = ColumnTypes.Parse(typeName);
        Gen.Select(ColumnSampleGen.Any(type), ColumnSampleGen.WindowSeeds).Sample((sample, seeds) =>
        {
            var values = sample.ToVector();
            var analysis = ChunkAnalysis.Analyze(values);

            // One target for every codec and window: a decode must not depend on what the vector held before.
            var target = new ColumnVector(type);
            foreach (var encoding in ColumnEncodings.All)
            {
                var chunk = EncodedChunk.TryEncode(encoding, values, analysis);
                AssertApplicability(sample, encoding.Kind, chunk is not null);
                if (chunk is null)
                {
                    continue;
                }

                Assert.Equal((encoding.Kind, type, sample.Count), (chunk.Column.Kind, chunk.Column.Type, chunk.Column.RowCount));
                foreach (var (start, count) in ColumnSampleGen.Windows(sample.Count, seeds))
                {
                    AssertDecodes(sample, chunk.Column, start, count, target);
                }
            }
        }, iter: Iterations);
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void A_window_reaching_outside_the_chunk_is_refused(string typeName)
    {
        var type = ColumnTypes.Parse(typeName);
        var sample = new ColumnSample(type, "Constant", [.. Enumerable.Repeat(ColumnSampleGen.Extremes(type)[0], 100)]);
        var predicate = ColumnPredicate.In(PredicateGen.OutsideTheType(type));
        foreach (var chunk in EncodedChunk.EncodeAll(sample))
        {
            foreach (var (start, count) in new[] { (-1, 1), (0, -1), (0, 101), (100, 1), (99, 2), (int.MaxValue, 1), (1, int.MaxValue) })
            {
                Assert.Throws<ArgumentOutOfRangeException>(() => chunk.Column.Decode(start, count, new ColumnVector(type)));
                Assert.Throws<ArgumentOutOfRangeException>(() => chunk.Column.Filter(predicate, start, count, new ulong[4]));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void An_empty_chunk_is_encoded_plainly_and_no_other_encoding_claims_it(string typeName)
    {
        var type = ColumnTypes.Parse(typeName);
        var values = new ColumnSample(type, "Empty", []).ToVector();
        var analysis = ChunkAnalysis.Analyze(values);
        foreach (var encoding in ColumnEncodings.All)
        {
            if (encoding.Kind != EncodingKind.Plain)
            {
                Assert.Equal(-1, encoding.EstimateSize(values, analysis));
            }
        }

        var (chosen, size) = ColumnEncodings.Choose(values, analysis);
        Assert.Equal(EncodingKind.Plain, chosen.Kind);
        var chunk = EncodedChunk.TryEncode(chosen, values, analysis)!;
        Assert.Equal(size, chunk.Payload.Length);
        var target = new ColumnVector(type);
        chunk.Column.Decode(0, 0, target);
        Assert.Equal(0, target.Count);
        chunk.Column.Filter(ColumnPredicate.In(PredicateGen.OutsideTheType(type)), 0, 0, []);
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void Extreme_values_round_trip_in_every_encoding_in_any_order(string typeName)
    {
        var type = ColumnTypes.Parse(typeName);
        var extremes = ColumnSampleGen.Extremes(type);
        var ascending = extremes.Order(Comparer<ScalarValue>.Create(Scalars.TotalCompare)).ToArray();
        ColumnSample[] samples =
        [
            new(type, "Extremes", extremes),
            new(type, "SortedExtremes", ascending),
            new(type, "DescendingExtremes", [.. ascending.Reverse()]),
            new(type, "RepeatedExtremes", [.. extremes.SelectMany(value => Enumerable.Repeat(value, 70))]),
            new(type, "ExtremesWithNulls", [ScalarValue.Null, .. ascending, ScalarValue.Null, .. ascending, ScalarValue.Null]),
        ];
        foreach (var sample in samples)
        {
            AssertEveryEncodingRoundTrips(sample);
        }
    }

    [Fact]
    public void Doubles_round_trip_bit_for_bit_including_NaN_payloads_and_negative_zero()
    {
        var specials = ColumnSampleGen.SpecialDoubles().Select(ScalarValue.FromDouble).ToArray();
        var sample = new ColumnSample(ColumnType.Double, "SpecialDoubles", [.. specials, .. specials.Reverse(), .. specials]);
        AssertEveryEncodingRoundTrips(sample);

        // -0.0 and 0.0 compare equal but are different values: no codec may merge them into one run or entry.
        var zeros = new ColumnSample(ColumnType.Double, "Zeros", [.. Enumerable.Range(0, 200).Select(i => ScalarValue.FromDouble(i % 3 == 0 ? -0.0 : 0.0))]);
        AssertEveryEncodingRoundTrips(zeros);
    }

    [Fact]
    public void Long_empty_and_non_ASCII_strings_round_trip_byte_for_byte()
    {
        var tenKb = new string('x', ColumnSampleGen.LongStringChars);
        var tenKbWide = string.Concat(Enumerable.Repeat("日本🚀é", ColumnSampleGen.LongStringChars / 5));
        ScalarValue[] values =
        [
            ScalarValue.FromString(""),
            ScalarValue.FromString(tenKb),
            ScalarValue.FromString("é"),
            ScalarValue.FromString("日本"),
            ScalarValue.FromString("🚀"),
            ScalarValue.FromString(tenKbWide),
            ScalarValue.Null,
            ScalarValue.FromString(""),
            ScalarValue.FromUtf8([0xFF, 0x00, 0xC3]),
            ScalarValue.FromString(tenKb),
        ];
        AssertEveryEncodingRoundTrips(new ColumnSample(ColumnType.Varchar, "Strings", values));
        AssertEveryEncodingRoundTrips(new ColumnSample(ColumnType.Varchar, "EmptyStrings", Enumerable.Repeat(ScalarValue.FromString(""), 3000).ToArray()));
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void An_integral_chunk_that_never_decreases_is_delta_encodable_and_one_inversion_is_not(string typeName)
    {
        var type = ColumnTypes.Parse(typeName);
        ColumnSampleGen.Sorted(type, 5_000).Sample(sample =>
        {
            var delta = DeltaEncoding.Instance;
            var values = sample.ToVector();
            var applies = delta.EstimateSize(values, ChunkAnalysis.Analyze(values)) >= 0;
            Assert.Equal(type.IsIntegral && sample.Count > 0, applies);

            // Swap two different non-NULL values: the chunk is no longer sorted.
            var present = Enumerable.Range(0, sample.Count).Where(i => !sample.Values[i].IsNull).ToArray();
            var low = present.FirstOrDefault(i => Scalars.TotalCompare(sample.Values[i], sample.Values[present[^1]]) < 0, -1);
            if (low < 0)
            {
                return;
            }

            var swapped = (ScalarValue[])sample.Values.Clone();
            (swapped[low], swapped[present[^1]]) = (swapped[present[^1]], swapped[low]);
            var unsorted = new ColumnSample(type, "Unsorted", swapped).ToVector();
            Assert.Equal(-1, delta.EstimateSize(unsorted, ChunkAnalysis.Analyze(unsorted)));
        }, iter: 40);
    }

    [Theory]
    [InlineData(BitmapEncoding.MaxEntries, true)]
    [InlineData(BitmapEncoding.MaxEntries + 1, false)]
    public void Bitmap_encoding_applies_up_to_32_distinct_values(int distinct, bool applies)
    {
        foreach (var type in ColumnTypes.All.Where(t => t.Physical != PhysicalKind.Int8))
        {
            var sample = new ColumnSample(type, "Distinct", [.. Enumerable.Range(0, 500).Select(i => Distinct(type, i % distinct))]);
            var values = sample.ToVector();
            var size = BitmapEncoding.Instance.EstimateSize(values, ChunkAnalysis.Analyze(values));
            Assert.True(size >= 0 == applies, $"{type}: {distinct} distinct values, bitmap estimate {size}");
            if (applies)
            {
                AssertEveryEncodingRoundTrips(sample);
            }
        }
    }

    [Theory]
    [InlineData(ChunkAnalysis.MaxDictionaryEntries, true)]
    [InlineData(ChunkAnalysis.MaxDictionaryEntries + 1, false)]
    public void Dictionary_encoding_applies_up_to_65536_distinct_values(int distinct, bool applies)
    {
        var sample = new ColumnSample(ColumnType.Integer, "Distinct", [.. Enumerable.Range(0, distinct).Select(i => ScalarValue.FromInt64((i * 7919L) % distinct))]);
        var values = sample.ToVector();
        var analysis = ChunkAnalysis.Analyze(values);
        var dictionary = EncodedChunk.TryEncode(DictionaryEncoding.Instance, values, analysis);
        Assert.Equal(applies, dictionary is not null);
        if (dictionary is not null)
        {
            AssertDecodes(sample, dictionary.Column, 0, sample.Count, new ColumnVector(ColumnType.Integer));
            AssertDecodes(sample, dictionary.Column, 65_000, 536, new ColumnVector(ColumnType.Integer));
        }
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void A_payload_does_not_depend_on_what_the_writer_held_before(string typeName)
    {
        var type = ColumnTypes.Parse(typeName);
        ColumnSampleGen.Any(type, 3_000).Sample(sample =>
        {
            var values = sample.ToVector();
            var analysis = ChunkAnalysis.Analyze(values);
            var dirty = new PayloadWriter(16);
            foreach (var encoding in ColumnEncodings.All)
            {
                if (encoding.EstimateSize(values, analysis) < 0)
                {
                    continue;
                }

                var fresh = EncodedChunk.EncodeToArray(encoding, values, analysis, new PayloadWriter());
                dirty.Reset();
                dirty.GetSpan(fresh.Length + 4096).Fill(0xA5);
                var reused = EncodedChunk.EncodeToArray(encoding, values, analysis, dirty);
                Assert.True(fresh.AsSpan().SequenceEqual(reused), $"{encoding.Kind} wrote different bytes into a reused writer");
            }
        }, iter: 25);
    }

    private static ScalarValue Distinct(ColumnType type, int i) => type.Physical switch
    {
        PhysicalKind.Double => ScalarValue.FromDouble(i * 0.5),
        PhysicalKind.String => ScalarValue.FromString($"v{i}"),
        _ => ScalarValue.FromInt64(i - 10),
    };

    private static void AssertEveryEncodingRoundTrips(ColumnSample sample)
    {
        var values = sample.ToVector();
        var analysis = ChunkAnalysis.Analyze(values);
        var target = new ColumnVector(sample.Type);
        var seeds = new[] { 7, 13, 3, 64, 65, 127, 1, 1_000_003 };
        foreach (var encoding in ColumnEncodings.All)
        {
            var chunk = EncodedChunk.TryEncode(encoding, values, analysis);
            AssertApplicability(sample, encoding.Kind, chunk is not null);
            if (chunk is null)
            {
                continue;
            }

            foreach (var (start, count) in ColumnSampleGen.Windows(sample.Count, seeds))
            {
                AssertDecodes(sample, chunk.Column, start, count, target);
            }
        }
    }

    /// <summary>Decodes a window into <paramref name="target"/> and compares every non-NULL row with the sample, bit for bit.</summary>
    private static void AssertDecodes(ColumnSample sample, EncodedColumn column, int start, int count, ColumnVector target)
    {
        // Leave the target NULL and constant first: decoding must reset its form and validity.
        target.SetConstantNull(Math.Max(count, 1));
        column.Decode(start, count, target);
        Assert.Equal(count, target.Count);
        for (var i = 0; i < count; i++)
        {
            var expected = sample.Values[start + i];
            if (target.IsNull(i))
            {
                Assert.Fail($"{column.Kind} left row {start + i} NULL in a decoded window [{start}, {start + count}) of {sample}");
            }

            if (!expected.IsNull && !Scalars.Holds(target, i, expected))
            {
                Assert.Fail($"{column.Kind} decoded row {start + i} (window [{start}, {start + count}), {target.Form}) as "
                    + $"{Scalars.Show(Scalars.Raw(target, i))}, not {Scalars.Show(expected)}; chunk {sample}");
            }
        }
    }

    /// <summary>
    /// Plain always applies; on a non-empty chunk bit-packing applies to every integral type, delta exactly when the
    /// non-NULL values never decrease, run-length always, and dictionary and bitmap while the distinct values fit
    /// (a NULL placeholder may be one more value, so that case is left open).
    /// </summary>
    private static void AssertApplicability(ColumnSample sample, EncodingKind kind, bool applicable)
    {
        var nullPlaceholder = sample.NullCount > 0 ? 1 : 0;
        bool? expected = kind switch
        {
            EncodingKind.Plain => true,
            _ when sample.Count == 0 => false,
            EncodingKind.BitPacked => sample.Type.IsIntegral,
            EncodingKind.Delta => sample.Type.IsIntegral && sample.IsNonDecreasing,
            EncodingKind.RunLength => true,
            EncodingKind.Dictionary => Bounded(sample.DistinctCount, nullPlaceholder, ChunkAnalysis.MaxDictionaryEntries),
            _ => Bounded(sample.DistinctCount, nullPlaceholder, BitmapEncoding.MaxEntries),
        };
        if (expected is { } must && must != applicable)
        {
            Assert.Fail($"{kind} should {(must ? "" : "not ")}apply to {sample} ({sample.DistinctCount} distinct)");
        }
    }

    private static bool? Bounded(int distinct, int placeholder, int limit) =>
        distinct + placeholder <= limit ? true : distinct > limit ? false : null;
}
