using System.Numerics;
using CsCheck;
using Olap.Columnar.Predicates;
using Olap.Columnar.Tests.Format;
using Olap.Columnar.Types;
using Olap.Columnar.Tests.TestSupport;

namespace Olap.Columnar.Tests.Predicates;

public sealed class ColumnPredicateTests
{
    private const ZoneMapResult F = ZoneMapResult.AlwaysFalse;
    private const ZoneMapResult T = ZoneMapResult.AlwaysTrue;
    private const ZoneMapResult M = ZoneMapResult.Maybe;

    /// <summary>Predicate text, chunk minimum, chunk maximum, verdict without NULLs.</summary>
    public static TheoryData<string, long, long, ZoneMapResult> IntegerZoneMaps => new()
    {
        { "= 5", 10, 20, F }, { "= 10", 10, 20, M }, { "= 15", 10, 20, M }, { "= 20", 10, 20, M }, { "= 25", 10, 20, F }, { "= 7", 7, 7, T },
        { "<> 5", 10, 20, T }, { "<> 10", 10, 20, M }, { "<> 25", 10, 20, T }, { "<> 7", 7, 7, F }, { "<> 8", 7, 7, T },
        { "< 10", 10, 20, F }, { "< 11", 10, 20, M }, { "< 20", 10, 20, M }, { "< 21", 10, 20, T },
        { "<= 9", 10, 20, F }, { "<= 10", 10, 20, M }, { "<= 19", 10, 20, M }, { "<= 20", 10, 20, T },
        { "> 20", 10, 20, F }, { "> 19", 10, 20, M }, { "> 10", 10, 20, M }, { "> 9", 10, 20, T },
        { ">= 21", 10, 20, F }, { ">= 20", 10, 20, M }, { ">= 11", 10, 20, M }, { ">= 10", 10, 20, T },
        { "BETWEEN 0 9", 10, 20, F }, { "BETWEEN 21 30", 10, 20, F }, { "BETWEEN 0 10", 10, 20, M }, { "BETWEEN 20 30", 10, 20, M },
        { "BETWEEN 12 15", 10, 20, M }, { "BETWEEN 10 20", 10, 20, T }, { "BETWEEN 5 25", 10, 20, T }, { "BETWEEN 15 12", 10, 20, F },
        { "BETWEEN 20 10", 10, 20, F },
        { "IN 1 2", 10, 20, F }, { "IN 1 15", 10, 20, M }, { "IN 5 25", 10, 20, F }, { "IN 10", 10, 20, M }, { "IN 10", 10, 10, T },
        { "IN 3 10", 10, 10, T }, { "IN 3 11", 10, 10, F },
        { "< -9223372036854775808", long.MinValue, 0, F }, { "<= -9223372036854775808", long.MinValue, 0, M },
        { "> 9223372036854775807", 0, long.MaxValue, F }, { ">= 9223372036854775807", 0, long.MaxValue, M },
        { "<> 0", long.MinValue, long.MaxValue, M }, { "BETWEEN -9223372036854775808 9223372036854775807", long.MinValue, long.MaxValue, T },
    };

    [Theory]
    [MemberData(nameof(IntegerZoneMaps))]
    public void The_zone_map_answers_each_comparison_from_the_chunk_minimum_and_maximum(string predicate, long min, long max, ZoneMapResult expected)
    {
        Assert.Equal(expected, Parse(predicate).CheckZoneMap(ScalarValue.FromInt64(min), ScalarValue.FromInt64(max), nullCount: 0, rowCount: 100));
    }

    [Theory]
    [MemberData(nameof(IntegerZoneMaps))]
    public void A_chunk_with_NULLs_is_never_always_true_but_can_be_always_false(string predicate, long min, long max, ZoneMapResult withoutNulls)
    {
        var expected = withoutNulls == T ? M : withoutNulls;
        Assert.Equal(expected, Parse(predicate).CheckZoneMap(ScalarValue.FromInt64(min), ScalarValue.FromInt64(max), nullCount: 1, rowCount: 100));
        Assert.Equal(expected, Parse(predicate).CheckZoneMap(ScalarValue.FromInt64(min), ScalarValue.FromInt64(max), nullCount: 99, rowCount: 100));
    }

