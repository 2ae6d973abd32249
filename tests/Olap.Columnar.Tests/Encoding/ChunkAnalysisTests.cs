using CsCheck;
using Olap.Columnar.Encoding;
using Olap.Columnar.Tests.TestSupport;
using Olap.Columnar.Types;

namespace Olap.Columnar.Tests.Encoding;

/// <summary>What the codecs are told about a chunk: NULL placeholders are neighbouring values, so NULLs cost nothing.</summary>
public sealed class ChunkAnalysisTests
{
    public static TheoryData<string> Types => ColumnTypes.Names;

    [Theory]
    [MemberData(nameof(Types))]
    public void NULLs_neither_break_runs_nor_add_dictionary_entries_nor_widen_the_range(string typeName)
    {
        // ChunkAnalysis: "Analysis first makes NULL placeholders repeat a neighbouring value, so NULLs neither break
        // runs nor widen bit widths." Inserting NULL rows anywhere must leave runs, entries and range as they were.
        var type = ColumnTypes.Parse(typeName);
        Gen.Select(ColumnSampleGen.Runs(type, 2_000, withNulls: false), Gen.Int[0, 2_000].Array[1, 50]).Sample((sample, positions) =>
        {
            var withNulls = sample.Values.ToList();
            foreach (var position in positions.OrderDescending())
            {
                withNulls.Insert(Math.Min(position, withNulls.Count), ScalarValue.Null);
            }

            var plain = ChunkAnalysis.Analyze(sample.ToVector());
            var nulls = ChunkAnalysis.Analyze(new ColumnSample(type, "RunsWithNulls", [.. withNulls]).ToVector());
            Assert.Equal(plain.RunCount, nulls.RunCount);
            Assert.Equal(plain.DistinctCount, nulls.DistinctCount);
            Assert.Equal(plain.Dictionary!.Count, nulls.Dictionary!.Count);
            Assert.Equal(positions.Length, nulls.NullCount);
            if (type.IsIntegral)
            {
                Assert.Equal(plain.IsNonDecreasing, nulls.IsNonDecreasing);
                Assert.Equal((plain.IntegralMin, plain.IntegralMax), (nulls.IntegralMin, nulls.IntegralMax));
            }
        }, iter: 30);
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void Min_max_and_distinct_count_describe_the_non_NULL_values(string typeName)
    {
        var type = ColumnTypes.Parse(typeName);
        ColumnSampleGen.Any(type, 3_000).Sample(sample =>
        {
            var analysis = ChunkAnalysis.Analyze(sample.ToVector());
            Assert.Equal(sample.Count, analysis.RowCount);
            Assert.Equal(sample.NullCount, analysis.NullCount);
            Assert.Equal(sample.DistinctCount, analysis.DistinctCount);
            var present = sample.Values.Where(value => !value.IsNull).ToArray();
            if (present.Length == 0)
            {
                Assert.True(analysis.Min.IsNull && analysis.Max.IsNull);
                return;
            }

            if (type.Physical == PhysicalKind.Double && present.Any(value => double.IsNaN(value.Double)))
            {
                Assert.True(double.IsNaN(analysis.Min.Double) && double.IsNaN(analysis.Max.Double));
                return;
            }

            // Compare by value: which of -0.0 and 0.0 is reported is the analysis's own choice.
            Assert.Equal(0, present.Min(Comparer<ScalarValue>.Create(Scalars.TotalCompare)).CompareTo(analysis.Min));
            Assert.Equal(0, present.Max(Comparer<ScalarValue>.Create(Scalars.TotalCompare)).CompareTo(analysis.Max));
        }, iter: 30);
    }
}
