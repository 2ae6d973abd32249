using Olap.Columnar.Format;
using Olap.Columnar.Types;
using Olap.Columnar.Vectors;
using Olap.Query.Catalog;

namespace Olap.Query.Cubes;

/// <summary>One grouping set of a dense cube: how it sees each axis, its cells, and which of them hold rows.</summary>
internal sealed record DenseSet(long Mask, DenseProjection[] Projections, int[] Strides, DenseCells Cells, int[] Occupied, bool[] Keeps);

/// <summary>
/// A dense cube's rows in stored layout, read like a table: grouping set after grouping set, one row per occupied
/// cell. Dimension columns come out as dictionary vectors over their axis' values (no string is copied), the others
/// NULL where the set rolls them up; measures come from the cells' arrays.
/// </summary>
internal sealed class DenseCubeSource : ITableSource
{
    private const int MorselRows = 16 * VectorSize.Standard;
    private readonly CubeDefinition _definition;
    private readonly IReadOnlyList<DenseAxis> _axes;
    private readonly IReadOnlyList<DenseSet> _sets;
    private readonly (int Axis, int Attribute)[] _dimensionAt;
    private readonly int[] _measureAt;
    private readonly ScanMorsel[] _morsels;

    public DenseCubeSource(CubeDefinition definition, IReadOnlyList<ColumnDefinition> columns, IReadOnlyList<DenseAxis> axes, IReadOnlyList<DenseSet> sets, int[] measureAt)
    {
        _definition = definition;
        _axes = axes;
        _sets = sets;
        _measureAt = measureAt;
        Columns = columns;
        _dimensionAt = new (int, int)[columns.Count];
        Array.Fill(_dimensionAt, (-1, -1));
        for (var a = 0; a < axes.Count; a++)
        {
            for (var k = 0; k < axes[a].StoredColumns.Count; k++)
            {
                _dimensionAt[axes[a].StoredColumns[k]] = (a, k);
            }
        }

        var morsels = new List<ScanMorsel>();
        for (var s = 0; s < sets.Count; s++)
        {
            EstimatedRowCount += sets[s].Occupied.Length;
            for (var start = 0; start < sets[s].Occupied.Length; start += MorselRows)
            {
                morsels.Add(new ScanMorsel(s, start / MorselRows, (start / MorselRows) + 1));
            }
        }

        _morsels = [.. morsels];
    }

    public string Name => "dense cube";

    /// <summary>True when the rows, read morsel after morsel, are in the cube's sort-key order (its dimensions' ranks fit in 63 bits).</summary>
    public bool IsSorted { get; init; }

    /// <summary>Hands every row, in order, to <paramref name="consume"/> in chunks of all stored columns.</summary>
    public void ReadAll(Action<DataChunk> consume)
    {
        var chunk = new DataChunk([.. Columns.Select(c => c.Type)]);
        var all = Enumerable.Range(0, Columns.Count).ToArray();
        foreach (var morsel in _morsels)
        {
            using var scan = OpenScan(morsel, all, []);
            while (scan.Next(chunk))
            {
                consume(chunk);
            }
        }
    }

    public IReadOnlyList<ColumnDefinition> Columns { get; }

    public IReadOnlyList<SortKeyColumn> SortKey => [];

    public long EstimatedRowCount { get; }

    public bool EvaluatesFilters => false;

    public IReadOnlyList<ScanMorsel> GetMorsels() => _morsels;

    public ITableScan OpenScan(ScanMorsel morsel, IReadOnlyList<int> columns, IReadOnlyList<ScanFilter> filters)
    {
        var set = _sets[morsel.Segment];
        var start = morsel.FirstRowGroup * MorselRows;
        return new Scan(this, set, columns, start, Math.Min(set.Occupied.Length, start + MorselRows));
    }

    private sealed class Scan(DenseCubeSource source, DenseSet set, IReadOnlyList<int> columns, int start, int end) : ITableScan
    {
        private readonly long[] _values = new long[VectorSize.Standard];
        private readonly double[] _doubles = new double[VectorSize.Standard];
        private readonly bool[] _nulls = new bool[VectorSize.Standard];
        private int _position = start;

        public int RowGroupsScanned => 1;

        public int RowGroupsSkipped => 0;