    [Fact]
    public void An_all_NULL_chunk_or_an_empty_chunk_is_always_false()
    {
        foreach (var row in IntegerZoneMaps)
        {
            var predicate = Parse((string)row[0]);
            Assert.Equal(F, predicate.CheckZoneMap(ScalarValue.Null, ScalarValue.Null, nullCount: 100, rowCount: 100));
            Assert.Equal(F, predicate.CheckZoneMap(ScalarValue.Null, ScalarValue.Null, nullCount: 0, rowCount: 0));
        }

        Assert.Equal(F, StringPredicate(ComparisonKind.NotEqual, "x").CheckZoneMap(ScalarValue.Null, ScalarValue.Null, 7, 7));
        Assert.Equal(F, DoublePredicate(ComparisonKind.NotEqual, double.NaN).CheckZoneMap(ScalarValue.Null, ScalarValue.Null, 7, 7));
    }

    [Fact]
    public void A_chunk_without_statistics_is_maybe()
    {
        // Strings longer than 256 bytes are stored without statistics.
        foreach (var kind in Enum.GetValues<ComparisonKind>())
        {
            var predicate = StringPredicate(kind, "m", "p");
            Assert.Equal(M, predicate.CheckZoneMap(ScalarValue.Null, ScalarValue.Null, nullCount: 0, rowCount: 100));
            Assert.Equal(M, predicate.CheckZoneMap(ScalarValue.Null, ScalarValue.Null, nullCount: 5, rowCount: 100));
        }
    }

    [Fact]
    public void Double_statistics_holding_NaN_are_maybe_for_every_comparison()
    {
        var nan = ScalarValue.FromDouble(double.NaN);
        foreach (var kind in Enum.GetValues<ComparisonKind>())
        {
            foreach (var constant in new[] { double.NaN, 0.0, -1e300, 1e300, double.PositiveInfinity })
            {
                var predicate = DoublePredicate(kind, constant, constant + 1);
                Assert.Equal(M, predicate.CheckZoneMap(nan, nan, nullCount: 0, rowCount: 100));
            }
        }
    }

    [Fact]
    public void Signed_zeros_are_one_value_to_the_zone_map()
    {
        var negativeZero = ScalarValue.FromDouble(-0.0);
        var zero = ScalarValue.FromDouble(0.0);
        Assert.NotEqual(F, DoublePredicate(ComparisonKind.Equal, 0.0).CheckZoneMap(negativeZero, negativeZero, 0, 10));
        Assert.NotEqual(F, DoublePredicate(ComparisonKind.Equal, -0.0).CheckZoneMap(zero, zero, 0, 10));
        Assert.NotEqual(F, DoublePredicate(ComparisonKind.In, 0.0).CheckZoneMap(negativeZero, negativeZero, 0, 10));
        Assert.Equal(F, DoublePredicate(ComparisonKind.LessThan, 0.0).CheckZoneMap(negativeZero, zero, 0, 10));
        Assert.Equal(F, DoublePredicate(ComparisonKind.GreaterThan, -0.0).CheckZoneMap(negativeZero, zero, 0, 10));
        Assert.Equal(F, DoublePredicate(ComparisonKind.NotEqual, 0.0).CheckZoneMap(negativeZero, zero, 0, 10));
    }

    [Fact]
    public void A_comparison_with_NaN_excludes_every_chunk_except_through_not_equal()
    {
        var one = ScalarValue.FromDouble(1);
        var two = ScalarValue.FromDouble(2);
        Assert.Equal(F, DoublePredicate(ComparisonKind.Equal, double.NaN).CheckZoneMap(one, two, 0, 10));
        Assert.Equal(F, DoublePredicate(ComparisonKind.In, double.NaN).CheckZoneMap(one, two, 0, 10));
        Assert.Equal(F, DoublePredicate(ComparisonKind.LessThan, double.NaN).CheckZoneMap(one, two, 0, 10));
        Assert.NotEqual(F, DoublePredicate(ComparisonKind.NotEqual, double.NaN).CheckZoneMap(one, two, 0, 10));
    }

