using System.Runtime.InteropServices;
using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Query.Cubes;

/// <summary>
/// The distinct combinations of a few columns and, per row, which combination it holds. Each column's values are
/// interned first (strings looked up by their bytes, without copying, so a value is materialized once however many
/// rows hold it); a combination is then the column ids packed into one number when they fit in 62 bits.
/// </summary>
internal static class DimensionTuples
{
    /// <summary>Per row <paramref name="selected"/> names, the number of its combination of <paramref name="columns"/>; and the combinations.</summary>
    public static (int[] TupleOfRow, List<ScalarValue[]> Distinct) Of(IReadOnlyList<ColumnVector> columns, ReadOnlySpan<int> selected)
    {
        var ids = new int[columns.Count][];
        var values = new List<ScalarValue>[columns.Count];
        var bits = 0;
        for (var c = 0; c < columns.Count; c++)
        {
            values[c] = [];
            ids[c] = Intern(columns[c], selected, values[c]);
            bits += 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)values[c].Count);
        }

        var tupleOfRow = new int[selected.Length];
        var distinct = new List<ScalarValue[]>();
        ScalarValue[] Tuple(int row)
        {
            var tuple = new ScalarValue[columns.Count];
            for (var c = 0; c < tuple.Length; c++)
            {
                tuple[c] = values[c][ids[c][row]];
            }

            return tuple;
        }

        if (bits <= 62)
        {
            var numbers = new Dictionary<long, int>();
            for (var row = 0; row < selected.Length; row++)
            {
                long packed = 0;
                for (var c = 0; c < columns.Count; c++)
                {
                    packed = (packed << (64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)values[c].Count))) | (uint)ids[c][row];
                }

                ref var number = ref CollectionsMarshal.GetValueRefOrAddDefault(numbers, packed, out var exists);
                if (!exists)
                {
                    number = distinct.Count;
                    distinct.Add(Tuple(row));
                }

                tupleOfRow[row] = number;
            }
        }
        else
        {
            var numbers = new Dictionary<ScalarValue[], int>(TupleComparer.Instance);
            for (var row = 0; row < selected.Length; row++)
            {
                var tuple = Tuple(row);
                if (!numbers.TryGetValue(tuple, out var number))
                {
                    number = distinct.Count;
                    numbers.Add(tuple, number);
                    distinct.Add(tuple);
                }

                tupleOfRow[row] = number;
            }
        }

        return (tupleOfRow, distinct);
    }

    /// <summary>Each selected row's value id in <paramref name="values"/>, which gains every distinct value (NULL included) once.</summary>
    private static int[] Intern(ColumnVector column, ReadOnlySpan<int> selected, List<ScalarValue> values)
    {
        var ids = new int[selected.Length];
        var nullId = -1;
        if (column.Type.Physical == PhysicalKind.String)
        {
            var strings = new Dictionary<byte[], int>(Utf8BytesComparer.Instance).GetAlternateLookup<ReadOnlySpan<byte>>();
            for (var i = 0; i < selected.Length; i++)
            {
                var row = selected[i];
                if (column.IsNull(row))
                {
                    ids[i] = nullId < 0 ? nullId = Add(values, ScalarValue.Null) : nullId;
                    continue;
                }

                var bytes = column.GetString(row);
                if (!strings.TryGetValue(bytes, out var id))
                {
                    id = Add(values, ScalarValue.FromUtf8(bytes));
                    strings[bytes] = id;
                }

                ids[i] = id;
            }

            return ids;
        }

        var numbers = new Dictionary<long, int>();
        for (var i = 0; i < selected.Length; i++)
        {
            var row = selected[i];
            if (column.IsNull(row))
            {
                ids[i] = nullId < 0 ? nullId = Add(values, ScalarValue.Null) : nullId;
                continue;
            }

            var value = column.GetScalar(row);
            var bits = value.Kind == ScalarKind.Double ? BitConverter.DoubleToInt64Bits(value.Double) : value.Int64;
            ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(numbers, bits, out var exists);
            if (!exists)
            {
                id = Add(values, value);
            }

            ids[i] = id;
        }

        return ids;
    }

    private static int Add(List<ScalarValue> values, ScalarValue value)
    {
        values.Add(value);
        return values.Count - 1;
    }
}
