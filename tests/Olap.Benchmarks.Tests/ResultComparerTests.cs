using System.Numerics;
using Olap.Benchmarks.Ssb;

namespace Olap.Benchmarks.Tests;

/// <summary>The comparer accepts the same answer in any numeric type and any tie order, and catches every kind of wrong answer.</summary>
public sealed class ResultComparerTests
{
    private static readonly List<object?[]> s_duckDb =
    [
        [1993, "MFGR#121", new BigInteger(446_031_203_850L), 0.25],
        [1994, "MFGR#122", new BigInteger(123), 1e12],
        [1995, "MFGR#121", new BigInteger(-7), 0.0],
    ];

    [Fact]
    public void Equal_rows_match()
    {
        var comparison = ResultComparer.Compare(s_duckDb, Copy(s_duckDb));

        Assert.True(comparison.Match, comparison.Message);
    }

    [Fact]
    public void Integers_of_different_types_with_the_same_value_match()
    {
        object[] values = [42, 42L, (Int128)42, new BigInteger(42), 42m, (short)42];
        foreach (var x in values)
        {
            foreach (var y in values)
            {
                Assert.True(ResultComparer.SameValue(x, y), $"{x.GetType().Name} 42 vs {y.GetType().Name} 42");
            }
        }
    }

    [Fact]
    public void Integers_beyond_the_range_of_a_double_compare_exactly()
    {
        var big = (Int128)long.MaxValue * 1000;

        Assert.True(ResultComparer.SameValue(big, (BigInteger)big));
        Assert.False(ResultComparer.SameValue(big + 1, (BigInteger)big));
    }

    [Fact]
    public void Doubles_within_one_billionth_relative_match()
    {
        Assert.True(ResultComparer.SameValue(1e12, 1e12 * (1 + 5e-10)));
        Assert.True(ResultComparer.SameValue(0.0, 0.0));
    }

    [Fact]
    public void Rows_in_another_order_match_because_order_by_ties_may_come_back_either_way()
    {
        var reordered = Copy(s_duckDb);
        reordered.Reverse();

        Assert.True(ResultComparer.Compare(s_duckDb, reordered).Match);
    }

    [Fact]
    public void A_changed_value_is_caught_and_the_row_is_named()
    {
        var olap = Copy(s_duckDb);
        olap[1][2] = 124L;

        var comparison = ResultComparer.Compare(s_duckDb, olap);

        Assert.False(comparison.Match);
        Assert.Equal(1, comparison.Row);
        Assert.Contains("[1994, 'MFGR#122', 123, 1000000000000]", comparison.Message, StringComparison.Ordinal);
        Assert.Contains("[1994, 'MFGR#122', 124, 1000000000000]", comparison.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_string_is_caught()
    {
        var olap = Copy(s_duckDb);
        olap[0][1] = "MFGR#12";

        Assert.False(ResultComparer.Compare(s_duckDb, olap).Match);
    }

    [Fact]
    public void A_missing_row_is_caught()
    {
        var olap = Copy(s_duckDb);
        olap.RemoveAt(2);

        var comparison = ResultComparer.Compare(s_duckDb, olap);

        Assert.False(comparison.Match);
        Assert.Contains("3 rows vs 2", comparison.Message, StringComparison.Ordinal);
        Assert.Equal(s_duckDb[2], comparison.Expected);
        Assert.Null(comparison.Actual);
    }

    [Fact]
    public void An_extra_row_is_caught()
    {
        var olap = Copy(s_duckDb);
        olap.Add([1996, "MFGR#121", 1L, 1.0]);

        var comparison = ResultComparer.Compare(s_duckDb, olap);

        Assert.False(comparison.Match);
        Assert.Contains("3 rows vs 4", comparison.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_double_off_by_more_than_one_billionth_relative_is_caught()
    {
        var olap = Copy(s_duckDb);
        olap[1][3] = 1e12 * (1 + 2e-9);

        Assert.False(ResultComparer.Compare(s_duckDb, olap).Match);
    }

    [Fact]
    public void Null_differs_from_any_value()
    {
        Assert.False(ResultComparer.SameValue(null, 0));
        Assert.True(ResultComparer.SameValue(null, null));
    }

    private static List<object?[]> Copy(List<object?[]> rows) => [.. rows.Select(r => (object?[])r.Clone())];
}