    [Fact]
    public void String_statistics_compare_by_UTF8_bytes()
    {
        // Byte-wise "Z" < "a" < "é" < "日" (UTF-16 ordinal or culture orders would differ for some of these).
        var low = ScalarValue.FromString("a");
        var high = ScalarValue.FromString("é");
        Assert.Equal(F, StringPredicate(ComparisonKind.Equal, "Z").CheckZoneMap(low, high, 0, 10));
        Assert.Equal(F, StringPredicate(ComparisonKind.Equal, "日").CheckZoneMap(low, high, 0, 10));
        Assert.Equal(M, StringPredicate(ComparisonKind.Equal, "b").CheckZoneMap(low, high, 0, 10));
        Assert.Equal(T, StringPredicate(ComparisonKind.LessThan, "日").CheckZoneMap(low, high, 0, 10));
        Assert.Equal(T, StringPredicate(ComparisonKind.GreaterThan, "Z").CheckZoneMap(low, high, 0, 10));
        Assert.Equal(F, StringPredicate(ComparisonKind.GreaterThan, "é").CheckZoneMap(low, high, 0, 10));
        Assert.Equal(M, StringPredicate(ComparisonKind.LessThan, "b").CheckZoneMap(low, high, 0, 10));
    }

    [Fact]
    public void Constants_beyond_a_SMALLINT_fold_into_everything_or_nothing()
    {
        Assert.True(MatchesAll(Parse("< 100000").GetRange<short>()));
        Assert.True(MatchesAll(Parse("<= 32767").GetRange<short>()));
        Assert.True(MatchesAll(Parse("> -100000").GetRange<short>()));
        Assert.True(MatchesAll(Parse("<> 100000").GetRange<short>()));
        Assert.True(MatchesAll(Parse("<> -32769").GetRange<short>()));
        Assert.True(MatchesAll(Parse("BETWEEN -100000 100000").GetRange<short>()));
        Assert.True(Parse("> 100000").GetRange<short>() is { IsEmpty: true, Negated: false });
        Assert.True(Parse("= -100000").GetRange<short>() is { IsEmpty: true, Negated: false });
        Assert.True(Parse("= 32768").GetRange<short>() is { IsEmpty: true, Negated: false });
        Assert.True(Parse("< -32768").GetRange<short>() is { IsEmpty: true, Negated: false });
        Assert.True(Parse("BETWEEN 40000 50000").GetRange<short>() is { IsEmpty: true, Negated: false });
        Assert.True(Parse("BETWEEN -50000 -40000").GetRange<short>() is { IsEmpty: true, Negated: false });
        Assert.Equal(new ValueRange<short>(short.MaxValue, short.MaxValue, false), Parse(">= 32767").GetRange<short>());
        Assert.Equal(new ValueRange<short>(short.MinValue, -1, false), Parse("< 0").GetRange<short>());
    }

    [Fact]
    public void Constants_at_the_edges_of_INTEGER_fold_without_overflow()
    {
        Assert.True(Parse("< -2147483648").GetRange<int>() is { IsEmpty: true, Negated: false });
        Assert.True(Parse("> 2147483647").GetRange<int>() is { IsEmpty: true, Negated: false });
        Assert.True(Parse("= 4294967296").GetRange<int>() is { IsEmpty: true, Negated: false });
        Assert.Equal(new ValueRange<int>(int.MinValue, int.MinValue, false), Parse("<= -2147483648").GetRange<int>());
        Assert.Equal(new ValueRange<int>(int.MaxValue, int.MaxValue, false), Parse(">= 2147483647").GetRange<int>());
        Assert.True(Parse("< -9223372036854775808").GetRange<long>() is { IsEmpty: true, Negated: false });
        Assert.True(Parse("> 9223372036854775807").GetRange<long>() is { IsEmpty: true, Negated: false });
        Assert.True(Parse("= 256").GetRange<byte>() is { IsEmpty: true, Negated: false });
        Assert.True(Parse("= -1").GetRange<byte>() is { IsEmpty: true, Negated: false });
        Assert.True(MatchesAll(Parse("<> 256").GetRange<byte>()));
    }

