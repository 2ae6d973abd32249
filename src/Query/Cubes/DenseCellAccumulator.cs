using Olap.Columnar.Types;
using Olap.Columnar.Vectors;
using Olap.Query.Execution;

namespace Olap.Query.Cubes;

/// <summary>
/// Where fact rows are added: an array of <see cref="Cells"/> cells, and per axis the part each axis number contributes
/// to a row's cell (a number times the axis' stride; for a grouping set, the number of the set's projection of it).
/// </summary>
internal sealed record DenseGrid(int Cells, int[][] Parts)
{
    /// <summary>The grid of every axis number, axis a varying with stride <paramref name="strides"/>[a].</summary>
    public static DenseGrid Finest(IReadOnlyList<DenseAxis> axes, int[] strides, int cells)
        => new(cells, [.. axes.Select((axis, a) => Enumerable.Range(0, axis.Size).Select(number => number * strides[a]).ToArray())]);
}

/// <summary>
/// One worker's pass over fact rows: each row's cell in every grid from its axis inputs (a foreign key looked up in its
/// dimension's numbering, or a fact column's value), then each measure added into those cells. Rows whose key finds
/// no dimension row drop out, as an inner join drops them. Chunk columns: one input per axis, then the measures' inputs.
/// </summary>
internal sealed class DenseCellAccumulator
{
    private readonly IReadOnlyList<DenseAxis> _axes;
    private readonly IReadOnlyList<DenseGrid> _grids;
    private readonly int[] _lookupOrder;
    private readonly int[][][] _parts;
    private int[] _rows = new int[VectorSize.Standard];
    private int[] _from = new int[VectorSize.Standard];
    private int[] _numbers = new int[VectorSize.Standard];
    private int[][] _cells;
    private long[] _wide = new long[VectorSize.Standard];
    private long[]? _int64Scratch;
    private int[]? _int32Scratch;
    private short[]? _int16Scratch;
    private byte[]? _int8Scratch;
    private double[]? _doubleScratch;
    private int[]? _identity;
    private readonly bool[] _rarelyDrops;

    public DenseCellAccumulator(IReadOnlyList<DenseAxis> axes, IReadOnlyList<DenseGrid> grids, IReadOnlyList<DenseMeasure> measures)
    {
        _axes = axes;
        _grids = grids;
        _lookupOrder = [.. Enumerable.Range(0, axes.Count).OrderBy(a => axes[a].Coverage)];
        _rarelyDrops = new bool[axes.Count];
        _parts = [.. grids.Select(grid => grid.Parts)];
        _cells = [.. grids.Select(_ => new int[VectorSize.Standard])];
        Cells = [.. grids.Select(grid => new DenseCells(grid.Cells, measures))];
    }

    /// <summary>Per grid, the cells this worker added rows into.</summary>
    public DenseCells[] Cells { get; }

    /// <summary>Set when a fact column held a value outside the range its statistics gave: the cells are not to be trusted.</summary>
    public bool OutOfRange { get; private set; }

