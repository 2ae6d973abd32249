using Olap.Columnar.Encoding;
using Olap.Columnar.Tests.TestSupport;
using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Columnar.Tests.Encoding;

/// <summary>
/// The analysis builds a chunk's dictionary one of two ways — a flag per value for narrow integral ranges, a hash table
/// otherwise — and both must give the same answer: the sorted distinct values, and per row the index of its value.
/// </summary>
public sealed class ChunkDictionaryTests
{
    public static TheoryData<string, long, long, int> IntegralShapes => new()
    {
        { "INTEGER", 0, 50, 5_000 },                      // tiny range: direct flags
        { "INTEGER", 1_000_000_000, 1_000_400_000, 100_000 }, // far from zero, range 4 × rows: direct flags
        { "INTEGER", int.MinValue, int.MaxValue, 20_000 },  // the whole domain: hashed
        { "BIGINT", long.MinValue / 2, long.MaxValue / 2, 20_000 },
        { "BIGINT", -3, 3, 1_000 },
        { "SMALLINT", short.MinValue, short.MaxValue, 30_000 },
        { "BOOLEAN", 0, 1, 500 },
        { "DATE", 8_000, 10_600, 130_000 },
        { "INTEGER", 0, 1 << 24, 131_072 },                 // more distinct values than a dictionary may hold
    };

    [Theory]
    [MemberData(nameof(IntegralShapes))]
    public void Integral_dictionaries_are_the_sorted_distinct_values_and_codes_point_at_each_rows_value(string typeName, long low, long high, int rows)
    {
        var type = ColumnTypes.Parse(typeName);
        var random = new Random(rows);
        foreach (var nullEvery in new[] { 0, 7 })
        {
            var builder = new ColumnBuilder(type);
            var expected = new List<long?>();
            for (var i = 0; i < rows; i++)
            {
                if (nullEvery > 0 && i % nullEvery == 3)
                {
                    builder.AppendNull();
                    expected.Add(null);
                    continue;
                }

                var value = low + (long)(random.NextDouble() * ((double)high - low));
                builder.AppendInt64(value);
                expected.Add(value);
            }

            var analysis = ChunkAnalysis.Analyze(builder.ToVector());
            var distinct = expected.Where(v => v is not null).Select(v => v!.Value).Distinct().Order().ToArray();
            Assert.Equal(distinct.Min(), analysis.Min.Int64);
            Assert.Equal(distinct.Max(), analysis.Max.Int64);
            if (distinct.Length > ChunkAnalysis.MaxDictionaryEntries)
            {
                Assert.Equal(-1, analysis.DistinctCount);
                Assert.Null(analysis.Dictionary);
                continue;
            }

            Assert.Equal(distinct.Length, analysis.DistinctCount);
            var dictionary = analysis.Dictionary!;
            var entries = Enumerable.Range(0, dictionary.Count).Select(k => dictionary.GetScalar(k).Int64).ToArray();
            Assert.Equal(distinct, entries); // NULL placeholders repeat a neighbour, so they add no entry
            for (var i = 0; i < rows; i++)
            {
                if (expected[i] is { } value)
                {
                    Assert.Equal(value, entries[analysis.Codes![i]]);
                }
            }
        }
    }

    [Theory]
    [InlineData(3, 10_000)]
    [InlineData(5_000, 20_000)]
    [InlineData(100_000, 100_000)]
    public void String_dictionaries_are_the_sorted_distinct_strings_and_bounds_come_from_them(int distinctValues, int rows)
    {
        var random = new Random(distinctValues);
        foreach (var nullEvery in new[] { 0, 5 })
        {
            var builder = new ColumnBuilder(ColumnType.Varchar);
            var expected = new List<string?>();
            for (var i = 0; i < rows; i++)
            {
                if (nullEvery > 0 && i % nullEvery == 1)
                {
                    builder.AppendNull();
                    expected.Add(null);
                    continue;
                }

                // Runs of repeats and lengths from empty up, so the "same as the row before" shortcut is exercised.
                var value = i > 0 && random.Next(4) == 0 && expected[^1] is { } last ? last : "v" + random.Next(distinctValues).ToString("x") + new string('é', random.Next(3));
                builder.AppendString(value);
                expected.Add(value);
            }

            var analysis = ChunkAnalysis.Analyze(builder.ToVector());
            var distinct = expected.Where(v => v is not null).Select(v => v!).Distinct().Order(StringComparer.Ordinal).ToArray();
            var utf8Order = Comparer<string>.Create((a, b) => System.Text.Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(System.Text.Encoding.UTF8.GetBytes(b)));
            distinct = [.. distinct.Order(utf8Order)];
            Assert.Equal(distinct[0], analysis.Min.ToString());
            Assert.Equal(distinct[^1], analysis.Max.ToString());
            if (distinct.Length > ChunkAnalysis.MaxDictionaryEntries)
            {
                Assert.Equal(-1, analysis.DistinctCount);
                Assert.Null(analysis.Dictionary);
                continue;
            }

            Assert.Equal(distinct.Length, analysis.DistinctCount);
            var dictionary = analysis.Dictionary!;
            var entries = Enumerable.Range(0, dictionary.Count).Select(k => dictionary.GetScalar(k).ToString()).ToArray();
            Assert.Equal(distinct, entries);
            for (var i = 0; i < rows; i++)
            {
                if (expected[i] is { } value)
                {
                    Assert.Equal(value, entries[analysis.Codes![i]]);
                }
            }
        }
    }
}
