using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Query.Cubes;

/// <summary>
/// One coordinate of a dense cube: a dimension table, numbered by the distinct combinations of the cube's dimensions
/// among its rows (a fact row finds its number through its foreign key), or one small-range integer column of the
/// fact table, numbered by value (NULL last). A cell of the cube is one number per axis.
/// </summary>
internal sealed class DenseAxis
{
    private readonly int[]? _numberByKey;

    private DenseAxis(int size, long min, int[]? numberByKey, IReadOnlyList<int> storedColumns, IReadOnlyList<ColumnVector> attributes)
    {
        Size = size;
        Min = min;
        _numberByKey = numberByKey;
        StoredColumns = storedColumns;
        Attributes = attributes;
        Coverage = numberByKey is null || numberByKey.Length == 0 ? 1 : (double)numberByKey.Count(n => n >= 0) / numberByKey.Length;
    }

    /// <summary>How many numbers the axis has.</summary>
    public int Size { get; }

    /// <summary>The smallest key (a dimension table) or value (a fact column).</summary>
    public long Min { get; }

    /// <summary>True for a fact column, whose number is one more than its value minus <see cref="Min"/>, NULL taking 0.</summary>
    public bool IsFactColumn => _numberByKey is null;

    /// <summary>The cube's stored columns this axis gives values to.</summary>
    public IReadOnlyList<int> StoredColumns { get; }

    /// <summary>Per stored column, the value of each number (frozen flat vectors, used as dictionaries of the output).</summary>
    public IReadOnlyList<ColumnVector> Attributes { get; }

    /// <summary>
    /// The share of keys in the key range that have a number (1 for a fact column): an axis that drops many rows is
    /// looked up first, so the other axes see only the rows that remain.
    /// </summary>
    public double Coverage { get; }

    /// <summary>Per key from <see cref="Min"/> on, its number or -1 (a dimension table; empty for a fact column).</summary>
    public ReadOnlySpan<int> NumbersByKey => _numberByKey;

    /// <summary>
    /// <see cref="NumbersByKey"/> in one byte per key (255 for none) when the axis has fewer than 255 numbers: fact rows
    /// look their keys up at random, and a quarter of the array stays in cache (300 K customers in 300 KB).
    /// </summary>
    public byte[]? ByteNumbersByKey { get; private set; }

    /// <summary><see cref="NumbersByKey"/> in two bytes per key (65535 for none) when the axis has fewer than 65535 numbers.</summary>
    public ushort[]? ShortNumbersByKey { get; private set; }

    /// <summary>
    /// A dimension table's axis from its rows' keys and attribute combinations (rows already filtered; per row the
    /// index of its combination in <paramref name="distinct"/>); null when a key repeats.
    /// </summary>
    public static DenseAxis? ForTable(ReadOnlySpan<long> keys, int[] tupleOfRow, List<ScalarValue[]> distinct, IReadOnlyList<int> storedColumns, IReadOnlyList<ColumnType> types, long maxKeyRange)
    {
        // Numbered in the order of their values, so cells in number order are rows in sort-key order.
        var numberOfRow = InOrder(tupleOfRow, ref distinct);
        long min = long.MaxValue, max = long.MinValue;
        foreach (var key in keys)
        {
            min = Math.Min(min, key);
            max = Math.Max(max, key);
        }

        if (keys.Length == 0)
        {
            min = max = 0;
        }

        if ((ulong)(max - min) >= (ulong)maxKeyRange)
        {
            return null;
        }

        var byKey = new int[max - min + 1];
        Array.Fill(byKey, -1);
        for (var row = 0; row < keys.Length; row++)
        {
            ref var slot = ref byKey[keys[row] - min];
            if (slot >= 0)
            {
                return null; // not a key: a fact row would join several rows, which cells cannot express
            }

            slot = numberOfRow[row];
        }

        var axis = new DenseAxis(Math.Max(distinct.Count, 1), min, byKey, storedColumns, BuildAttributes(distinct, types));
        if (axis.Size < byte.MaxValue)
        {
            axis.ByteNumbersByKey = [.. byKey.Select(number => number < 0 ? byte.MaxValue : (byte)number)];
        }
        else if (axis.Size < ushort.MaxValue)
        {
            axis.ShortNumbersByKey = [.. byKey.Select(number => number < 0 ? ushort.MaxValue : (ushort)number)];
        }

        return axis;
    }

    /// <summary>A fact column's axis over NULL (number 0) and the values [<paramref name="min"/>, <paramref name="max"/>] (1 and up).</summary>
    public static DenseAxis ForFactColumn(long min, long max, int storedColumn, ColumnType type)
    {
        var values = new List<ScalarValue[]> { new[] { ScalarValue.Null } };
        for (var value = min; value <= max; value++)
        {
            values.Add([ScalarValue.FromInt64(value)]);
        }

        return new DenseAxis(values.Count, min, null, [storedColumn], BuildAttributes(values, [type]));
    }

