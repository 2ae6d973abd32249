using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Query.Execution;

/// <summary>Copies chosen rows of a vector (any form) into an owned flat vector; a negative row gives NULL.</summary>
public static class VectorGather
{
    public static void Gather(ColumnVector source, ReadOnlySpan<int> rows, ColumnVector target)
    {
        var count = rows.Length;
        switch (source.Type.Physical)
        {
            case PhysicalKind.Int8: GatherFixed<byte>(source, rows, target); break;
            case PhysicalKind.Int16: GatherFixed<short>(source, rows, target); break;
            case PhysicalKind.Int32: GatherFixed<int>(source, rows, target); break;
            case PhysicalKind.Int64: GatherFixed<long>(source, rows, target); break;
            case PhysicalKind.Int128: GatherFixed<Int128>(source, rows, target); break;
            case PhysicalKind.Double: GatherFixed<double>(source, rows, target); break;
            default: GatherStrings(source, rows, target); break;
        }

        var sourceHasNulls = !source.Validity.AllValid;
        for (var i = 0; i < count; i++)
        {
            var row = rows[i];
            if (row < 0 || (sourceHasNulls && source.IsNull(row)))
            {
                target.Validity.SetInvalid(i, count);
            }
        }
    }

    /// <summary>
    /// Makes <paramref name="target"/> a flat vector of <paramref name="count"/> rows where row
    /// <paramref name="positions"/>[i] holds source row <paramref name="rows"/>[i] (NULL when negative); other rows
    /// are left undefined, for chunks whose selection names only <paramref name="positions"/>.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void GatherAligned(ColumnVector source, ReadOnlySpan<int> positions, ReadOnlySpan<int> rows, int count, ColumnVector target)
    {
        switch (source.Type.Physical)
        {
            case PhysicalKind.Int8: GatherAlignedFixed<byte>(source, positions, rows, count, target); break;
            case PhysicalKind.Int16: GatherAlignedFixed<short>(source, positions, rows, count, target); break;
            case PhysicalKind.Int32: GatherAlignedFixed<int>(source, positions, rows, count, target); break;
            case PhysicalKind.Int64: GatherAlignedFixed<long>(source, positions, rows, count, target); break;
            case PhysicalKind.Int128: GatherAlignedFixed<Int128>(source, positions, rows, count, target); break;
            case PhysicalKind.Double: GatherAlignedFixed<double>(source, positions, rows, count, target); break;
            default: GatherAlignedStrings(source, positions, rows, count, target); break;
        }

        var sourceHasNulls = !source.Validity.AllValid;
        for (var i = 0; i < positions.Length; i++)
        {
            var row = rows[i];
            if (row < 0 || (sourceHasNulls && source.IsNull(row)))
            {
                target.Validity.SetInvalid(positions[i], count);
            }
        }
    }

    private static void GatherAlignedFixed<T>(ColumnVector source, ReadOnlySpan<int> positions, ReadOnlySpan<int> rows, int count, ColumnVector target)
        where T : unmanaged
    {
        var values = target.PrepareFlat<T>(count);
        if (source.Form == VectorForm.Flat)
        {
            var data = source.Values<T>();
            for (var i = 0; i < positions.Length; i++)
            {
                var row = rows[i];
                values[positions[i]] = row < 0 ? default : data[row];
            }

            return;
        }

        for (var i = 0; i < positions.Length; i++)
        {
            var row = rows[i];
            values[positions[i]] = row < 0 ? default : source.GetValue<T>(row);
        }
    }

    private static void GatherAlignedStrings(ColumnVector source, ReadOnlySpan<int> positions, ReadOnlySpan<int> rows, int count, ColumnVector target)
    {
        // Strings need offsets for every row: unlisted rows become empty.
        var total = 0;
        foreach (var row in rows)
        {
            if (row >= 0)
            {
                total += source.GetString(row).Length;
            }
        }

        target.PrepareFlatStrings(count, total, out var offsets, out var heap);
        Span<int> byPosition = count <= 4096 ? stackalloc int[count] : new int[count];
        byPosition.Fill(-1);
        for (var i = 0; i < positions.Length; i++)
        {
            byPosition[positions[i]] = rows[i];
        }

        var position = 0;
        for (var p = 0; p < count; p++)
        {
            offsets[p] = position;
            var row = byPosition[p];
            if (row >= 0)
            {
                var value = source.GetString(row);
                value.CopyTo(heap[position..]);
                position += value.Length;
            }
        }

        offsets[count] = position;
    }

    private static void GatherFixed<T>(ColumnVector source, ReadOnlySpan<int> rows, ColumnVector target)
        where T : unmanaged
    {
        var values = target.PrepareFlat<T>(rows.Length);
        if (source.Form == VectorForm.Flat)
        {
            var data = source.Values<T>();
            for (var i = 0; i < rows.Length; i++)
            {
                var row = rows[i];
                values[i] = row < 0 ? default : data[row];
            }

            return;
        }

        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows[i];
            values[i] = row < 0 ? default : source.GetValue<T>(row);
        }
    }

    private static void GatherStrings(ColumnVector source, ReadOnlySpan<int> rows, ColumnVector target)
    {
        var total = 0;
        foreach (var row in rows)
        {
            if (row >= 0)
            {
                total += source.GetString(row).Length;
            }
        }

        target.PrepareFlatStrings(rows.Length, total, out var offsets, out var heap);
        var position = 0;
        for (var i = 0; i < rows.Length; i++)
        {
            offsets[i] = position;
            if (rows[i] >= 0)
            {
                var value = source.GetString(rows[i]);
                value.CopyTo(heap[position..]);
                position += value.Length;
            }
        }

        offsets[rows.Length] = position;
    }

    /// <summary>Appends the live rows of <paramref name="chunk"/> to <paramref name="builders"/>, one per column.</summary>
    public static void AppendLive(DataChunk chunk, ColumnBuilder[] builders)
    {
        var selection = chunk.Selection;
        for (var c = 0; c < builders.Length; c++)
        {
            var vector = chunk.Columns[c];
            if (selection is null)
            {
                builders[c].AppendRange(vector, 0, chunk.Count);
            }
            else
            {
                builders[c].AppendGather(vector, selection.Indices);
            }
        }
    }
}
