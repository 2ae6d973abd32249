using CsCheck;
using Olap.Columnar.Encoding;
using Olap.Columnar.Tests.TestSupport;
using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Columnar.Tests.Encoding;

/// <summary>
/// A builder whose strings all came from one frozen dictionary hands the encoder each row's entry number
/// (<see cref="ColumnBuilder.DictionaryCodes"/>); the analysis made from those numbers is the analysis made by hashing
/// the strings, and the builder offers the numbers only when they are the whole truth.
/// </summary>
public sealed class DictionaryCodesAnalysisTests
{
    private static readonly string[] Words = ["", "a", "ab", "b", "ba", "UNITED KI1", "UNITED KI5", "a somewhat longer value than sixteen bytes"];

    /// <summary>A frozen flat dictionary of <paramref name="entries"/> words, repeats allowed, no NULLs.</summary>
    private static ColumnVector FrozenDictionary(int[] entries)
    {
        var builder = new ColumnBuilder(ColumnType.Varchar);
        foreach (var entry in entries)
        {
            builder.AppendString(Words[entry]);
        }

        var dictionary = builder.ToVector();
        dictionary.Freeze();
        return dictionary;
    }

    /// <summary>Rows appended in chunks of dictionary vectors over <paramref name="dictionary"/>; code -1 is a NULL row.</summary>
    private static ColumnBuilder Gathered(ColumnVector dictionary, int[] codes, int chunkRows)
    {
        var builder = new ColumnBuilder(ColumnType.Varchar);
        for (var start = 0; start < codes.Length; start += chunkRows)
        {
            var count = Math.Min(chunkRows, codes.Length - start);
            var chunkCodes = codes.AsSpan(start, count).ToArray();
            var vector = new ColumnVector(ColumnType.Varchar);
            vector.ReferenceDictionary(count, dictionary, chunkCodes.Select(c => Math.Max(c, 0)).ToArray());
            for (var row = 0; row < count; row++)
            {
                if (chunkCodes[row] < 0)
                {
                    vector.Validity.SetInvalid(row, count);
                }
            }

            builder.AppendRange(vector, 0, count);
        }

        return builder;
    }

    private static void AssertSameAnalysis(ChunkAnalysis hashed, ChunkAnalysis numbered)
    {
        Assert.Equal(hashed.RowCount, numbered.RowCount);
        Assert.Equal(hashed.NullCount, numbered.NullCount);
        Assert.Equal(hashed.DistinctCount, numbered.DistinctCount);
        Assert.Equal(hashed.RunEnds, numbered.RunEnds);
        Assert.Equal(hashed.Min, numbered.Min);
        Assert.Equal(hashed.Max, numbered.Max);
        Assert.Equal(hashed.Codes, numbered.Codes);
        Assert.Equal(hashed.Dictionary!.Count, numbered.Dictionary!.Count);
        for (var entry = 0; entry < hashed.Dictionary.Count; entry++)
        {
            Assert.Equal(hashed.Dictionary.GetString(entry).ToArray(), numbered.Dictionary.GetString(entry).ToArray());
        }
    }

    [Fact]
    public void Analysis_from_entry_numbers_equals_analysis_from_hashing_the_strings()
    {
        // Dictionaries repeat words (an axis attribute repeats its nation for every city), rows repeat and skip
        // entries, and NULLs fall anywhere, leading ones included.
        Gen.Select(Gen.Int[0, Words.Length - 1].Array[1, 12], Gen.Int[1, 400], Gen.Int[1, 97], Gen.Int[0, 100]).SelectMany((entries, rows, chunk, nullPercent) =>
            Gen.Int[0, 99].Select(Gen.Int[0, entries.Length - 1], (roll, code) => roll < nullPercent ? -1 : code).Array[rows].Select(codes => (entries, codes, chunk)))
            .Sample(sample =>
            {
                var (entries, codes, chunk) = sample;
                var builder = Gathered(FrozenDictionary(entries), codes, chunk);
                var known = builder.DictionaryCodes;
                Assert.NotNull(known);
                Assert.Equal(codes, known.Value.Codes.ToArray());
                AssertSameAnalysis(ChunkAnalysis.Analyze(builder.ToVector()), ChunkAnalysis.Analyze(builder.ToVector(), known));
            }, iter: 300);
    }

    [Fact]
    public void A_chunk_using_few_entries_of_a_large_dictionary_is_analysed_alike()
    {
        // A dictionary far larger than the chunk: only the slots of the ranks the chunk uses are written and read.
        var builder = new ColumnBuilder(ColumnType.Varchar);
        for (var entry = 0; entry < 5_000; entry++)
        {
            builder.AppendString($"value {(entry * 7919) % 2_500:D5}"); // every string twice, in scrambled order
        }

        var dictionary = builder.ToVector();
        dictionary.Freeze();
        Gen.Int[-1, 4_999].Array[1, 200].Sample(codes =>
        {
            var gathered = Gathered(dictionary, codes, 64);
            AssertSameAnalysis(ChunkAnalysis.Analyze(gathered.ToVector()), ChunkAnalysis.Analyze(gathered.ToVector(), gathered.DictionaryCodes));
        }, iter: 100);
    }

