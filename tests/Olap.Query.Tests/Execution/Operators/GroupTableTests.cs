using Olap.Columnar.Types;
using Olap.Columnar.Vectors;
using Olap.Query.Execution.Aggregation;

namespace Olap.Query.Tests.Execution.Operators;

/// <summary>A group table gives every distinct key a dense id, the same id whenever the key comes back.</summary>
public sealed class GroupTableTests
{
    private static int[] FindOrAdd(GroupTable table, params ColumnVector[] keys)
    {
        var count = keys[0].Count;
        var ids = new int[count];
        table.FindOrAdd(keys, Vectors.AllRows(count), ids);
        return ids;
    }

    private static List<string> KeyText(GroupTable table, int column)
    {
        var vector = table.KeyVector(column);
        return [.. Enumerable.Range(0, table.GroupCount).Select(g => vector.IsNull(g) ? "NULL" : Olap.Columnar.Types.ValueFormatter.Format(vector.GetScalar(g), vector.Type))];
    }

    [Fact]
    public void Equal_keys_get_one_group_across_chunks()
    {
        var table = new GroupTable([ColumnType.Integer]);

        var first = FindOrAdd(table, Vectors.Integers(7, 3, 7, 9));
        var second = FindOrAdd(table, Vectors.Integers(9, 3, 11, 7));

        Assert.Equal([0, 1, 0, 2], first);
        Assert.Equal([2, 1, 3, 0], second);
        Assert.Equal(4, table.GroupCount);
        Assert.Equal(["7", "3", "9", "11"], KeyText(table, 0));
    }

    [Fact]
    public void Only_the_rows_asked_for_are_grouped()
    {
        var table = new GroupTable([ColumnType.Integer]);
        var ids = new int[2];

        table.FindOrAdd([Vectors.Integers(1, 2, 3, 4)], [1, 3], ids);

        Assert.Equal([0, 1], ids);
        Assert.Equal(["2", "4"], KeyText(table, 0));
    }

    [Fact]
    public void Null_keys_form_their_own_group()
    {
        var table = new GroupTable([ColumnType.Integer]);

        var first = FindOrAdd(table, Vectors.Integers(null, 0, null));
        var second = FindOrAdd(table, Vectors.Integers(0, null));

        Assert.Equal([0, 1, 0], first);
        Assert.Equal([1, 0], second);
        Assert.Equal(["NULL", "0"], KeyText(table, 0));
    }

    [Fact]
    public void A_chunk_of_only_nulls_before_any_value_still_groups_later_values()
    {
        var table = new GroupTable([ColumnType.BigInt]);

        Assert.Equal([0, 0], FindOrAdd(table, Vectors.BigInts(null, null)));
        Assert.Equal([0], FindOrAdd(table, Vectors.BigInts([null])));
        Assert.Equal([1, 0, 2, 1], FindOrAdd(table, Vectors.BigInts(5, null, 6, 5)));
        Assert.Equal(3, table.GroupCount);
    }

    [Fact]
    public void A_single_integer_key_leaving_the_direct_window_keeps_every_earlier_group_id()
    {
        var table = new GroupTable([ColumnType.BigInt]);
        var small = Enumerable.Range(0, 2000).Select(i => (long?)(i * 13)).Append(null).ToArray();
        var smallIds = FindOrAdd(table, Vectors.BigInts(small));

        // 1 << 20 is far outside a 64K window around the first key: the table switches to hashing.
        var mixed = FindOrAdd(table, Vectors.BigInts(1L << 20, 13, null, long.MinValue, long.MaxValue, 0, 1L << 20));
        var again = FindOrAdd(table, Vectors.BigInts(small));

        Assert.Equal(Enumerable.Range(0, 2001), smallIds);
        Assert.Equal([2001, 1, 2000, 2002, 2003, 0, 2001], mixed);
        Assert.Equal(smallIds, again);
        Assert.Equal(2004, table.GroupCount);
    }