    public void Add(DataChunk chunk)
    {
        if (_rows.Length < chunk.Count)
        {
            _rows = new int[chunk.Count];
            _from = new int[chunk.Count];
            _numbers = new int[chunk.Count];
            _cells = [.. _grids.Select(_ => new int[chunk.Count])];
            _wide = new long[chunk.Count];
        }

        if (_identity is null || _identity.Length < chunk.Count)
        {
            _identity = VectorValues.Identity(Math.Max(chunk.Count, VectorSize.Standard));
        }

        var live = VectorValues.LiveRows(chunk, _identity);
        var n = live.Length;
        live.CopyTo(_rows);
        foreach (var cells in _cells)
        {
            cells.AsSpan(0, n).Clear();
        }

        foreach (var a in _lookupOrder)
        {
            if (n == 0)
            {
                break;
            }

            n = _axes[a].IsFactColumn ? AddFactColumn(chunk.Columns[a], _axes[a], a, n) : AddKey(chunk.Columns[a], _axes[a], a, n);
        }

        for (var g = 0; g < _grids.Count && n > 0; g++)
        {
            // From cell numbers to the index of each cell's first slot.
            var grid = Cells[g];
            var cells = _cells[g];
            var stride = grid.Stride;
            for (var k = 0; k < n; k++)
            {
                cells[k] *= stride;
            }

            if (grid.Measures is [{ Role: CubeColumnRole.Sum or CubeColumnRole.Average, IsDouble: false } only]
                && chunk.Columns[only.Input] is { Validity.AllValid: true } input && input.Type.Physical == PhysicalKind.Int32)
            {
                // One INTEGER sum (every SSB cube): the row count and the sum of a cell in one visit, not two.
                AddRowsAndSum(VectorValues.Read(input, ref _int32Scratch), _rows.AsSpan(0, n), cells.AsSpan(0, n), grid.Slots, DenseCells.ValueSlot(0));
                continue;
            }

            for (var m = 0; m < grid.Measures.Count; m++)
            {
                var measure = grid.Measures[m];
                if (measure.Role != CubeColumnRole.CountStar)
                {
                    AddMeasure(chunk.Columns[measure.Input], measure, grid.Slots, cells, DenseCells.ValueSlot(m), n);
                }
            }

            var slots = grid.Slots;
            for (var k = 0; k < n; k++)
            {
                slots[cells[k]]++;
            }
        }
    }

    private static void AddRowsAndSum(ReadOnlySpan<int> values, ReadOnlySpan<int> rows, ReadOnlySpan<int> cells, long[] slots, int valueSlot)
    {
        for (var k = 0; k < cells.Length; k++)
        {
            var cell = cells[k];
            slots[cell]++;
            ref var sum = ref slots[cell + valueSlot];
            sum = checked(sum + values[rows[k]]);
        }
    }

    private int AddKey(ColumnVector vector, DenseAxis axis, int a, int n) => vector.Type.Physical switch
    {
        PhysicalKind.Int32 => AddKey(VectorValues.Read(vector, ref _int32Scratch), vector, axis, a, n),
        PhysicalKind.Int64 => AddKey(VectorValues.Read(vector, ref _int64Scratch), vector, axis, a, n),
        _ => AddKey(Integers(vector), vector, axis, a, n),
    };

    private int AddKey<T>(ReadOnlySpan<T> keys, ColumnVector vector, DenseAxis axis, int a, int n)
        where T : unmanaged, System.Numerics.IBinaryInteger<T>
        => axis.ByteNumbersByKey is { } bytes ? AddKey(keys, bytes, byte.MaxValue, vector, axis, a, n)
            : axis.ShortNumbersByKey is { } shorts ? AddKey(keys, shorts, ushort.MaxValue, vector, axis, a, n)
            : AddKey(keys, axis.NumbersByKey, -1, vector, axis, a, n);

    /// <summary>
    /// Looks up each remaining row's key: rows without a number drop out, the others' cells gain the number's part.
    /// An axis that dropped rows in its last chunk is looked up without a branch on the outcome: a filtered dimension
    /// drops rows at random (four in five for one region), and a mispredicted branch per row cost more than the lookup.
    /// </summary>
    private int AddKey<T, TNumber>(ReadOnlySpan<T> keys, ReadOnlySpan<TNumber> numbers, int none, ColumnVector vector, DenseAxis axis, int a, int n)
        where T : unmanaged, System.Numerics.IBinaryInteger<T>
        where TNumber : unmanaged, System.Numerics.IBinaryInteger<TNumber>
    {
        var min = axis.Min;
        var nullable = !vector.Validity.AllValid;
        var rows = _rows;
        var kept = 0;
        if (!nullable)
        {
            // The common case in lean loops the JIT keeps in registers (no NULL test to call).
            var predictable = _rarelyDrops[a];
            if (_cells.Length == 1)
            {
                kept = KeepFound(keys, numbers, none, min, rows.AsSpan(0, n), _cells[0].AsSpan(0, n), _parts[0][a], predictable);
            }
            else
            {
                kept = KeepFound(keys, numbers, none, min, rows.AsSpan(0, n), _from.AsSpan(0, n), _numbers.AsSpan(0, n), predictable);
                for (var g = 0; g < _cells.Length; g++)
                {
                    AddParts(_cells[g].AsSpan(0, n), _from.AsSpan(0, kept), _numbers.AsSpan(0, kept), _parts[g][a]);
                }
            }

            _rarelyDrops[a] = (n - kept) * 64 <= n;
            return kept;
        }

        // A key column with NULLs (rare): which rows stay and their numbers, then each grid's cells.
        for (var k = 0; k < n; k++)
        {
            var row = rows[k];
            var number = vector.IsNull(row) ? -1 : Lookup(keys[row], numbers, none, min);
            if (number >= 0)
            {
                rows[kept] = row;
                _from[kept] = k;
                _numbers[kept++] = number;
            }
        }

        for (var g = 0; g < _cells.Length; g++)
        {
            AddParts(_cells[g].AsSpan(0, n), _from.AsSpan(0, kept), _numbers.AsSpan(0, kept), _parts[g][a]);
        }

        return kept;
    }