    [Fact]
    public void Not_equal_is_the_negated_single_value_range()
    {
        Assert.Equal(new ValueRange<int>(5, 5, true), Parse("<> 5").GetRange<int>());
        Assert.Equal(new ValueRange<long>(long.MinValue, long.MinValue, true), Parse("<> -9223372036854775808").GetRange<long>());
        var range = DoublePredicate(ComparisonKind.NotEqual, 1.5).GetRange<double>();
        Assert.True(range is { Low: 1.5, High: 1.5, Negated: true });
    }

    [Fact]
    public void Strict_double_comparisons_step_to_the_neighbouring_double()
    {
        Assert.Equal(-double.Epsilon, DoublePredicate(ComparisonKind.LessThan, 0.0).GetRange<double>().High);
        Assert.Equal(double.Epsilon, DoublePredicate(ComparisonKind.GreaterThan, -0.0).GetRange<double>().Low);
        Assert.Equal(double.MaxValue, DoublePredicate(ComparisonKind.LessThan, double.PositiveInfinity).GetRange<double>().High);
        Assert.True(DoublePredicate(ComparisonKind.LessThan, double.NegativeInfinity).GetRange<double>().IsEmpty);
        Assert.True(DoublePredicate(ComparisonKind.GreaterThan, double.PositiveInfinity).GetRange<double>().IsEmpty);
        Assert.Throws<InvalidOperationException>(() => DoublePredicate(ComparisonKind.In, 1).GetRange<double>());
    }

    [Fact]
    public void The_range_form_agrees_with_Matches_for_every_integral_width()
    {
        Gen.Select(Gen.Int[0, 6], Gen.OneOf(Gen.Long, Gen.Long[-70_000, 70_000]), Gen.OneOf(Gen.Long, Gen.Long[-70_000, 70_000]), Gen.OneOf(Gen.Long, Gen.Long[-70_000, 70_000]))
            .Sample((kind, a, b, x) =>
            {
                var predicate = kind == (int)ComparisonKind.Between
                    ? ColumnPredicate.Between(ScalarValue.FromInt64(a), ScalarValue.FromInt64(b))
                    : ColumnPredicate.Compare((ComparisonKind)kind, ScalarValue.FromInt64(a));
                AssertRangeAgrees<byte>(predicate, x);
                AssertRangeAgrees<short>(predicate, x);
                AssertRangeAgrees<int>(predicate, x);
                AssertRangeAgrees<long>(predicate, x);
                AssertRangeAgrees<short>(predicate, a);
                AssertRangeAgrees<int>(predicate, b);
            }, iter: 20_000);
    }

    [Fact]
    public void The_range_form_agrees_with_Matches_for_doubles()
    {
        double[] special = [double.NaN, -0.0, 0.0, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, -double.Epsilon, double.MaxValue, double.MinValue, 1, -1];
        var doubles = Gen.OneOf(Gen.Double, Gen.Int[0, special.Length - 1].Select(i => special[i]), Gen.Int[-3, 3].Select(i => (double)i));
        Gen.Select(Gen.Int[0, 6], doubles, doubles, doubles).Sample((kind, a, b, x) =>
        {
            var predicate = kind == (int)ComparisonKind.Between
                ? ColumnPredicate.Between(ScalarValue.FromDouble(a), ScalarValue.FromDouble(b))
                : ColumnPredicate.Compare((ComparisonKind)kind, ScalarValue.FromDouble(a));
            var range = predicate.GetRange<double>();
            var inRange = x >= range.Low && x <= range.High;
            Assert.True(range.Negated != inRange == predicate.Matches(ScalarValue.FromDouble(x)), $"{predicate} on {x:R}: range [{range.Low:R}, {range.High:R}] negated {range.Negated}");
        }, iter: 20_000);
    }