    [Fact]
    public void Keys_just_inside_and_outside_the_window_are_told_apart()
    {
        var table = new GroupTable([ColumnType.Integer]);
        var first = FindOrAdd(table, Vectors.Integers(100_000, 100_000 - 32_768, 100_000 + 32_767));
        var second = FindOrAdd(table, Vectors.Integers(100_000 + 32_768, 100_000 - 32_769, 100_000 + 32_767, 100_000));

        Assert.Equal([0, 1, 2], first);
        Assert.Equal([3, 4, 2, 0], second);
    }

    [Fact]
    public void Many_keys_spread_widely_keep_distinct_ids_through_growth()
    {
        var table = new GroupTable([ColumnType.BigInt]);
        var keys = Enumerable.Range(0, 6000).Select(i => (long?)((long)i * 1_000_003 - 3_000_000_000L)).ToArray();
        var ids = new List<int>();
        for (var start = 0; start < keys.Length; start += 2048)
        {
            ids.AddRange(FindOrAdd(table, Vectors.BigInts(keys[start..Math.Min(keys.Length, start + 2048)])));
        }

        Assert.Equal(Enumerable.Range(0, 6000), ids);
        Assert.Equal(ids, FindOrAdd(table, Vectors.BigInts(keys[..2048])).Concat(FindOrAdd(table, Vectors.BigInts(keys[2048..4096]))).Concat(FindOrAdd(table, Vectors.BigInts(keys[4096..]))));
    }

    [Fact]
    public void Strings_in_flat_and_dictionary_vectors_share_groups()
    {
        var table = new GroupTable([ColumnType.Varchar]);

        var flat = FindOrAdd(table, Vectors.Strings("apple", "pear", null, "apple"));
        var dictionary = FindOrAdd(table, Vectors.DictionaryStrings(["fig", "pear", "apple"], 2, 1, 0, 0, 2));
        var otherDictionary = FindOrAdd(table, Vectors.DictionaryStrings(["apple", "fig"], 1, 0));

        Assert.Equal([0, 1, 2, 0], flat);
        Assert.Equal([0, 1, 3, 3, 0], dictionary);
        Assert.Equal([3, 0], otherDictionary);
        Assert.Equal(["apple", "pear", "NULL", "fig"], KeyText(table, 0));
    }

    [Fact]
    public void Two_keys_group_by_the_pair_with_nulls_in_either_part()
    {
        var table = new GroupTable([ColumnType.Varchar, ColumnType.Integer]);

        var first = FindOrAdd(table, Vectors.Strings("a", "a", "b", null, "a", null), Vectors.Integers(1, 2, 1, 1, null, null));
        var second = FindOrAdd(table, Vectors.DictionaryStrings(["b", "a"], 1, 0, 1), Vectors.Integers(2, 1, null));

        Assert.Equal([0, 1, 2, 3, 4, 5], first);
        Assert.Equal([1, 2, 4], second);
        Assert.Equal(["a", "a", "b", "NULL", "a", "NULL"], KeyText(table, 0));
        Assert.Equal(["1", "2", "1", "1", "NULL", "NULL"], KeyText(table, 1));
    }

    [Fact]
    public void A_null_key_part_is_not_the_value_zero_or_the_empty_string()
    {
        var table = new GroupTable([ColumnType.Varchar, ColumnType.Integer]);

        var ids = FindOrAdd(table, Vectors.Strings("", null, "", null), Vectors.Integers(0, 0, null, null));

        Assert.Equal([0, 1, 2, 3], ids);
    }

    [Fact]
    public void Negative_zero_groups_with_zero_and_every_nan_with_every_other_nan()
    {
        var table = new GroupTable([ColumnType.Double]);
        var otherNaN = BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_0001);

        var ids = FindOrAdd(table, Vectors.Doubles(0.0, -0.0, double.NaN, 1.5, otherNaN, -double.NaN, null, double.PositiveInfinity));

        Assert.Equal([0, 0, 1, 2, 1, 1, 3, 4], ids);
    }

    [Fact]
    public void Doubles_as_one_of_several_keys_follow_the_same_equality()
    {
        var table = new GroupTable([ColumnType.Integer, ColumnType.Double]);

        var ids = FindOrAdd(table, Vectors.Integers(1, 1, 1, 1, 2), Vectors.Doubles(-0.0, 0.0, double.NaN, -double.NaN, 0.0));

        Assert.Equal([0, 0, 1, 1, 2], ids);
    }
}