    [Fact]
    public void Entry_numbers_are_offered_only_when_every_row_came_from_the_one_frozen_dictionary()
    {
        var dictionary = FrozenDictionary([1, 2, 3]);
        Assert.NotNull(Gathered(dictionary, [0, 1, -1, 2], 2).DictionaryCodes);

        var thawed = new ColumnBuilder(ColumnType.Varchar);
        thawed.AppendString("x");
        Assert.Null(Gathered(thawed.ToVector(), [0, 0], 2).DictionaryCodes); // not frozen: it may be refilled

        var mixed = Gathered(dictionary, [0, 1], 2);
        mixed.AppendString("ab");
        Assert.Null(mixed.DictionaryCodes);

        var twoDictionaries = Gathered(dictionary, [0, 1], 2);
        var other = new ColumnVector(ColumnType.Varchar);
        other.ReferenceDictionary(1, FrozenDictionary([1, 2, 3]), new[] { 0 });
        twoDictionaries.AppendRange(other, 0, 1);
        Assert.Null(twoDictionaries.DictionaryCodes);

        var takenBack = Gathered(dictionary, [0, 1], 2);
        takenBack.RemoveLast();
        Assert.Null(takenBack.DictionaryCodes);

        var withNulls = Gathered(dictionary, [2], 1);
        withNulls.AppendNulls(3);
        Assert.Equal(new[] { 2, -1, -1, -1 }, withNulls.DictionaryCodes!.Value.Codes.ToArray());

        withNulls.Clear();
        Assert.Null(withNulls.DictionaryCodes);
        withNulls.AppendRange(Gathered(dictionary, [1], 1).ToVector(), 0, 1); // a flat, unfrozen source
        Assert.Null(withNulls.DictionaryCodes);
    }

    [Theory]
    [InlineData("VARCHAR")]
    [InlineData("INTEGER")]
    [InlineData("BIGINT")]
    [InlineData("SMALLINT")]
    [InlineData("DOUBLE")]
    public void Appending_NULLs_at_once_equals_appending_them_one_by_one(string typeName)
    {
        var type = ColumnTypes.Parse(typeName);
        Gen.Int[0, 40].Array[1, 6].Sample(counts =>
        {
            var bulk = new ColumnBuilder(type);
            var single = new ColumnBuilder(type);
            var value = type.Physical == PhysicalKind.String ? ScalarValue.FromString("v") : type.Physical == PhysicalKind.Double ? ScalarValue.FromDouble(1.5) : ScalarValue.FromInt64(7);
            foreach (var count in counts)
            {
                bulk.Append(value);
                single.Append(value);
                var constantNull = new ColumnVector(type);
                constantNull.SetConstantNull(count);
                bulk.AppendRange(constantNull, 0, count);
                for (var i = 0; i < count; i++)
                {
                    single.AppendNull();
                }
            }

            Assert.Equal(single.Count, bulk.Count);
            Assert.Equal(single.NullCount, bulk.NullCount);
            var expected = single.ToVector();
            var actual = bulk.ToVector();
            for (var row = 0; row < expected.Count; row++)
            {
                Assert.Equal(expected.GetScalar(row), actual.GetScalar(row));
            }
        }, iter: 50);
    }

    [Fact]
    public void An_all_NULL_string_chunk_is_one_run_of_one_placeholder_entry()
    {
        var builder = new ColumnBuilder(ColumnType.Varchar);
        builder.AppendNulls(2048);
        var analysis = ChunkAnalysis.Analyze(builder.ToVector());
        Assert.Equal((2048, 2048, 0, 1), (analysis.RowCount, analysis.NullCount, analysis.DistinctCount, analysis.RunCount));
        Assert.True(analysis.Min.IsNull && analysis.Max.IsNull);
        Assert.Equal(1, analysis.Dictionary!.Count);
        Assert.Equal(0, analysis.Dictionary.GetString(0).Length);
        Assert.All(analysis.Codes!, code => Assert.Equal(0, code));
    }

    [Fact]
    public void The_bitmap_lower_bound_never_exceeds_the_bitmap_size()
    {
        // The codec choice skips building bitmaps when this bound already loses; a bound above the real size would
        // wrongly skip a chunk bitmaps win.
        Gen.Int[0, 5].Array[1, 6].SelectMany(entries => Gen.Int[0, entries.Length - 1].Array[1, 3000].Select(codes => (entries, codes))).Sample(sample =>
        {
            var builder = Gathered(FrozenDictionary(sample.entries), sample.codes, 512);
            var vector = builder.ToVector();
            var analysis = ChunkAnalysis.Analyze(vector);
            var size = BitmapEncoding.Instance.EstimateSize(vector, analysis);
            Assert.True(size >= 0);
            Assert.True(BitmapEncoding.SizeAtLeast(analysis) <= size, $"bound {BitmapEncoding.SizeAtLeast(analysis)} above size {size}");
        }, iter: 200);
    }
}
