using Olap.Columnar.Bitmaps;
using Olap.Columnar.Encoding;
using Olap.Columnar.Kernels;
using Olap.Columnar.Predicates;
using Olap.Columnar.Vectors;

namespace Olap.Columnar.Format;

/// <summary>
/// Reads chosen columns of a file chunk by chunk, skipping row groups whose zone maps exclude a filter, evaluating
/// filters on the encoded data, and decoding the projected columns only for chunks where some row survives
/// (late materialization). Surviving rows are marked by the chunk's selection vector.
/// Vectors may point into the memory-mapped file: they are valid until the next <see cref="Next"/> call and only
/// while the reader is open; copy what must outlive that.
/// </summary>
public sealed class FileScan
{
    private readonly OlapFileReader _reader;
    private readonly int[] _columns;
    private readonly IReadOnlyList<ScanFilter> _filters;
    private readonly List<ScanFilter> _activeFilters = [];
    private readonly List<int> _activeKeyFilters = [];
    private readonly ColumnVector?[] _keyVectors;
    private readonly int[] _keyFilterOrder;
    private readonly int[] _keyProjected;
    private readonly bool[] _decoded;
    private ColumnVector? _rowScratch;
    private readonly ulong[] _bits = new ulong[BitSpan.WordCount(VectorSize.Standard)];
    private readonly ulong[] _filterBits = new ulong[BitSpan.WordCount(VectorSize.Standard)];
    private readonly ValidityMask _filterValidity = new();
    private RoaringBitmap? _groupBitmap;
    private readonly int _endGroup;
    private int _group;
    private bool _started;
    private int _position;

    internal FileScan(OlapFileReader reader, IReadOnlyList<int> columns, IReadOnlyList<ScanFilter> filters, int firstRowGroup, int endRowGroup)
    {
        _reader = reader;
        _group = firstRowGroup - 1;
        _endGroup = endRowGroup;
        _columns = [.. columns];
        foreach (var column in _columns)
        {
            CheckColumn(column);
        }

        foreach (var filter in filters)
        {
            CheckColumn(filter.Column);
        }

        _filters = filters;
        _keyVectors = new ColumnVector?[filters.Count];
        _keyProjected = new int[filters.Count];
        _decoded = new bool[_columns.Length];
        var keyFilters = new List<int>();
        for (var f = 0; f < filters.Count; f++)
        {
            if (filters[f].Keys is not null)
            {
                _keyVectors[f] = new ColumnVector(_reader.Columns[filters[f].Column].Type);
                _keyProjected[f] = Array.IndexOf(_columns, filters[f].Column);
                keyFilters.Add(f);
            }
        }

        // The sparsest key set first: later ones then test only the rows it left.
        keyFilters.Sort((a, b) => Density(filters[a].Keys!).CompareTo(Density(filters[b].Keys!)));
        _keyFilterOrder = [.. keyFilters];
    }

    /// <summary>At most this many live rows in a chunk: a key-set filter decodes their keys one by one.</summary>
    private const int SparseKeyRows = 48;

    /// <summary>
    /// At most this many live rows: a run-length column is decoded row by row (a binary search for the run each)
    /// instead of expanding every run of the chunk.
    /// </summary>
    private const int SparseRunLengthRows = 128;

    /// <summary>
    /// With at most one row in this many surviving the filters, a projected column that can reach single rows decodes
    /// only those (<see cref="EncodedColumn.TryDecodeSelected"/>) instead of unpacking the whole chunk.
    /// </summary>
    private const int SparseDecodeShare = 4;

    /// <summary>Runs this long on average (rows per distinct value) or shorter count as short.</summary>
    private const int ShortRunRows = 64;

    private static double Density(KeyBitmap keys) => keys.Count / ((double)keys.Max - keys.Min + 1);

    /// <summary>Row groups whose rows were looked at.</summary>
    public int RowGroupsScanned { get; private set; }

    /// <summary>Row groups skipped because a zone map excluded a filter.</summary>
    public int RowGroupsSkipped { get; private set; }

    /// <summary>A chunk with one vector per projected column, to pass to <see cref="Next"/>.</summary>
    public DataChunk CreateChunk()
    {
        var types = new Types.ColumnType[_columns.Length];
        for (var i = 0; i < types.Length; i++)
        {
            types[i] = _reader.Columns[_columns[i]].Type;
        }

        return new DataChunk(types);
    }

    /// <summary>The file row number of the last chunk's row 0 (deletion vectors and row ids are by file row).</summary>
    public long ChunkFirstRow { get; private set; }