    [Fact]
    public void Matches_agrees_with_the_reference_semantics()
    {
        var random = new Random(71);
        var rows = SampleTable.Rows(2000, seed: 72);
        for (var i = 0; i < 20_000; i++)
        {
            var column = random.Next(SampleTable.Columns.Length);
            var predicate = SampleTable.RandomPredicate(random, SampleTable.Columns[column].Type, rows, column);
            var value = rows[random.Next(rows.Count)][column];
            Assert.True(NaiveFilter.Matches(predicate, value) == predicate.Matches(value), $"{predicate} on {FileRows.Describe(value)}");
        }

        Assert.False(Parse("<> 1").Matches(ScalarValue.Null));
        Assert.True(DoublePredicate(ComparisonKind.NotEqual, 1).Matches(ScalarValue.FromDouble(double.NaN)));
        Assert.False(DoublePredicate(ComparisonKind.Equal, double.NaN).Matches(ScalarValue.FromDouble(double.NaN)));
        Assert.True(DoublePredicate(ComparisonKind.Equal, 0.0).Matches(ScalarValue.FromDouble(-0.0)));
    }

    [Fact]
    public void A_zone_map_verdict_holds_for_every_integer_between_the_minimum_and_the_maximum()
    {
        var edges = Gen.OneOf(Gen.Long, Gen.Long[-20, 20], Gen.Const(long.MinValue), Gen.Const(long.MaxValue));
        var predicates = Gen.Select(Gen.Int[0, 7], edges, edges, edges.Array[1, 4]).Select((kind, a, b, set) => (ComparisonKind)kind switch
        {
            ComparisonKind.Between => ColumnPredicate.Between(ScalarValue.FromInt64(a), ScalarValue.FromInt64(b)),
            ComparisonKind.In => ColumnPredicate.In(set.Select(ScalarValue.FromInt64)),
            var k => ColumnPredicate.Compare(k, ScalarValue.FromInt64(a)),
        });
        Gen.Select(predicates, edges, edges, Gen.Long.Array[8], Gen.Int[0, 2]).Sample((predicate, a, b, noise, nulls) =>
        {
            var (min, max) = a <= b ? (a, b) : (b, a);
            var verdict = predicate.CheckZoneMap(ScalarValue.FromInt64(min), ScalarValue.FromInt64(max), nulls, 100);

            // The chunk holds min and max and may hold anything between: the interesting values of the predicate and random ones.
            var samples = new List<long> { min, max };
            var span = (ulong)(max - min);
            samples.AddRange(noise.Select(n => span == ulong.MaxValue ? n : min + (long)((ulong)n % (span + 1))));
            foreach (var constant in predicate.Set.Append(predicate.Low).Append(predicate.Kind == ComparisonKind.Between ? predicate.High : predicate.Low))
            {
                foreach (var near in new[] { constant.Int64 - 1, constant.Int64, constant.Int64 + 1 })
                {
                    if (near >= min && near <= max)
                    {
                        samples.Add(near);
                    }
                }
            }

            AssertVerdictHolds(predicate, verdict, nulls, samples.Select(ScalarValue.FromInt64), $"[{min}, {max}]");
        }, iter: 20_000);
    }