        public bool Next(DataChunk chunk)
        {
            if (_position >= end)
            {
                return false;
            }

            var count = Math.Min(Math.Min(chunk.Capacity, VectorSize.Standard), end - _position);
            var cells = set.Occupied.AsSpan(_position, count);
            for (var i = 0; i < columns.Count; i++)
            {
                var stored = columns[i];
                var vector = chunk.Columns[i];
                switch (source._definition.Columns[stored].Role)
                {
                    case CubeColumnRole.Dimension:
                        WriteDimension(vector, stored, cells);
                        break;
                    case CubeColumnRole.GroupingSet:
                        _values.AsSpan(0, count).Fill(set.Mask);
                        _nulls.AsSpan(0, count).Clear();
                        Store(vector, count);
                        break;
                    default:
                        WriteMeasure(vector, source._measureAt[stored], cells);
                        break;
                }
            }

            chunk.SetCount(count);
            _position += count;
            return true;
        }

        private void WriteDimension(ColumnVector vector, int stored, ReadOnlySpan<int> cells)
        {
            var count = cells.Length;
            if (!set.Keeps[stored])
            {
                vector.SetConstantNull(count);
                return;
            }

            var (a, attribute) = source._dimensionAt[stored];
            var projection = set.Projections[a];
            var stride = set.Strides[a];
            var codes = vector.RentCodes(count);
            var span = codes.Span;
            for (var j = 0; j < count; j++)
            {
                span[j] = projection.Representative(cells[j] / stride % projection.Size);
            }

            var dictionary = source._axes[a].Attributes[attribute];
            vector.ReferenceDictionary(count, dictionary, codes);
            if (!dictionary.Validity.AllValid)
            {
                for (var j = 0; j < count; j++)
                {
                    if (dictionary.IsNull(span[j]))
                    {
                        vector.Validity.SetInvalid(j, count);
                    }
                }
            }
        }

        private void WriteMeasure(ColumnVector vector, int m, ReadOnlySpan<int> cells)
        {
            var count = cells.Length;
            var data = set.Cells;
            var measure = data.Measures[m];
            for (var j = 0; j < count; j++)
            {
                var cell = cells[j];
                var inputs = data.NonNullCount(m, cell);
                _nulls[j] = false;
                switch (measure.Role)
                {
                    case CubeColumnRole.CountStar:
                        _values[j] = data.Rows(cell);
                        break;
                    case CubeColumnRole.Count:
                        _values[j] = inputs;
                        break;
                    case CubeColumnRole.Average:
                        _nulls[j] = inputs == 0;
                        _doubles[j] = (measure.IsDouble ? data.Double(m, cell) : data.Long(m, cell)) / (double)inputs;
                        break;
                    default:
                        _nulls[j] = inputs == 0;
                        if (measure.IsDouble)
                        {
                            _doubles[j] = data.Double(m, cell);
                        }
                        else
                        {
                            _values[j] = data.Long(m, cell);
                        }

                        break;
                }
            }

            Store(vector, count);
        }

        /// <summary>Writes the first <paramref name="count"/> values gathered (doubles or integers, as the vector's type) and their NULLs.</summary>
        private void Store(ColumnVector vector, int count)
        {
            switch (vector.Type.Physical)
            {
                case PhysicalKind.Double:
                    _doubles.AsSpan(0, count).CopyTo(vector.PrepareFlat<double>(count));
                    break;
                case PhysicalKind.Int64:
                    _values.AsSpan(0, count).CopyTo(vector.PrepareFlat<long>(count));
                    break;
                case PhysicalKind.Int32:
                    Narrow(_values.AsSpan(0, count), vector.PrepareFlat<int>(count));
                    break;
                case PhysicalKind.Int16:
                    Narrow(_values.AsSpan(0, count), vector.PrepareFlat<short>(count));
                    break;
                default:
                    Narrow(_values.AsSpan(0, count), vector.PrepareFlat<byte>(count));
                    break;
            }

            for (var j = 0; j < count; j++)
            {
                if (_nulls[j])
                {
                    vector.Validity.SetInvalid(j, count);
                }
            }
        }

        private static void Narrow<T>(ReadOnlySpan<long> values, Span<T> target)
            where T : unmanaged, System.Numerics.INumberBase<T>
        {
            for (var j = 0; j < values.Length; j++)
            {
                target[j] = T.CreateTruncating(values[j]);
            }
        }

        public void Dispose()
        {
        }
    }
}
