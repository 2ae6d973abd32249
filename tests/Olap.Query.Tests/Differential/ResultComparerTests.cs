using System.Numerics;

namespace Olap.Query.Tests.Differential;

public sealed class ResultComparerTests
{
    private static ResultRows Rows(params object?[][] rows)
        => new(rows.Length == 0 ? ["a"] : rows[0].Select((_, i) => "c" + i).ToArray(), rows.Length == 0 ? ["?"] : rows[0].Select(_ => "?").ToArray(), rows.Select(r => r.Select(ResultRows.Normalize).ToArray()).ToList());

    [Fact]
    public void Integers_of_any_width_are_equal_when_their_values_are()
    {
        Assert.True(ResultComparer.ValuesEqual(ResultRows.Normalize((short)7), ResultRows.Normalize((Int128)7)));
        Assert.True(ResultComparer.ValuesEqual(ResultRows.Normalize(7L), ResultRows.Normalize(new BigInteger(7))));
        Assert.False(ResultComparer.ValuesEqual(ResultRows.Normalize(7), ResultRows.Normalize(8L)));
    }

    [Fact]
    public void Decimals_equal_integers_and_each_other_exactly()
    {
        Assert.True(ResultComparer.ValuesEqual(12.50m, 12.5m));
        Assert.True(ResultComparer.ValuesEqual(new BigInteger(3), 3.00m));
        Assert.False(ResultComparer.ValuesEqual(12.50m, 12.51m));
    }

    [Fact]
    public void Doubles_are_equal_within_the_relative_tolerance()
    {
        Assert.True(ResultComparer.ValuesEqual(1e6, 1e6 * (1 + 1e-12)));
        Assert.False(ResultComparer.ValuesEqual(1e6, 1e6 * (1 + 1e-6)));
        Assert.True(ResultComparer.ValuesEqual(2.5, 2.5m));
        Assert.True(ResultComparer.ValuesEqual(double.NaN, double.NaN));
        Assert.True(ResultComparer.ValuesEqual(double.PositiveInfinity, double.PositiveInfinity));
        Assert.False(ResultComparer.ValuesEqual(double.PositiveInfinity, double.NegativeInfinity));
    }

    [Fact]
    public void Null_equals_only_null_and_strings_compare_ordinally()
    {
        Assert.True(ResultComparer.ValuesEqual(null, null));
        Assert.False(ResultComparer.ValuesEqual(null, string.Empty));
        Assert.False(ResultComparer.ValuesEqual("a", "A"));
        Assert.False(ResultComparer.ValuesEqual(new DateOnly(2020, 1, 1), new DateOnly(2020, 1, 2)));
    }

    [Fact]
    public void Rows_as_a_multiset_ignore_order_but_count_duplicates()
    {
        Assert.Null(ResultComparer.Difference(Rows([1, "x"], [2, "y"]), Rows([2L, "y"], [1L, "x"]), ordered: false));

        var difference = ResultComparer.Difference(Rows([1, "x"], [1, "x"]), Rows([1, "x"], [2, "y"]), ordered: false);
        Assert.NotNull(difference);
        Assert.Contains("rows only in olap (1)", difference, StringComparison.Ordinal);
        Assert.Contains("(1, 'x')", difference, StringComparison.Ordinal);
        Assert.Contains("rows only in duckdb (1)", difference, StringComparison.Ordinal);
        Assert.Contains("(2, 'y')", difference, StringComparison.Ordinal);
    }

    [Fact]
    public void Ordered_rows_must_come_in_the_same_order()
    {
        var difference = ResultComparer.Difference(Rows([1], [2]), Rows([2], [1]), ordered: true);
        Assert.NotNull(difference);
        Assert.Contains("from row 0", difference, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_row_or_column_is_a_difference()
    {
        Assert.NotNull(ResultComparer.Difference(Rows([1]), Rows([1], [1]), ordered: true));
        Assert.NotNull(ResultComparer.Difference(Rows([1]), Rows([1], [1]), ordered: false));
        Assert.NotNull(ResultComparer.Difference(Rows([1]), Rows([1, 2]), ordered: false));
    }
}
