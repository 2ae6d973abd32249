using Olap.Columnar.Types;
using Olap.Columnar.Vectors;
using Olap.Query.Execution.Aggregation;

namespace Olap.Query.Tests.Execution.Operators;

/// <summary>
/// Several group keys with small code ranges are packed into one value for the lookup; the ids must be those of
/// grouping by the tuple, with NULLs apart, and stay the same when a code out of reach ends the packing.
/// </summary>
public sealed class GroupTablePackedKeysTests
{
    private static int[] FindOrAdd(GroupTable table, params ColumnVector[] keys)
    {
        var count = keys[0].Count;
        var ids = new int[count];
        table.FindOrAdd(keys, Vectors.AllRows(count), ids);
        return ids;
    }

    /// <summary>The ids a reference grouping gives: first appearance order over the (year, name, small) tuples.</summary>
    private static void AssertSameGrouping(List<(long?, string?, int?)> tuples, List<int> ids)
    {
        var expected = new Dictionary<(long?, string?, int?), int>();
        for (var i = 0; i < tuples.Count; i++)
        {
            if (!expected.TryGetValue(tuples[i], out var id))
            {
                id = expected.Count;
                expected[tuples[i]] = id;
            }

            Assert.True(id == ids[i], $"row {i} {tuples[i]}: expected group {id}, got {ids[i]}");
        }
    }

    [Fact]
    public void Three_small_keys_group_like_their_tuples_NULLs_included()
    {
        var table = new GroupTable([ColumnType.BigInt, ColumnType.Varchar, ColumnType.Integer]);
        var random = new Random(5);
        var names = new[] { "ASIA", "EUROPE", "AMERICA", null };
        var tuples = new List<(long?, string?, int?)>();
        var ids = new List<int>();
        for (var chunk = 0; chunk < 5; chunk++)
        {
            var rows = Enumerable.Range(0, 500).Select(_ => (
                random.Next(10) == 0 ? null : (long?)(1992 + random.Next(7)),
                names[random.Next(names.Length)],
                random.Next(10) == 0 ? null : (int?)random.Next(-3, 40))).ToList();
            ids.AddRange(FindOrAdd(
                table,
                Vectors.BigInts([.. rows.Select(r => r.Item1)]),
                Vectors.Strings([.. rows.Select(r => r.Item2)]),
                Vectors.Integers([.. rows.Select(r => r.Item3)])));
            tuples.AddRange(rows);
        }

        AssertSameGrouping(tuples, ids);
        Assert.Equal(tuples.Distinct().Count(), table.GroupCount);
    }

    [Fact]
    public void A_code_beyond_the_packed_range_keeps_every_earlier_group_id()
    {
        var table = new GroupTable([ColumnType.BigInt, ColumnType.Varchar, ColumnType.Integer]);
        var tuples = new List<(long?, string?, int?)> { (1, "a", 1), (2, "b", 2), (1, "a", 1) };
        var ids = FindOrAdd(table, Vectors.BigInts(1, 2, 1), Vectors.Strings("a", "b", "a"), Vectors.Integers(1, 2, 1)).ToList();

        // 2^40 is beyond the 20 bits each of three keys gets: grouping goes on by tuple from that row.
        var far = new long?[] { 2, 1L << 40, 1, long.MinValue, 1L << 40, null };
        var more = new[] { "b", "a", "a", "c", "a", null };
        var small = new int?[] { 2, 1, 1, 9, 1, null };
        ids.AddRange(FindOrAdd(table, Vectors.BigInts(far), Vectors.Strings(more), Vectors.Integers(small)));
        tuples.AddRange(far.Select((v, i) => (v, more[i], small[i])));

        AssertSameGrouping(tuples, ids);
        Assert.Equal(tuples.Distinct().Count(), table.GroupCount);
    }

    [Fact]
    public void Extreme_codes_never_wrap_into_the_packed_range()
    {
        var table = new GroupTable([ColumnType.BigInt, ColumnType.BigInt]);

        var ids = FindOrAdd(table, Vectors.BigInts(long.MaxValue, long.MinValue, long.MaxValue, long.MinValue + 6), Vectors.BigInts(0, 0, 0, 0));

        Assert.Equal([0, 1, 0, 2], ids);
    }
}
