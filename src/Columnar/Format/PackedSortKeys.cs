using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Columnar.Format;

/// <summary>
/// A sort key of several columns (or of strings) as one long per row, so rows sort as integers instead of through a
/// comparison of column after column per pair. Each key column becomes the rank of its value among the column's
/// distinct values (NULL the lowest rank, strings by their UTF-8 bytes, as <see cref="RowComparer"/> orders them;
/// reversed for a descending column), and the ranks are packed side by side, the first key column in the highest
/// bits. Works when the ranks fit in 63 bits together: true of the low-cardinality dimensions a cube or a
/// clustered table sorts by; otherwise the caller compares rows.
/// </summary>
internal static class PackedSortKeys
{
    private const int MaxBits = 63;
    private const long DirectRange = 1 << 24;

    public static long[]? TryPack(ColumnVector[] vectors, IReadOnlyList<SortKeyColumn> key, int rows)
    {
        var packed = new long[rows];
        var ranks = new long[rows];
        var used = 0;
        foreach (var column in key)
        {
            var vector = vectors[column.Column];
            long highest;
            switch (vector.Type.Physical)
            {
                case PhysicalKind.Int8 or PhysicalKind.Int16 or PhysicalKind.Int32 or PhysicalKind.Int64:
                    highest = RankIntegers(vector, rows, ranks);
                    break;
                case PhysicalKind.Double:
                    highest = RankDoubles(vector, rows, ranks);
                    break;
                case PhysicalKind.String:
                    highest = RankStrings(vector, rows, ranks);
                    break;
                default:
                    return null;
            }

            var bits = 64 - long.LeadingZeroCount(highest);
            used += (int)bits;
            if (highest < 0 || used > MaxBits)
            {
                return null;
            }

            for (var row = 0; row < rows; row++)
            {
                var rank = column.Descending ? highest - ranks[row] : ranks[row];
                packed[row] = (packed[row] << (int)bits) | rank;
            }
        }

        return packed;
    }

    private static long Integer(ColumnVector vector, int row) => vector.Type.Physical switch
    {
        PhysicalKind.Int8 => vector.GetValue<byte>(row),
        PhysicalKind.Int16 => vector.GetValue<short>(row),
        PhysicalKind.Int32 => vector.GetValue<int>(row),
        _ => vector.GetValue<long>(row),
    };

    /// <summary>Ranks 1.. of the values (0 for NULL); returns the highest rank, or -1 when there are too many.</summary>
    private static long RankIntegers(ColumnVector vector, int rows, long[] ranks)
    {
        long min = long.MaxValue, max = long.MinValue;
        var any = false;
        for (var row = 0; row < rows; row++)
        {
            if (!vector.IsNull(row))
            {
                var value = Integer(vector, row);
                min = Math.Min(min, value);
                max = Math.Max(max, value);
                any = true;
            }
        }

        if (!any)
        {
            Array.Clear(ranks, 0, rows);
            return 0;
        }

        if ((ulong)(max - min) < DirectRange)
        {
            // A narrow range (dates, years, codes): the offset from the smallest value is an order-preserving rank.
            for (var row = 0; row < rows; row++)
            {
                ranks[row] = vector.IsNull(row) ? 0 : Integer(vector, row) - min + 1;
            }

            return max - min + 1;
        }

        var distinct = new List<long>();
        for (var row = 0; row < rows; row++)
        {
            if (!vector.IsNull(row))
            {
                distinct.Add(Integer(vector, row));
            }
        }

        var sorted = Unique(distinct);
        for (var row = 0; row < rows; row++)
        {
            ranks[row] = vector.IsNull(row) ? 0 : Array.BinarySearch(sorted, Integer(vector, row)) + 1;
        }

        return sorted.Length;
    }

    private static long RankDoubles(ColumnVector vector, int rows, long[] ranks)
    {
        var distinct = new List<double>();
        for (var row = 0; row < rows; row++)
        {
            if (!vector.IsNull(row))
            {
                distinct.Add(vector.GetValue<double>(row));
            }
        }

        var sorted = Unique(distinct);
        for (var row = 0; row < rows; row++)
        {
            ranks[row] = vector.IsNull(row) ? 0 : Array.BinarySearch(sorted, vector.GetValue<double>(row)) + 1;
        }

        return sorted.Length;
    }

    private static T[] Unique<T>(List<T> values)
        where T : IComparable<T>
    {
        values.Sort();
        var unique = new List<T>();
        foreach (var value in values)
        {
            if (unique.Count == 0 || unique[^1].CompareTo(value) != 0)
            {
                unique.Add(value);
            }
        }

        return [.. unique];
    }

    private static long RankStrings(ColumnVector vector, int rows, long[] ranks)
    {
        // Each distinct string gets an id in arrival order, then the ids are ranked by the strings' bytes.
        var ids = new Dictionary<byte[], int>(Utf8BytesComparer.Instance);
        var lookup = ids.GetAlternateLookup<ReadOnlySpan<byte>>();
        for (var row = 0; row < rows; row++)
        {
            if (vector.IsNull(row))
            {
                ranks[row] = -1;
                continue;
            }

            var value = vector.GetString(row);
            if (!lookup.TryGetValue(value, out var id))
            {
                id = ids.Count;
                lookup[value] = id;
            }

            ranks[row] = id;
        }

        var strings = new byte[ids.Count][];
        foreach (var (value, id) in ids)
        {
            strings[id] = value;
        }

        var byRank = Enumerable.Range(0, strings.Length).ToArray();
        Array.Sort(byRank, (a, b) => strings[a].AsSpan().SequenceCompareTo(strings[b]));
        var rankOfId = new long[strings.Length];
        for (var rank = 0; rank < byRank.Length; rank++)
        {
            rankOfId[byRank[rank]] = rank + 1;
        }

        for (var row = 0; row < rows; row++)
        {
            ranks[row] = ranks[row] < 0 ? 0 : rankOfId[ranks[row]];
        }

        return strings.Length;
    }
}