    [Fact]
    public void A_zone_map_verdict_holds_for_every_double_and_string_between_the_minimum_and_the_maximum()
    {
        var random = new Random(73);
        double[] doubles = [double.NegativeInfinity, -1e300, -2, -1.5, -1, -double.Epsilon, -0.0, 0.0, double.Epsilon, 0.5, 1, 2, 1e300, double.PositiveInfinity];
        string[] strings = [string.Empty, "\u0000", "A", "Z", "a", "aa", "ab", "b", "z", "é", "ê", "日", "日本", "😀"];
        for (var i = 0; i < 5000; i++)
        {
            var nulls = random.Next(3);
            var useStrings = random.Next(2) == 0;
            var values = useStrings
                ? strings.Select(ScalarValue.FromString).ToArray()
                : doubles.Select(ScalarValue.FromDouble).ToArray();
            var (lo, hi) = (random.Next(values.Length), random.Next(values.Length));
            if (lo > hi)
            {
                (lo, hi) = (hi, lo);
            }

            var constants = values.Concat(useStrings ? [] : [ScalarValue.FromDouble(double.NaN)]).ToArray();
            ScalarValue Constant() => constants[random.Next(constants.Length)];
            var kind = (ComparisonKind)random.Next(8);
            var predicate = kind switch
            {
                ComparisonKind.Between => ColumnPredicate.Between(Constant(), Constant()),
                ComparisonKind.In => ColumnPredicate.In([Constant(), Constant()]),
                _ => ColumnPredicate.Compare(kind, Constant()),
            };

            var verdict = predicate.CheckZoneMap(values[lo], values[hi], nulls, 100);
            AssertVerdictHolds(predicate, verdict, nulls, values[lo..(hi + 1)], $"[{FileRows.Describe(values[lo])}, {FileRows.Describe(values[hi])}]");
        }
    }

    private static void AssertVerdictHolds(ColumnPredicate predicate, ZoneMapResult verdict, int nulls, IEnumerable<ScalarValue> samples, string chunk)
    {
        if (verdict == ZoneMapResult.AlwaysTrue)
        {
            Assert.True(nulls == 0, $"{predicate} on {chunk} with {nulls} NULLs: always true despite NULLs");
        }

        foreach (var sample in samples)
        {
            var matches = NaiveFilter.Matches(predicate, sample);
            if ((verdict == ZoneMapResult.AlwaysFalse && matches) || (verdict == ZoneMapResult.AlwaysTrue && !matches))
            {
                Assert.Fail($"{predicate} on a chunk {chunk}: the zone map says {verdict} but {FileRows.Describe(sample)} {(matches ? "matches" : "does not match")}");
            }
        }
    }

    private static void AssertRangeAgrees<T>(ColumnPredicate predicate, long x)
        where T : unmanaged, INumber<T>, IMinMaxValue<T>
    {
        // Only values the element type can hold occur in a vector of it.
        if (x < long.CreateTruncating(T.MinValue) || (typeof(T) != typeof(ulong) && x > long.CreateTruncating(T.MaxValue)))
        {
            return;
        }

        var range = predicate.GetRange<T>();
        var value = T.CreateTruncating(x);
        var inRange = value >= range.Low && value <= range.High;
        Assert.True(range.Negated != inRange == predicate.Matches(ScalarValue.FromInt64(x)), $"{predicate} on {x} as {typeof(T).Name}: range [{range.Low}, {range.High}] negated {range.Negated}");
    }

    private static bool MatchesAll<T>(ValueRange<T> range)
        where T : unmanaged, INumber<T>, IMinMaxValue<T>
        => range.Negated ? range.IsEmpty : range.Low == T.MinValue && range.High == T.MaxValue;

    private static ColumnPredicate DoublePredicate(ComparisonKind kind, double value, double high = 0) => kind switch
    {
        ComparisonKind.Between => ColumnPredicate.Between(ScalarValue.FromDouble(value), ScalarValue.FromDouble(high)),
        ComparisonKind.In => ColumnPredicate.In([ScalarValue.FromDouble(value)]),
        _ => ColumnPredicate.Compare(kind, ScalarValue.FromDouble(value)),
    };

    private static ColumnPredicate StringPredicate(ComparisonKind kind, string value, string high = "") => kind switch
    {
        ComparisonKind.Between => ColumnPredicate.Between(ScalarValue.FromString(value), ScalarValue.FromString(high)),
        ComparisonKind.In => ColumnPredicate.In([ScalarValue.FromString(value)]),
        _ => ColumnPredicate.Compare(kind, ScalarValue.FromString(value)),
    };

    private static ColumnPredicate Parse(string text) => PredicateText.Parse(text);
}