    /// <summary>
    /// How a grouping set sees this axis when it keeps only the attributes <paramref name="kept"/> picks: every number
    /// mapped to the number of its kept values, and one representative number per kept combination.
    /// </summary>
    public DenseProjection Project(Func<int, bool> kept)
    {
        var keptAttributes = new List<int>();
        for (var a = 0; a < StoredColumns.Count; a++)
        {
            if (kept(StoredColumns[a]))
            {
                keptAttributes.Add(a);
            }
        }

        if (keptAttributes.Count == StoredColumns.Count)
        {
            return new DenseProjection(Size, null, null);
        }

        var tuples = new List<ScalarValue[]>(Size);
        for (var number = 0; number < Size; number++)
        {
            var tuple = new ScalarValue[keptAttributes.Count];
            for (var k = 0; k < tuple.Length; k++)
            {
                tuple[k] = Attributes[keptAttributes[k]].GetScalar(number);
            }

            tuples.Add(tuple);
        }

        var (map, distinct) = Distinct(tuples);
        map = InOrder(map, ref distinct);
        var representatives = new int[distinct.Count];
        for (var number = Size - 1; number >= 0; number--)
        {
            representatives[map[number]] = number;
        }

        return new DenseProjection(distinct.Count, map, representatives);
    }

    /// <summary>Per tuple the index of its first equal in the distinct tuples returned.</summary>
    private static (int[] Numbers, List<ScalarValue[]> Distinct) Distinct(IReadOnlyList<ScalarValue[]> tuples)
    {
        var first = new Dictionary<ScalarValue[], int>(TupleComparer.Instance);
        var distinct = new List<ScalarValue[]>();
        var numbers = new int[tuples.Count];
        for (var i = 0; i < tuples.Count; i++)
        {
            if (!first.TryGetValue(tuples[i], out var number))
            {
                number = distinct.Count;
                first.Add(tuples[i], number);
                distinct.Add(tuples[i]);
            }

            numbers[i] = number;
        }

        return (numbers, distinct);
    }

    /// <summary>
    /// Renumbers distinct tuples in ascending order (values compared as the sort key compares them, NULL first):
    /// sorts <paramref name="distinct"/> and returns the new number of each entry of <paramref name="numbers"/>.
    /// </summary>
    private static int[] InOrder(int[] numbers, ref List<ScalarValue[]> distinct)
    {
        var tuples = distinct;
        var order = Enumerable.Range(0, tuples.Count).ToArray();
        Array.Sort(order, (x, y) => CompareTuples(tuples[x], tuples[y]));
        var rank = new int[order.Length];
        for (var r = 0; r < order.Length; r++)
        {
            rank[order[r]] = r;
        }

        var renumbered = new int[numbers.Length];
        for (var i = 0; i < numbers.Length; i++)
        {
            renumbered[i] = rank[numbers[i]];
        }

        distinct = [.. order.Select(o => tuples[o])];
        return renumbered;
    }

    /// <summary>
    /// Per axis number, the rank of its value of attribute <paramref name="attribute"/> among that attribute's distinct
    /// values in sort order (NULL first, rank 0), and the highest rank.
    /// </summary>
    public (int[] Ranks, int Highest) Ranks(int attribute)
    {
        var values = new List<ScalarValue[]>(Size);
        for (var number = 0; number < Size; number++)
        {
            values.Add([Attributes[attribute].GetScalar(number)]);
        }

        var (numbers, distinct) = Distinct(values);
        var ranks = InOrder(numbers, ref distinct);
        return (ranks, distinct.Count - 1);
    }

    private static int CompareTuples(ScalarValue[] x, ScalarValue[] y)
    {
        for (var k = 0; k < x.Length; k++)
        {
            var order = x[k].IsNull || y[k].IsNull ? (y[k].IsNull ? 1 : 0) - (x[k].IsNull ? 1 : 0) : x[k].CompareTo(y[k]);
            if (order != 0)
            {
                return order;
            }
        }

        return 0;
    }

    private static ColumnVector[] BuildAttributes(List<ScalarValue[]> tuples, IReadOnlyList<ColumnType> types)
    {
        var vectors = new ColumnVector[types.Count];
        for (var a = 0; a < types.Count; a++)
        {
            var builder = new ColumnBuilder(types[a], Math.Max(tuples.Count, 1));
            foreach (var tuple in tuples)
            {
                builder.Append(tuple[a]);
            }

            if (tuples.Count == 0)
            {
                builder.AppendNull(); // an empty table still has one number, which no fact row reaches
            }

            vectors[a] = builder.ToVector();
            vectors[a].Freeze();
        }

        return vectors;
    }
}

/// <summary>
/// An axis as one grouping set sees it: <see cref="Size"/> numbers; <see cref="Map"/> takes the axis' numbers to them
/// and <see cref="Representatives"/> back to one axis number each (both null when the set keeps every attribute).
/// </summary>
internal sealed record DenseProjection(int Size, int[]? Map, int[]? Representatives)
{
    public int Of(int number) => Map is null ? number : Map[number];

    public int Representative(int projected) => Representatives is null ? projected : Representatives[projected];
}
