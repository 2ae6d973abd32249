using Olap.Query.Execution.Joins;

namespace Olap.Query.Tests.Execution.Operators;

/// <summary>
/// The join table finds the build rows with a key: <c>Find</c> gives the first, <c>Next</c> the rest in build order.
/// A single key over a small range is direct-mapped; anything else is hashed.
/// </summary>
public sealed class JoinHashTableTests
{
    private static JoinHashTable Build(long[] keys, int width = 1, bool[]? skip = null)
    {
        var rows = keys.Length / width;
        return new JoinHashTable(keys, width, rows, skip ?? new bool[rows]);
    }

    /// <summary>Every build row whose key is <paramref name="key"/>, following the chain.</summary>
    private static List<int> Matches(JoinHashTable table, params long[] key)
    {
        var rows = new List<int>();
        for (var row = table.Find(key); row >= 0; row = table.Next(row))
        {
            rows.Add(row);
        }

        return rows;
    }

    [Fact]
    public void A_single_key_over_a_small_range_is_direct_mapped()
    {
        var table = Build([100, 105, 101, 103]);

        Assert.True(table.IsDirect);
        Assert.True(table.IsUnique);
        Assert.Equal([1], Matches(table, 105));
        Assert.Equal([2], Matches(table, 101));
        Assert.Empty(Matches(table, 102));
        Assert.Empty(Matches(table, 99));
        Assert.Empty(Matches(table, 106));
        Assert.Empty(Matches(table, long.MinValue));
        Assert.Empty(Matches(table, long.MaxValue));
    }

    [Fact]
    public void A_single_key_over_a_wide_range_is_hashed()
    {
        var table = Build([1, 1L << 40, -5]);

        Assert.False(table.IsDirect);
        Assert.True(table.IsUnique);
        Assert.Equal([1], Matches(table, 1L << 40));
        Assert.Equal([2], Matches(table, -5));
        Assert.Empty(Matches(table, 2));
    }

    [Fact]
    public void The_direct_range_limit_depends_on_the_row_count()
    {
        // A range under 1M values is direct-mapped for any row count; a wider one only when rows fill a quarter of it.
        Assert.True(Build([0, (1 << 20) - 1]).IsDirect);
        Assert.False(Build([0, 1 << 20]).IsDirect);
        var dense = Enumerable.Range(0, 300_000).Select(i => (long)i * 4).ToArray();
        Assert.True(Build(dense).IsDirect);
        Assert.False(Build([.. dense, 1L << 22]).IsDirect);
    }

    [Fact]
    public void Extreme_keys_do_not_overflow_the_range()
    {
        var table = Build([long.MinValue, long.MaxValue, 0]);

        Assert.False(table.IsDirect);
        Assert.Equal([0], Matches(table, long.MinValue));
        Assert.Equal([1], Matches(table, long.MaxValue));
        Assert.Equal([2], Matches(table, 0));
    }

    [Fact]
    public void Several_keys_are_hashed_and_matched_as_a_tuple()
    {
        var table = Build([1, 2, 2, 1, 2, 2], width: 2);

        Assert.False(table.IsDirect);
        Assert.True(table.IsUnique);
        Assert.Equal([0], Matches(table, 1, 2));
        Assert.Equal([1], Matches(table, 2, 1));
        Assert.Equal([2], Matches(table, 2, 2));
        Assert.Empty(Matches(table, 1, 1));
    }

    [Theory]
    [InlineData(1L)]
    [InlineData(1L << 40)]
    public void Chains_list_duplicate_keys_in_build_order(long spread)
    {
        var table = Build([spread * 7, spread * 3, spread * 7, spread * 7, spread * 3, spread * 9]);

        Assert.Equal(spread == 1, table.IsDirect);
        Assert.False(table.IsUnique);
        Assert.Equal([0, 2, 3], Matches(table, spread * 7));
        Assert.Equal([1, 4], Matches(table, spread * 3));
        Assert.Equal([5], Matches(table, spread * 9));
    }

    [Fact]
    public void Duplicate_tuples_chain_in_build_order()
    {
        var table = Build([1, 1, 2, 2, 1, 1, 1, 2], width: 2);

        Assert.False(table.IsUnique);
        Assert.Equal([0, 2], Matches(table, 1, 1));
        Assert.Equal([1], Matches(table, 2, 2));
        Assert.Equal([3], Matches(table, 1, 2));
    }

    [Theory]
    [InlineData(1L)]
    [InlineData(1L << 40)]
    public void Rows_with_null_keys_never_match_and_do_not_make_keys_duplicate(long spread)
    {
        var table = Build([spread * 4, spread * 4, spread * 5, 0, spread * 6], skip: [true, false, false, true, false]);

        Assert.Equal(spread == 1, table.IsDirect);
        Assert.True(table.IsUnique);
        Assert.Equal([1], Matches(table, spread * 4));
        Assert.Equal([2], Matches(table, spread * 5));
        Assert.Empty(Matches(table, 0));
    }

    [Fact]
    public void A_table_whose_every_key_is_null_matches_nothing()
    {
        var table = Build([0, 0, 0], skip: [true, true, true]);

        Assert.True(table.IsUnique);
        Assert.Empty(Matches(table, 0));
    }

    [Fact]
    public void An_empty_table_matches_nothing()
    {
        var table = new JoinHashTable([0], 1, 0, []);

        Assert.True(table.IsUnique);
        Assert.Empty(Matches(table, 0));
    }

    [Fact]
    public void A_hashed_table_finds_every_one_of_many_keys()
    {
        var keys = Enumerable.Range(0, 50_000).Select(i => (long)i * 1_000_003 * 1_000_003).ToArray();
        var table = Build(keys);

        Assert.False(table.IsDirect);
        Assert.True(table.IsUnique);
        for (var i = 0; i < keys.Length; i++)
        {
            Assert.Equal(i, table.Find([keys[i]]));
            Assert.Equal(-1, table.Next(i));
        }

        Assert.Equal(-1, table.Find([1]));
    }
}