    /// <summary>
    /// Keeps the rows whose key has a number, each kept row's cell gaining the number's part (rows and cells compacted
    /// in place). <paramref name="predictable"/>: rows seldom drop, so a branch on the outcome predicts.
    /// </summary>
    private static int KeepFound<T, TNumber>(ReadOnlySpan<T> keys, ReadOnlySpan<TNumber> numbers, int none, long min, Span<int> rows, Span<int> cells, ReadOnlySpan<int> parts, bool predictable)
        where T : unmanaged, System.Numerics.IBinaryInteger<T>
        where TNumber : unmanaged, System.Numerics.IBinaryInteger<TNumber>
    {
        var kept = 0;
        if (predictable)
        {
            for (var k = 0; k < rows.Length; k++)
            {
                var row = rows[k];
                var number = Lookup(keys[row], numbers, none, min);
                if (number >= 0)
                {
                    rows[kept] = row;
                    cells[kept] = cells[k] + parts[number];
                    kept++;
                }
            }

            return kept;
        }

        for (var k = 0; k < rows.Length; k++)
        {
            var row = rows[k];
            var number = Lookup(keys[row], numbers, none, min);
            rows[kept] = row;
            cells[kept] = cells[k] + parts[number & ~(number >> 31)];
            kept += (int)((uint)~number >> 31);
        }

        return kept;
    }

    /// <summary>Keeps the rows whose key has a number, noting for each kept row where it was and its number.</summary>
    private static int KeepFound<T, TNumber>(ReadOnlySpan<T> keys, ReadOnlySpan<TNumber> numbers, int none, long min, Span<int> rows, Span<int> from, Span<int> found, bool predictable)
        where T : unmanaged, System.Numerics.IBinaryInteger<T>
        where TNumber : unmanaged, System.Numerics.IBinaryInteger<TNumber>
    {
        var kept = 0;
        if (predictable)
        {
            for (var k = 0; k < rows.Length; k++)
            {
                var row = rows[k];
                var number = Lookup(keys[row], numbers, none, min);
                if (number >= 0)
                {
                    rows[kept] = row;
                    from[kept] = k;
                    found[kept] = number;
                    kept++;
                }
            }

            return kept;
        }

        for (var k = 0; k < rows.Length; k++)
        {
            var row = rows[k];
            var number = Lookup(keys[row], numbers, none, min);
            rows[kept] = row;
            from[kept] = k;
            found[kept] = number;
            kept += (int)((uint)~number >> 31);
        }

        return kept;
    }

    /// <summary>Each kept row's cell (from its place before the rows were compacted) gains its number's part.</summary>
    private static void AddParts(Span<int> cells, ReadOnlySpan<int> from, ReadOnlySpan<int> numbers, ReadOnlySpan<int> parts)
    {
        for (var j = 0; j < from.Length; j++)
        {
            cells[j] = cells[from[j]] + parts[numbers[j]]; // from[j] >= j: read before any later write
        }
    }