    /// <summary>Fills <paramref name="chunk"/> with the next rows that have a survivor; false at the end.</summary>
    public bool Next(DataChunk chunk)
    {
        while (true)
        {
            if (!_started || _position >= _reader.RowGroups[_group].RowCount)
            {
                if (!NextRowGroup())
                {
                    return false;
                }
            }

            var rows = _reader.RowGroups[_group].RowCount;
            var start = _position;
            var count = Math.Min(VectorSize.Standard, rows - start);
            _position += count;
            var words = BitSpan.WordCount(count);
            var bits = _bits.AsSpan(0, words);
            Array.Clear(_decoded);
            var filtered = Filter(chunk, start, count, bits);
            var survivors = filtered ? BitSpan.PopCount(bits, count) : count;
            if (survivors == 0)
            {
                continue;
            }

            for (var i = 0; i < _columns.Length; i++)
            {
                var vector = chunk.Columns[i];
                if (!_decoded[i])
                {
                    var column = _reader.OpenColumn(_group, _columns[i]);
                    if (filtered && survivors * SparseDecodeShare <= count && column.TryDecodeSelected(start, count, bits, vector))
                    {
                        // Done: only the surviving rows were decoded (a cube's measure where a filter left a few).
                    }
                    else if (filtered && survivors <= SparseRunLengthRows && HasShortRuns(column, _columns[i]) && DecodeFew(column, start, count, bits, vector))
                    {
                        // Done: only the surviving rows were decoded.
                    }
                    else
                    {
                        column.Decode(start, count, vector);
                    }
                }

                var validity = _reader.GetValidity(_group, _columns[i]);
                if (!validity.IsEmpty)
                {
                    if (vector.Form == VectorForm.Constant)
                    {
                        // A constant stands for every row; with NULLs among them the rows must be told apart.
                        vector.Flatten();
                    }

                    vector.Validity.Reference(validity.Slice(start >> 3, ValidityMask.ByteCount(count)));
                }
            }

            chunk.SetCount(count);
            if (survivors < count)
            {
                chunk.Select(bits);
            }

            ChunkFirstRow = _reader.RowGroupStart(_group) + start;
            return true;
        }
    }

    private bool NextRowGroup()
    {
        var groups = _reader.RowGroups;
        _started = true;
        while (++_group < _endGroup)
        {
            _position = 0;
            if (PrepareFilters(groups[_group]))
            {
                RowGroupsScanned++;
                return true;
            }

            RowGroupsSkipped++;
        }

        return false;
    }

