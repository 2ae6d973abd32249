using Olap.Columnar.Types;
using Olap.Columnar.Vectors;
using Olap.Query.Execution;

namespace Olap.Query.Cubes;

/// <summary>
/// One worker's pass over fact rows: each row's cell from its axis inputs (a foreign key looked up in its dimension's
/// numbering, or a fact column's value), then each measure added into that cell. Rows whose key finds no dimension row
/// drop out, as an inner join drops them. Chunk columns: one input per axis, then the measures' inputs.
/// </summary>
internal sealed class DenseCellAccumulator
{
    private readonly IReadOnlyList<DenseAxis> _axes;
    private readonly int[] _strides;
    private int[] _rows = new int[VectorSize.Standard];
    private int[] _cells = new int[VectorSize.Standard];
    private long[] _wide = new long[VectorSize.Standard];
    private long[]? _int64Scratch;
    private int[]? _int32Scratch;
    private short[]? _int16Scratch;
    private byte[]? _int8Scratch;
    private double[]? _doubleScratch;
    private int[]? _identity;

    public DenseCellAccumulator(IReadOnlyList<DenseAxis> axes, int[] strides, int cells, IReadOnlyList<DenseMeasure> measures)
    {
        _axes = axes;
        _strides = strides;
        Cells = new DenseCells(cells, measures);
    }

    public DenseCells Cells { get; }

    /// <summary>Set when a fact column held a value outside the range its statistics gave: the cells are not to be trusted.</summary>
    public bool OutOfRange { get; private set; }

    public void Add(DataChunk chunk)
    {
        if (_rows.Length < chunk.Count)
        {
            _rows = new int[chunk.Count];
            _cells = new int[chunk.Count];
            _wide = new long[chunk.Count];
        }

        if (_identity is null || _identity.Length < chunk.Count)
        {
            _identity = VectorValues.Identity(Math.Max(chunk.Count, VectorSize.Standard));
        }

        var live = VectorValues.LiveRows(chunk, _identity);
        var n = live.Length;
        live.CopyTo(_rows);
        _cells.AsSpan(0, n).Clear();
        for (var a = 0; a < _axes.Count && n > 0; a++)
        {
            n = _axes[a].IsFactColumn ? AddFactColumn(chunk.Columns[a], _axes[a], _strides[a], n) : AddKey(chunk.Columns[a], _axes[a], _strides[a], n);
        }

        // From cell numbers to the index of each cell's first slot.
        var cells = Cells;
        var stride = cells.Stride;
        for (var k = 0; k < n; k++)
        {
            _cells[k] *= stride;
        }

        for (var m = 0; m < cells.Measures.Count && n > 0; m++)
        {
            var measure = cells.Measures[m];
            if (measure.Role != CubeColumnRole.CountStar)
            {
                AddMeasure(chunk.Columns[measure.Input], measure, DenseCells.ValueSlot(m), n);
            }
        }

        var slots = cells.Slots;
        for (var k = 0; k < n; k++)
        {
            slots[_cells[k]]++;
        }
    }

    private int AddKey(ColumnVector vector, DenseAxis axis, int stride, int n)
    {
        var keys = Integers(vector);
        var nullable = !vector.Validity.AllValid;
        var kept = 0;
        for (var k = 0; k < n; k++)
        {
            var row = _rows[k];
            if (nullable && vector.IsNull(row))
            {
                continue;
            }

            var number = axis.NumberOfKey(keys[row]);
            if (number < 0)
            {
                continue;
            }

            _rows[kept] = row;
            _cells[kept++] = _cells[k] + (number * stride);
        }

        return kept;
    }

    private int AddFactColumn(ColumnVector vector, DenseAxis axis, int stride, int n)
    {
        var values = Integers(vector);
        var nullable = !vector.Validity.AllValid;
        var range = (ulong)(axis.Size - 1);
        for (var k = 0; k < n; k++)
        {
            var row = _rows[k];
            var number = 0;
            if (!nullable || !vector.IsNull(row))
            {
                var offset = (ulong)(values[row] - axis.Min);
                if (offset >= range)
                {
                    OutOfRange = true;
                    return 0;
                }

                number = (int)offset + 1;
            }

            _cells[k] += number * stride;
        }

        return n;
    }

    /// <summary>Adds one measure's inputs: the value into slot <paramref name="valueSlot"/> of each row's cell, a NULL into the slot after.</summary>
    private void AddMeasure(ColumnVector vector, DenseMeasure measure, int valueSlot, int n)
    {
        var slots = Cells.Slots;
        var nullable = !vector.Validity.AllValid;
        if (nullable)
        {
            for (var k = 0; k < n; k++)
            {
                if (vector.IsNull(_rows[k]))
                {
                    slots[_cells[k] + valueSlot + 1]++;
                }
            }
        }

        if (measure.Role == CubeColumnRole.Count)
        {
            return; // the count is the rows less the NULLs
        }

        if (measure.IsDouble)
        {
            var values = VectorValues.Read(vector, ref _doubleScratch);
            for (var k = 0; k < n; k++)
            {
                var row = _rows[k];
                if (nullable && vector.IsNull(row))
                {
                    continue;
                }

                ref var slot = ref slots[_cells[k] + valueSlot];
                var current = BitConverter.Int64BitsToDouble(slot);
                var value = values[row];
                slot = BitConverter.DoubleToInt64Bits(measure.Role switch
                {
                    CubeColumnRole.Min => DenseCells.MinOf(current, value),
                    CubeColumnRole.Max => DenseCells.MaxOf(current, value),
                    _ => current + value,
                });
            }

            return;
        }

        var integers = Integers(vector);
        if (!nullable && measure.Role is CubeColumnRole.Sum or CubeColumnRole.Average)
        {
            for (var k = 0; k < n; k++)
            {
                ref var sum = ref slots[_cells[k] + valueSlot];
                sum = checked(sum + integers[_rows[k]]);
            }

            return;
        }

        for (var k = 0; k < n; k++)
        {
            var row = _rows[k];
            if (nullable && vector.IsNull(row))
            {
                continue;
            }

            ref var slot = ref slots[_cells[k] + valueSlot];
            var value = integers[row];
            slot = measure.Role switch
            {
                CubeColumnRole.Min => Math.Min(slot, value),
                CubeColumnRole.Max => Math.Max(slot, value),
                _ => checked(slot + value),
            };
        }
    }

    /// <summary>An integral vector's values widened to 64 bits, indexed by row.</summary>
    private ReadOnlySpan<long> Integers(ColumnVector vector)
    {
        var count = vector.Count;
        switch (vector.Type.Physical)
        {
            case PhysicalKind.Int64:
                return VectorValues.Read(vector, ref _int64Scratch);
            case PhysicalKind.Int32:
            {
                var values = VectorValues.Read(vector, ref _int32Scratch);
                for (var i = 0; i < count; i++)
                {
                    _wide[i] = values[i];
                }

                break;
            }

            case PhysicalKind.Int16:
            {
                var values = VectorValues.Read(vector, ref _int16Scratch);
                for (var i = 0; i < count; i++)
                {
                    _wide[i] = values[i];
                }

                break;
            }

            default:
            {
                var values = VectorValues.Read(vector, ref _int8Scratch);
                for (var i = 0; i < count; i++)
                {
                    _wide[i] = values[i];
                }

                break;
            }
        }

        return _wide.AsSpan(0, count);
    }
}
