using CsCheck;
using Olap.Columnar.Encoding;
using Olap.Columnar.Kernels;
using Olap.Columnar.Predicates;
using Olap.Columnar.Tests.TestSupport;
using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Columnar.Tests.Encoding;

/// <summary>
/// Filtering the encoded form gives the rows the scalar definition (<see cref="ColumnPredicate.Matches"/>) picks from the
/// decoded values, for every codec, type, comparison and window. Encodings do not look at validity, so NULL rows are
/// judged by the placeholder they decode to.
/// </summary>
public sealed class PredicateOnEncodedTests
{
    private const int Iterations = 40;

    private const int MaxRows = 3_000;

    public static TheoryData<string> Types => ColumnTypes.Names;

    [Theory]
    [MemberData(nameof(Types))]
    public void Filtering_an_encoded_chunk_agrees_with_the_scalar_definition_on_its_decoded_values(string typeName)
    {
        var type = ColumnTypes.Parse(typeName);
        ColumnSampleGen.Any(type, MaxRows)
            .SelectMany(sample => Gen.Select(PredicateGen.For(sample).Array[8], ColumnSampleGen.WindowSeeds), (sample, rest) => (sample, rest.Item1, rest.Item2))
            .Sample(AssertFiltersAgree, iter: Iterations);
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void Filtering_a_low_cardinality_chunk_agrees_with_the_scalar_definition(string typeName)
    {
        // Few distinct values: every codec applies, and dictionary entries match as ranges, complements and lookups.
        var type = ColumnTypes.Parse(typeName);
        ColumnSampleGen.LowCardinality(type, MaxRows)
            .SelectMany(sample => Gen.Select(PredicateGen.For(sample).Array[12], ColumnSampleGen.WindowSeeds), (sample, rest) => (sample, rest.Item1, rest.Item2))
            .Sample(AssertFiltersAgree, iter: Iterations / 2);
    }

    [Theory]
    [InlineData(100_000)]
    [InlineData(-100_000)]
    [InlineData(32_768)]
    [InlineData(-32_769)]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    public void A_SMALLINT_compared_with_a_constant_outside_its_range_matches_all_rows_or_none(long constant)
    {
        var values = Enumerable.Range(0, 3_000).Select(i => ScalarValue.FromInt64((short)(i * 7919))).ToArray();
        var sorted = values.OrderBy(v => v.Int64).ToArray();
        var predicates = Enum.GetValues<ComparisonKind>()
            .Where(kind => kind is not ComparisonKind.Between and not ComparisonKind.In)
            .Select(kind => ColumnPredicate.Compare(kind, ScalarValue.FromInt64(constant)))
            .Append(ColumnPredicate.Between(ScalarValue.FromInt64(constant), ScalarValue.FromInt64(-constant)))
            .Append(ColumnPredicate.Between(ScalarValue.FromInt64(-constant), ScalarValue.FromInt64(constant)))
            .Append(ColumnPredicate.In([ScalarValue.FromInt64(constant), ScalarValue.FromInt64((short)constant)]))
            .ToArray();
        foreach (var sample in new[] { new ColumnSample(ColumnType.SmallInt, "Spread", values), new ColumnSample(ColumnType.SmallInt, "Sorted", sorted) })
        {
            AssertFiltersAgree(sample, predicates, [5, 17, 64, 1_000, 2_047, 100, 3, 2_999]);
        }
    }

    [Fact]
    public void Comparisons_of_doubles_follow_IEEE_for_NaN_infinities_and_signed_zeros()
    {
        var specials = ColumnSampleGen.SpecialDoubles().Select(ScalarValue.FromDouble).ToArray();
        var values = Enumerable.Range(0, 700).Select(i => specials[(i * 5) % specials.Length]).ToArray();
        var predicates = new List<ColumnPredicate>();
        foreach (var constant in specials)
        {
            foreach (var kind in Enum.GetValues<ComparisonKind>().Where(kind => kind is not ComparisonKind.Between and not ComparisonKind.In))
            {
                predicates.Add(ColumnPredicate.Compare(kind, constant));
            }

            predicates.Add(ColumnPredicate.Between(constant, ScalarValue.FromDouble(double.PositiveInfinity)));
            predicates.Add(ColumnPredicate.Between(ScalarValue.FromDouble(-0.0), constant));
            predicates.Add(ColumnPredicate.In([constant]));
        }

        AssertFiltersAgree(new ColumnSample(ColumnType.Double, "SpecialDoubles", values), [.. predicates], [1, 2, 3, 64, 65, 128, 300, 699]);
    }

    [Fact]
    public void A_long_IN_list_of_doubles_holding_NaN_does_not_match_NaN()
    {
        // NaN equals nothing, itself included. Short IN lists compare with ==; a list of more than 16 values is
        // binary-searched, and must not find NaN there either.
        var values = new[] { double.NaN, 1.0, double.NaN, 2.0 }.Select(ScalarValue.FromDouble).ToArray();
        var inList = Enumerable.Range(10, 20).Select(i => ScalarValue.FromDouble(i)).Append(ScalarValue.FromDouble(double.NaN)).ToArray();
        AssertFiltersAgree(new ColumnSample(ColumnType.Double, "NaNs", values), [ColumnPredicate.In(inList)], [0, 1, 2, 3, 0, 0, 0, 0]);
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void Filters_run_concurrently_on_one_column_agree_with_filters_run_alone(string typeName)
    {
        // Dictionary and bitmap columns keep the last predicate's match: scans sharing a column must not see each other's.
        var type = ColumnTypes.Parse(typeName);
        ColumnSampleGen.LowCardinality(type, 3_000)
            .SelectMany(sample => PredicateGen.For(sample).Array[6], (sample, predicates) => (sample, predicates))
            .Sample((sample, predicates) =>
            {
                foreach (var chunk in EncodedChunk.EncodeAll(sample))
                {
                    var alone = Array.ConvertAll(predicates, predicate => FilterAll(chunk.Column, predicate));
                    Parallel.For(0, predicates.Length * 8, i =>
                    {
                        var bits = FilterAll(chunk.Column, predicates[i % predicates.Length]);
                        if (!bits.AsSpan().SequenceEqual(alone[i % predicates.Length]))
                        {
                            Assert.Fail($"{chunk.Kind} filter {predicates[i % predicates.Length]} differs when run beside others; chunk {sample}");
                        }
                    });
                }
            }, iter: 10, threads: 1);
    }

    private static ulong[] FilterAll(EncodedColumn column, ColumnPredicate predicate)
    {
        var bits = new ulong[BitSpan.WordCount(column.RowCount)];
        column.Filter(predicate, 0, column.RowCount, bits);
        return bits;
    }

    /// <summary>For each applicable codec: the filter bits of every window equal Matches on the decoded rows, and bits past the window are 0.</summary>
    private static void AssertFiltersAgree(ColumnSample sample, ColumnPredicate[] predicates, int[] seeds)
    {
        var windows = ColumnSampleGen.Windows(sample.Count, seeds).ToArray();
        foreach (var chunk in EncodedChunk.EncodeAll(sample))
        {
            var decoded = new ColumnVector(sample.Type);
            chunk.Column.Decode(0, sample.Count, decoded);
            var rows = new ScalarValue[sample.Count];
            for (var i = 0; i < rows.Length; i++)
            {
                rows[i] = Scalars.Raw(decoded, i);
            }

            foreach (var predicate in predicates)
            {
                var expected = Array.ConvertAll(rows, predicate.Matches);
                foreach (var (start, count) in windows)
                {
                    // Start from all ones: the filter must write its bits, not OR them in.
                    var bits = new ulong[BitSpan.WordCount(count)];
                    bits.AsSpan().Fill(ulong.MaxValue);
                    chunk.Column.Filter(predicate, start, count, bits);
                    for (var i = 0; i < count; i++)
                    {
                        var actual = (bits[i >> 6] & (1UL << (i & 63))) != 0;
                        if (actual != expected[start + i])
                        {
                            Assert.Fail($"{chunk.Kind} filter {predicate} says {actual} for row {start + i} = {Scalars.Show(rows[start + i])} "
                                + $"(window [{start}, {start + count})), Matches says {expected[start + i]}; chunk {sample}");
                        }
                    }

                    if ((count & 63) != 0 && bits[^1] >> (count & 63) != 0)
                    {
                        Assert.Fail($"{chunk.Kind} filter {predicate} set bits past the {count} rows of window [{start}, {start + count}): {bits[^1]:X16}; chunk {sample}");
                    }
                }

                if (chunk.Column is IBitmapSelectable selectable)
                {
                    var selected = selectable.Select(predicate);
                    Assert.Equal(expected.Count(match => match), selected.Cardinality);
                    for (var row = 0; row < expected.Length; row++)
                    {
                        if (selected.Contains(row) != expected[row])
                        {
                            Assert.Fail($"{chunk.Kind} Select({predicate}) disagrees on row {row}; chunk {sample}");
                        }
                    }
                }
            }
        }
    }
}