    /// <summary>Keeps the filters the zone maps cannot decide; false when one excludes the whole row group.</summary>
    private bool PrepareFilters(RowGroupMetadata group)
    {
        _activeFilters.Clear();
        _activeKeyFilters.Clear();
        _groupBitmap = null;
        for (var f = 0; f < _filters.Count; f++)
        {
            var filter = _filters[f];
            var stats = group.Columns[filter.Column];
            switch (filter.Predicate.CheckZoneMap(stats.Min, stats.Max, stats.NullCount, group.RowCount))
            {
                case ZoneMapResult.AlwaysFalse:
                    return false;
                case ZoneMapResult.Maybe when filter.Keys is null:
                    _activeFilters.Add(filter);
                    break;
                default:
                    break;
            }
        }

        // A key set has holes its range does not show: it is tested row by row even when the range holds everything.
        // Sparsest first, but a run-length column after the others: expanding short runs (lo_custkey repeats per
        // order) costs more than unpacking, and once few rows are left its keys are decoded one by one instead.
        foreach (var f in _keyFilterOrder)
        {
            if (_reader.OpenColumn(_group, _filters[f].Column).Kind != EncodingKind.RunLength)
            {
                _activeKeyFilters.Add(f);
            }
        }

        foreach (var f in _keyFilterOrder)
        {
            if (_reader.OpenColumn(_group, _filters[f].Column).Kind == EncodingKind.RunLength)
            {
                _activeKeyFilters.Add(f);
            }
        }

        // Predicates on bitmap-encoded columns meet as one intersection of compressed bitmaps.
        var selectable = 0;
        foreach (var filter in _activeFilters)
        {
            if (_reader.OpenColumn(_group, filter.Column) is IBitmapSelectable)
            {
                selectable++;
            }
        }

        if (selectable >= 2)
        {
            for (var i = _activeFilters.Count - 1; i >= 0; i--)
            {
                var filter = _activeFilters[i];
                // NULL rows hold placeholder values in the bitmaps, so nullable chunks are filtered row by row instead.
                if (_reader.OpenColumn(_group, filter.Column) is IBitmapSelectable column && _reader.GetValidity(_group, filter.Column).IsEmpty)
                {
                    var rows = column.Select(filter.Predicate);
                    _groupBitmap = _groupBitmap is null ? rows : RoaringBitmap.And(_groupBitmap, rows);
                    _activeFilters.RemoveAt(i);
                }
            }

            if (_groupBitmap is { IsEmpty: true })
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Writes the surviving rows of [start, start + count) into <paramref name="bits"/>; false when there is no filter.</summary>
    private bool Filter(DataChunk chunk, int start, int count, Span<ulong> bits)
    {
        if (_activeFilters.Count == 0 && _groupBitmap is null && _activeKeyFilters.Count == 0)
        {
            return false;
        }

        if (_groupBitmap is not null)
        {
            bits.Clear();
            _groupBitmap.OrInto(start, count, bits);
        }
        else
        {
            bits.Fill(ulong.MaxValue);
            BitSpan.ClearTail(bits, count);
        }

        var scratch = _filterBits.AsSpan(0, bits.Length);
        foreach (var filter in _activeFilters)
        {
            _reader.OpenColumn(_group, filter.Column).Filter(filter.Predicate, start, count, scratch);
            var validity = _reader.GetValidity(_group, filter.Column);
            if (!validity.IsEmpty)
            {
                _filterValidity.Reference(validity.Slice(start >> 3, ValidityMask.ByteCount(count)));
                _filterValidity.AndInto(scratch, count);
            }

            var any = 0UL;
            for (var w = 0; w < bits.Length; w++)
            {
                bits[w] &= scratch[w];
                any |= bits[w];
            }

            if (any == 0)
            {
                return true;
            }
        }

        // Key sets last: they test only the rows the cheaper encoded predicates left.
        foreach (var f in _activeKeyFilters)
        {
            if (!FilterKeys(chunk, f, start, count, bits))
            {
                break;
            }
        }

        return true;
    }

    /// <summary>Clears the rows of <paramref name="bits"/> whose key is not in filter <paramref name="f"/>'s key set; false when none is left.</summary>
    private bool FilterKeys(DataChunk chunk, int f, int start, int count, Span<ulong> bits)
    {
        var filter = _filters[f];
        var keys = filter.Keys!;
        var column = _reader.OpenColumn(_group, filter.Column);
        var live = BitSpan.PopCount(bits, count);
        if ((live <= SparseKeyRows && column.Kind is EncodingKind.BitPacked or EncodingKind.Plain or EncodingKind.Dictionary)
            || (live <= SparseRunLengthRows && HasShortRuns(column, filter.Column)))
        {
            // A few rows left (after sparser key sets): their keys are decoded one by one, not the whole chunk's; a
            // chunk left with no row is then never decoded at all.
            return FilterFewKeys(f, column, start, count, bits);
        }

        // A projected key column is decoded straight into the chunk, once: the rows that survive need it anyway.
        var projected = _keyProjected[f];
        var vector = projected >= 0 ? chunk.Columns[projected] : _keyVectors[f]!;
        column.Decode(start, count, vector);
        if (projected >= 0)
        {
            _decoded[projected] = true;
        }

        switch (vector.Form)
        {
            case VectorForm.Constant:
                if (!keys.Contains(KeyAt(vector, vector.Type.Physical, 0)))
                {
                    bits.Clear();
                    return false;
                }

                break;
            case VectorForm.Flat when vector.Type.Physical == Types.PhysicalKind.Int32:
                keys.Filter(vector.Values<int>()[..count], bits);
                break;
            case VectorForm.Flat when vector.Type.Physical == Types.PhysicalKind.Int64:
                keys.Filter(vector.Values<long>()[..count], bits);
                break;
            default:
                FilterKeysByRow(keys, vector, bits);
                break;
        }

        var validity = _reader.GetValidity(_group, filter.Column);
        if (!validity.IsEmpty)
        {
            // NULL rows hold placeholder values that may happen to be in the set.
            _filterValidity.Reference(validity.Slice(start >> 3, ValidityMask.ByteCount(count)));
            _filterValidity.AndInto(bits, count);
        }

        var any = 0UL;
        foreach (var word in bits)
        {
            any |= word;
        }

        return any != 0;
    }

    /// <summary>
    /// Whether <paramref name="column"/> is run-length encoded with runs much shorter than a chunk, judged by its
    /// distinct count (a lower bound of its runs; -1 when too many to count): lo_custkey's runs of one order's lines,
    /// not lo_orderdate's runs of one day, which decode as a constant per chunk.
    /// </summary>
    private bool HasShortRuns(EncodedColumn column, int index)
    {
        if (column.Kind != EncodingKind.RunLength)
        {
            return false;
        }

        var group = _reader.RowGroups[_group];
        var distinct = group.Columns[index].DistinctCount;
        return distinct < 0 || (long)distinct * ShortRunRows >= group.RowCount;
    }

    /// <summary>
    /// Decodes only the rows set in <paramref name="bits"/> into a flat <paramref name="target"/>, the others zero:
    /// for a run-length column with short runs (lo_custkey repeats per order), expanding every run of the chunk costs
    /// far more than finding the run of a few rows. False for types it does not handle (the caller decodes all).
    /// </summary>
    private bool DecodeFew(EncodedColumn column, int start, int count, ReadOnlySpan<ulong> bits, ColumnVector target)
    {
        var scratch = _rowScratch ??= new ColumnVector(column.Type);
        if (scratch.Type != column.Type)
        {
            scratch = _rowScratch = new ColumnVector(column.Type);
        }

        switch (column.Type.Physical)
        {
            case Types.PhysicalKind.Int32:
                DecodeLiveRows<int>(column, scratch, start, count, bits, target);
                return true;
            case Types.PhysicalKind.Int64:
                DecodeLiveRows<long>(column, scratch, start, count, bits, target);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Decodes the live rows of <paramref name="bits"/> one by one into a flat vector; other rows are zero.</summary>
    private static void DecodeLiveRows<T>(EncodedColumn column, ColumnVector scratch, int start, int count, ReadOnlySpan<ulong> bits, ColumnVector target)
        where T : unmanaged
    {
        var values = target.PrepareFlat<T>(count);
        values.Clear();
        for (var w = 0; w < bits.Length; w++)
        {
            for (var live = bits[w]; live != 0; live &= live - 1)
            {
                var i = (w << 6) + System.Numerics.BitOperations.TrailingZeroCount(live);
                column.Decode(start + i, 1, scratch);
                values[i] = scratch.GetValue<T>(0);
            }
        }
    }

    /// <summary>Tests the live rows of <paramref name="bits"/> one at a time, decoding one key per row.</summary>
    private bool FilterFewKeys(int f, EncodedColumn column, int start, int count, Span<ulong> bits)
    {
        var keys = _filters[f].Keys!;
        var vector = _keyVectors[f]!;
        var validity = _reader.GetValidity(_group, _filters[f].Column);
        var physical = vector.Type.Physical;
        var any = 0UL;
        for (var w = 0; w < bits.Length; w++)
        {
            var live = bits[w];
            var result = live;
            while (live != 0)
            {
                var j = System.Numerics.BitOperations.TrailingZeroCount(live);
                live &= live - 1;
                var row = start + (w << 6) + j;
                column.Decode(row, 1, vector);

                // NULL rows hold placeholder values that may happen to be in the set.
                var isNull = !validity.IsEmpty && (validity.Span[row >> 3] & (1 << (row & 7))) == 0;
                if (isNull || !keys.Contains(KeyAt(vector, physical, 0)))
                {
                    result &= ~(1UL << j);
                }
            }

            bits[w] = result;
            any |= result;
        }

        return any != 0;
    }

    /// <summary>The general path (dictionary vectors, narrow integer types): one lookup per live row.</summary>
    private static void FilterKeysByRow(KeyBitmap keys, ColumnVector vector, Span<ulong> bits)
    {
        var physical = vector.Type.Physical;
        for (var w = 0; w < bits.Length; w++)
        {
            var live = bits[w];
            var result = live;
            while (live != 0)
            {
                var j = System.Numerics.BitOperations.TrailingZeroCount(live);
                live &= live - 1;
                if (!keys.Contains(KeyAt(vector, physical, (w << 6) + j)))
                {
                    result &= ~(1UL << j);
                }
            }

            bits[w] = result;
        }
    }

    private static long KeyAt(ColumnVector vector, Types.PhysicalKind physical, int row) => physical switch
    {
        Types.PhysicalKind.Int8 => vector.GetValue<byte>(row),
        Types.PhysicalKind.Int16 => vector.GetValue<short>(row),
        Types.PhysicalKind.Int32 => vector.GetValue<int>(row),
        Types.PhysicalKind.Int64 => vector.GetValue<long>(row),
        _ => throw new InvalidOperationException($"A key set filters integer columns, not {vector.Type}."),
    };

    private void CheckColumn(int column)
    {
        if (column < 0 || column >= _reader.Columns.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(column), column, $"The file has {_reader.Columns.Count} columns.");
        }
    }
}
