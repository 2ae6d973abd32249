using Olap.Columnar.Types;
using Olap.Columnar.Vectors;
using Olap.Query.Execution.Sorting;

namespace Olap.Query.Tests.Execution.Sorting;

/// <summary>
/// ORDER BY compares rows by their normalized keys (bytes written once per row): every ordering they give must be the
/// one the column-by-column comparer gives, for every key type, direction and NULL placement, and for strings that
/// share long prefixes, hold zero bytes, or are longer than a key keeps.
/// </summary>
public sealed class NormalizedSortKeysTests
{
    private static readonly ColumnType[] Types = [ColumnType.Boolean, ColumnType.SmallInt, ColumnType.Integer, ColumnType.BigInt, ColumnType.HugeInt, ColumnType.Double, ColumnType.Varchar];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Sorting_by_normalized_keys_gives_the_comparers_order(int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 60; round++)
        {
            var (rows, keys, columns) = RandomSort(random, minRows: 0);
            AssertComparersOrder(keys, columns, OrderComparer.Sort(keys, columns, rows, limit: null));
        }
    }

    [Theory]
    [InlineData(6)]
    [InlineData(7)]
    public void A_sort_too_large_for_whole_keys_keeps_eight_bytes_a_row_and_still_gives_the_comparers_order(int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 40; round++)
        {
            var (rows, keys, columns) = RandomSort(random, minRows: 1);

            // A budget of 64 bytes for all rows' keys, written 100 bytes of rows at a time.
            var normalized = NormalizedSortKeys.Build(keys, columns, rows, maxKeyBytes: 64, blockBytes: 100);
            AssertComparersOrder(keys, columns, OrderComparer.Sort(keys, columns, rows, limit: null, normalized));
        }
    }

    /// <summary>Up to 300 rows of one to three key columns of random types, directions and NULL placements.</summary>
    private static (int Rows, SortColumn[] Keys, ColumnVector[] Columns) RandomSort(Random random, int minRows)
    {
        var rows = random.Next(minRows, 300);
        var keyCount = random.Next(1, 4);
        var columns = new ColumnVector[keyCount];
        var keys = new SortColumn[keyCount];
        for (var k = 0; k < keyCount; k++)
        {
            var type = Types[random.Next(Types.Length)];
            columns[k] = RandomColumn(random, type, rows, longStrings: random.Next(3) == 0);
            keys[k] = new SortColumn(k, type.Physical, Descending: random.Next(2) == 0, NullsFirst: random.Next(2) == 0);
        }

        return (rows, keys, columns);
    }

    /// <summary><paramref name="actual"/> is the order the column-by-column comparer gives, ties in row order.</summary>
    private static void AssertComparersOrder(SortColumn[] keys, ColumnVector[] columns, int[] actual)
    {
        var expected = Enumerable.Range(0, actual.Length).ToArray();
        Array.Sort(expected, (p, q) =>
        {
            var order = OrderComparer.Compare(keys, columns, p, columns, q);
            return order != 0 ? order : p.CompareTo(q);
        });

        var at = Enumerable.Range(0, expected.Length).FirstOrDefault(i => expected[i] != actual[i], -1);
        Assert.True(at < 0, at < 0 ? "" : $"keys {string.Join(",", keys)}; at {at}: expected row {expected[at]} ({Describe(columns, expected[at])}) got row {actual[at]} ({Describe(columns, actual[at])})");
    }

    [Fact]
    public void Strings_that_differ_only_past_the_kept_prefix_or_in_trailing_zero_bytes_keep_their_order()
    {
        var prefix = new string('x', NormalizedSortKeys.MaxStringBytes + 5);
        string[] values = [prefix + "b", prefix + "a", prefix, "ab", "ab\0", "ab\0\0", "a", "", "ab\u0001", prefix + "a\0"];
        var builder = new ColumnBuilder(ColumnType.Varchar);
        foreach (var value in values)
        {
            builder.AppendString(value);
        }

        SortColumn[] keys = [new(0, PhysicalKind.String, Descending: false, NullsFirst: false)];
        var order = OrderComparer.Sort(keys, [builder.ToVector()], values.Length, limit: null);

        var expected = Enumerable.Range(0, values.Length).OrderBy(i => System.Text.Encoding.UTF8.GetBytes(values[i]), ByteOrder.Instance).ToArray();
        Assert.Equal(expected, order);
    }

    [Fact]
    public void A_short_string_sorts_before_a_longer_one_it_begins_even_when_the_longer_is_cut()
    {
        // "ab" then zeros up to the kept prefix and more: ordinal order puts "ab" first; a length byte would not.
        var longer = "ab" + new string('\0', NormalizedSortKeys.MaxStringBytes - 3) + "\u0001" + new string('z', 10);
        var builder = new ColumnBuilder(ColumnType.Varchar);
        builder.AppendString(longer);
        builder.AppendString("ab");

        SortColumn[] keys = [new(0, PhysicalKind.String, Descending: false, NullsFirst: false)];

        Assert.Equal([1, 0], OrderComparer.Sort(keys, [builder.ToVector()], 2, limit: null));
    }

    private static ColumnVector RandomColumn(Random random, ColumnType type, int rows, bool longStrings)
    {
        var builder = new ColumnBuilder(type);
        string[] words = ["", "a", "ab", "ab\0", "abc", "b", "B", "é", "zz", "a\u0001"];
        double[] doubles = [double.NaN, -double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0, 1.5, -1.5, double.Epsilon, -1e300, 1e300];
        for (var row = 0; row < rows; row++)
        {
            if (random.Next(8) == 0)
            {
                builder.AppendNull();
                continue;
            }

            switch (type.Physical)
            {
                case PhysicalKind.Int8: builder.AppendInt64(random.Next(2)); break;
                case PhysicalKind.Int16: builder.AppendInt64(random.Next(short.MinValue, short.MaxValue + 1)); break;
                case PhysicalKind.Int32: builder.AppendInt64(random.Next(3) == 0 ? random.Next(-3, 3) : random.Next(int.MinValue, int.MaxValue)); break;
                case PhysicalKind.Int64: builder.AppendInt64(random.Next(3) == 0 ? random.NextInt64(-3, 3) : random.NextInt64(long.MinValue, long.MaxValue)); break;
                case PhysicalKind.Int128: builder.AppendInt128(((Int128)random.NextInt64(long.MinValue, long.MaxValue) << 64) + (Int128)(ulong)random.NextInt64()); break;
                case PhysicalKind.Double: builder.AppendDouble(random.Next(2) == 0 ? doubles[random.Next(doubles.Length)] : (random.NextDouble() - 0.5) * 1000); break;
                default:
                    var word = words[random.Next(words.Length)];
                    builder.AppendString(longStrings ? new string('p', random.Next(25, 40)) + word : word);
                    break;
            }
        }

        return builder.ToVector();
    }

    private static string Describe(ColumnVector[] columns, int row) => string.Join(" | ", columns.Select(c => c.IsNull(row) ? "NULL" : c.Type.Physical == PhysicalKind.String ? Convert.ToHexString(c.GetString(row)) : c.GetScalar(row).ToString()));

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