    /// <summary>A non-NULL key's number, or -1 when no dimension row passing the cube's conditions has it.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static int Lookup<T, TNumber>(T key, ReadOnlySpan<TNumber> numbers, int none, long min)
        where T : unmanaged, System.Numerics.IBinaryInteger<T>
        where TNumber : unmanaged, System.Numerics.IBinaryInteger<TNumber>
    {
        var slot = (ulong)(long.CreateTruncating(key) - min);
        if (slot >= (ulong)numbers.Length)
        {
            return -1; // a dangling key: rare, a branch that predicts well
        }

        var number = int.CreateTruncating(System.Runtime.CompilerServices.Unsafe.Add(ref System.Runtime.InteropServices.MemoryMarshal.GetReference(numbers), (nint)slot));
        return number | -System.Runtime.CompilerServices.Unsafe.BitCast<bool, byte>(number == none); // -1 for none, without a branch
    }

    private int AddFactColumn(ColumnVector vector, DenseAxis axis, int a, int n) => vector.Type.Physical switch
    {
        PhysicalKind.Int32 => AddFactColumn(VectorValues.Read(vector, ref _int32Scratch), vector, axis, a, n),
        PhysicalKind.Int64 => AddFactColumn(VectorValues.Read(vector, ref _int64Scratch), vector, axis, a, n),
        _ => AddFactColumn(Integers(vector), vector, axis, a, n),
    };

    /// <summary>Adds each remaining row's value number (NULL 0, then one per value from the axis' minimum) to its cells.</summary>
    private int AddFactColumn<T>(ReadOnlySpan<T> values, ColumnVector vector, DenseAxis axis, int a, int n)
        where T : unmanaged, System.Numerics.IBinaryInteger<T>
    {
        var nullable = !vector.Validity.AllValid;
        var range = (ulong)(axis.Size - 1);
        var min = axis.Min;
        var rows = _rows;
        if (!nullable && _cells.Length == 1)
        {
            // The common case in one tight loop: no NULLs, one grid; number = offset + 1 folds into the parts.
            var cells = _cells[0].AsSpan(0, n);
            var parts = _parts[0][a].AsSpan(1);
            for (var k = 0; k < cells.Length; k++)
            {
                var offset = (ulong)(long.CreateTruncating(values[rows[k]]) - min);
                if (offset >= range)
                {
                    OutOfRange = true;
                    return 0;
                }

                cells[k] += parts[(int)offset];
            }

            return n;
        }

        for (var g = 0; g < _cells.Length; g++)
        {
            var cells = _cells[g];
            var parts = _parts[g][a];
            for (var k = 0; k < n; k++)
            {
                var row = rows[k];
                var number = 0;
                if (!nullable || !vector.IsNull(row))
                {
                    var offset = (ulong)(long.CreateTruncating(values[row]) - min);
                    if (offset >= range)
                    {
                        OutOfRange = true;
                        return 0;
                    }

                    number = (int)offset + 1;
                }

                cells[k] += parts[number];
            }
        }

        return n;
    }

    /// <summary>Adds one measure's inputs: the value into slot <paramref name="valueSlot"/> of each row's cell, a NULL into the slot after.</summary>
    private void AddMeasure(ColumnVector vector, DenseMeasure measure, long[] slots, int[] cells, int valueSlot, int n)
    {
        var nullable = !vector.Validity.AllValid;
        if (nullable)
        {
            for (var k = 0; k < n; k++)
            {
                if (vector.IsNull(_rows[k]))
                {
                    slots[cells[k] + valueSlot + 1]++;
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

                ref var slot = ref slots[cells[k] + valueSlot];
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

        if (!nullable && measure.Role is CubeColumnRole.Sum or CubeColumnRole.Average && vector.Type.Physical == PhysicalKind.Int32)
        {
            // SUM of an INTEGER column (every SSB measure) without widening the chunk first.
            var ints = VectorValues.Read(vector, ref _int32Scratch);
            var rows = _rows.AsSpan(0, n);
            for (var k = 0; k < rows.Length; k++)
            {
                ref var sum = ref slots[cells[k] + valueSlot];
                sum = checked(sum + ints[rows[k]]);
            }

            return;
        }

        var integers = Integers(vector);
        if (!nullable && measure.Role is CubeColumnRole.Sum or CubeColumnRole.Average)
        {
            for (var k = 0; k < n; k++)
            {
                ref var sum = ref slots[cells[k] + valueSlot];
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

            ref var slot = ref slots[cells[k] + valueSlot];
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
