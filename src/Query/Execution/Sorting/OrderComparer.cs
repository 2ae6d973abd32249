using Olap.Columnar.Types;
using Olap.Columnar.Vectors;
using Olap.Query.Planning.Logical;

namespace Olap.Query.Execution.Sorting;

/// <summary>One sort key resolved to a column position and its physical kind.</summary>
internal readonly record struct SortColumn(int Column, PhysicalKind Kind, bool Descending, bool NullsFirst);

/// <summary>Compares rows of column sets by ORDER BY keys: NULL placement first, then values, descending keys reversed.</summary>
internal static class OrderComparer
{
    public static SortColumn[] Resolve(IReadOnlyList<BoundOrderKey> keys)
    {
        var columns = new SortColumn[keys.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            var key = keys[i];
            var column = key.Expression as Planning.BoundColumn
                ?? throw new InvalidOperationException("ORDER BY keys are bound as columns of the sort's input.");
            columns[i] = new SortColumn(column.Index, column.Type.Physical, key.Descending, key.NullsFirst);
        }

        return columns;
    }

    public static int Compare(SortColumn[] keys, ColumnVector[] a, int rowA, ColumnVector[] b, int rowB)
    {
        foreach (var key in keys)
        {
            var x = a[key.Column];
            var y = b[key.Column];
            var nullX = x.IsNull(rowA);
            var nullY = y.IsNull(rowB);
            if (nullX || nullY)
            {
                if (nullX && nullY)
                {
                    continue;
                }

                // NULL placement is independent of ASC/DESC, as in DuckDB.
                return nullX == key.NullsFirst ? -1 : 1;
            }

            var order = key.Kind switch
            {
                PhysicalKind.Int8 => x.GetValue<byte>(rowA).CompareTo(y.GetValue<byte>(rowB)),
                PhysicalKind.Int16 => x.GetValue<short>(rowA).CompareTo(y.GetValue<short>(rowB)),
                PhysicalKind.Int32 => x.GetValue<int>(rowA).CompareTo(y.GetValue<int>(rowB)),
                PhysicalKind.Int64 => x.GetValue<long>(rowA).CompareTo(y.GetValue<long>(rowB)),
                PhysicalKind.Int128 => x.GetValue<Int128>(rowA).CompareTo(y.GetValue<Int128>(rowB)),
                PhysicalKind.Double => CompareDoubles(x.GetValue<double>(rowA), y.GetValue<double>(rowB)),
                _ => x.GetString(rowA).SequenceCompareTo(y.GetString(rowB)),
            };
            if (order != 0)
            {
                return key.Descending ? -order : order;
            }
        }

        return 0;
    }

    /// <summary>NaN sorts above every number (DuckDB); -0.0 equals 0.0.</summary>
    private static int CompareDoubles(double a, double b)
    {
        if (double.IsNaN(a) || double.IsNaN(b))
        {
            return double.IsNaN(a) ? (double.IsNaN(b) ? 0 : 1) : -1;
        }

        return a < b ? -1 : a > b ? 1 : 0;
    }

    /// <summary>The order of the first <paramref name="limit"/> rows (all when null), ties in arrival order.</summary>
    public static int[] Sort(SortColumn[] keys, ColumnVector[] columns, int rowCount, long? limit)
        => Sort(keys, columns, rowCount, limit, NormalizedSortKeys.Build(keys, columns, rowCount));

    /// <summary><see cref="Sort(SortColumn[], ColumnVector[], int, long?)"/> by keys already written (tests bound their memory).</summary>
    internal static int[] Sort(SortColumn[] keys, ColumnVector[] columns, int rowCount, long? limit, NormalizedSortKeys normalized)
    {
        var permutation = new int[rowCount];
        for (var i = 0; i < rowCount; i++)
        {
            permutation[i] = i;
        }

        // The keys are written out once as comparable bytes; only rows tied on a cut string are compared column by column.
        var comparer = Comparer<int>.Create((p, q) =>
        {
            var order = normalized.Compare(p, q);
            if (order == 0 && !normalized.IsExact)
            {
                order = Compare(keys, columns, p, columns, q);
            }

            return order != 0 ? order : p.CompareTo(q);
        });
        Array.Sort(permutation, comparer);
        return limit is { } n && n < rowCount ? permutation[..(int)n] : permutation;
    }
}
