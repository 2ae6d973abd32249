using Olap.Columnar.Format;
using Olap.Columnar.Kernels;
using Olap.Columnar.Predicates;
using Olap.Columnar.Types;
using Olap.Columnar.Vectors;
using ParquetSharp;

namespace Olap.Query.Catalog.Parquet;

/// <summary>
/// Reads one row group of one Parquet file: the projected columns in batches of a chunk's capacity. Filter
/// columns are decoded first and the filters evaluated; a batch with no survivor skips the other columns' values
/// unread. A row group whose statistics (or whose file's partition values) rule a filter out is not read at all.
/// </summary>
internal sealed class ParquetRowGroupScan : ITableScan
{
    private readonly ParquetFileSource _source;
    private readonly int _file;
    private readonly int _rowGroupIndex;
    private readonly string _path;
    private readonly IReadOnlyList<ParquetColumnKind> _fileColumns;
    private readonly IReadOnlyList<ColumnDefinition> _columns;
    private readonly ScalarValue[] _partitionValues;
    private readonly int[] _projected;
    private readonly ScanFilter[] _filters;

    /// <summary>Every column a batch reads: the projected ones and the filtered ones.</summary>
    private readonly int[] _readColumns;
    private readonly ParquetFileReader? _reader;
    private readonly RowGroupReader? _rowGroup;
    private readonly Dictionary<int, (ColumnReader Reader, ParquetColumnDecoder Decoder)> _open = [];
    private readonly Dictionary<int, ColumnVector> _scratch = [];
    private readonly ColumnVector?[] _constants;
    private readonly long _rows;
    private long _position;
    private ParquetDictionaryStrings? _strings;
    private bool _stringsOpened;
    private ulong[] _bits = [];
    private ulong[] _filterBits = [];

    public ParquetRowGroupScan(ParquetFileSource source, int file, int rowGroup, IReadOnlyList<ParquetColumnKind> fileColumns, IReadOnlyList<ColumnDefinition> columns, ScalarValue[] partitionValues, IReadOnlyList<int> projected, IReadOnlyList<ScanFilter> filters)
    {
        _source = source;
        _file = file;
        _rowGroupIndex = rowGroup;
        var path = source.PathOf(file);
        _path = path;
        _fileColumns = fileColumns;
        _columns = columns;
        _partitionValues = partitionValues;
        _projected = [.. projected];
        _filters = [.. filters];
        _readColumns = [.. _projected.Concat(_filters.Select(f => f.Column)).Distinct()];
        _constants = new ColumnVector?[columns.Count];
        if (!PartitionsMatch())
        {
            RowGroupsSkipped = 1;
            return;
        }

        _reader = source.RentReader(file);
        try
        {
            _rowGroup = _reader.RowGroup(rowGroup);
            _rows = _rowGroup.MetaData.NumRows;
            if (!StatisticsAllow())
            {
                RowGroupsSkipped = 1;
                _rows = 0;
                return;
            }

            RowGroupsScanned = 1;
        }
        catch (ParquetException error)
        {
            _broken = true;
            Dispose();
            throw new QueryException($"'{path}': row group {rowGroup} cannot be read ({ParquetFileSource.FirstLine(error.Message)})", error);
        }
    }

    public int RowGroupsScanned { get; }

    public int RowGroupsSkipped { get; }

    public bool Next(DataChunk chunk)
    {
        try
        {
            while (_position < _rows)
            {
                var count = (int)Math.Min(chunk.Capacity, _rows - _position);
                _position += count;
                Strings(chunk.Capacity)?.Advance(count);
                var survivors = Filter(chunk, count);
                if (survivors == 0)
                {
                    SkipUnread(count);
                    continue;
                }

                for (var i = 0; i < _projected.Length; i++)
                {
                    var column = _projected[i];
                    if (!_filterColumns.Contains(column))
                    {
                        Decode(column, count, chunk.Columns[i]);
                    }
                }

                chunk.SetCount(count);
                if (survivors < count)
                {
                    chunk.Select(_bits.AsSpan(0, BitSpan.WordCount(count)));
                }

                return true;
            }

            return false;
        }
        catch (ParquetException error)
        {
            _broken = true;
            throw new QueryException($"'{_path}': cannot be read ({ParquetFileSource.FirstLine(error.Message)})", error);
        }
    }

    public void Dispose()
    {
        foreach (var (reader, _) in _open.Values)
        {
            reader.Dispose();
        }

        _open.Clear();
        _strings?.Dispose();
        _rowGroup?.Dispose();
        if (_reader is not null && !_broken)
        {
            _source.ReturnReader(_file, _reader);
        }
        else
        {
            _reader?.Dispose();
        }
    }

    /// <summary>Set when the file failed to read: its reader is closed, not handed to the next scan.</summary>
    private bool _broken;

    private readonly HashSet<int> _filterColumns = [];

    /// <summary>Decodes the filter columns and evaluates the filters; returns the survivors, marked in <see cref="_bits"/>.</summary>
    private int Filter(DataChunk chunk, int count)
    {
        var words = BitSpan.WordCount(count);
        if (_bits.Length < words)
        {
            _bits = new ulong[words];
            _filterBits = new ulong[words];
        }

        var bits = _bits.AsSpan(0, words);
        bits.Fill(ulong.MaxValue);
        BitSpan.ClearTail(bits, count);
        if (_filters.Length == 0)
        {
            return count;
        }

        _filterColumns.Clear();
        foreach (var filter in _filters)
        {
            var vector = FilterVector(chunk, filter.Column);
            if (_filterColumns.Add(filter.Column))
            {
                Decode(filter.Column, count, vector);
            }

            if (vector.Form == VectorForm.Constant)
            {
                // A partition column: the file's value was checked when the scan opened.
                continue;
            }

            var scratch = _filterBits.AsSpan(0, words);
            scratch.Clear();
            if (vector.Form == VectorForm.Dictionary)
            {
                EvaluateDictionary(filter.Predicate, vector, count, scratch);
            }
            else
            {
                PredicateEvaluator.Evaluate(filter.Predicate, vector, 0, count, scratch);
            }

            if (!vector.Validity.AllValid)
            {
                vector.Validity.AndInto(scratch, count);
            }

            if (filter.Keys is { } keys)
            {
                if (vector.Type.Physical == PhysicalKind.Int32)
                {
                    keys.Filter(vector.Values<int>()[..count], scratch);
                }
                else if (vector.Type.Physical == PhysicalKind.Int64)
                {
                    keys.Filter(vector.Values<long>()[..count], scratch);
                }
            }

            var any = 0UL;
            for (var w = 0; w < words; w++)
            {
                bits[w] &= scratch[w];
                any |= bits[w];
            }

            if (any == 0)
            {
                return 0;
            }
        }

        return BitSpan.PopCount(bits, count);
    }

    /// <summary>A predicate on a dictionary vector: evaluated once per distinct value, then looked up per row by code.</summary>
    private void EvaluateDictionary(ColumnPredicate predicate, ColumnVector vector, int count, Span<ulong> bits)
    {
        var dictionary = vector.Dictionary;
        var entries = dictionary.Count;
        var entryWords = BitSpan.WordCount(entries);
        if (_entryBits.Length < entryWords)
        {
            _entryBits = new ulong[entryWords];
        }

        var matches = _entryBits.AsSpan(0, entryWords);
        matches.Clear();
        PredicateEvaluator.Evaluate(predicate, dictionary, 0, entries, matches);
        var codes = vector.Codes;
        for (var i = 0; i < count; i++)
        {
            var code = codes[i];
            if ((matches[code >> 6] & (1UL << (code & 63))) != 0)
            {
                bits[i >> 6] |= 1UL << (i & 63);
            }
        }
    }

    private ulong[] _entryBits = [];

    /// <summary>Where a filter column is decoded: its slot in the chunk when projected, else a vector of the scan's own.</summary>
    private ColumnVector FilterVector(DataChunk chunk, int column)
    {
        var slot = Array.IndexOf(_projected, column);
        if (slot >= 0)
        {
            return chunk.Columns[slot];
        }

        if (!_scratch.TryGetValue(column, out var vector))
        {
            vector = new ColumnVector(_columns[column].Type);
            _scratch[column] = vector;
        }

        return vector;
    }

    private void Decode(int column, int count, ColumnVector target)
    {
        if (column >= _fileColumns.Count)
        {
            Constant(column, count, target);
            return;
        }

        if (_strings is { } strings && strings.SlotOf(_fileColumns[column].Index) is var slot and >= 0)
        {
            strings.Read(slot, count, target);
            return;
        }

        var (reader, decoder) = Open(column);
        decoder.Read(reader, count, target);
    }

    /// <summary>
    /// The reader of this row group's string columns (projected or filtered), opened at the first batch; null when
    /// there are none.
    /// </summary>
    private ParquetDictionaryStrings? Strings(int batchRows)
    {
        if (!_stringsOpened)
        {
            _stringsOpened = true;
            var strings = _readColumns
                .Where(c => c < _fileColumns.Count && _fileColumns[c].Conversion == ParquetConversion.ByteArrayString)
                .Select(c => _fileColumns[c].Index)
                .ToList();
            if (strings.Count > 0)
            {
                _strings = new ParquetDictionaryStrings(_path, _rowGroupIndex, strings, batchRows);
            }
        }

        return _strings;
    }

    /// <summary>Moves past the batch in every column read so far that did not decode it (projected ones, and filter columns a failed earlier filter left unread).</summary>
    private void SkipUnread(int count)
    {
        foreach (var column in _readColumns)
        {
            if (column < _fileColumns.Count && !_filterColumns.Contains(column) && _fileColumns[column].Conversion != ParquetConversion.ByteArrayString)
            {
                var (reader, _) = Open(column);
                var skipped = 0L;
                while (skipped < count)
                {
                    var step = reader.Skip(count - skipped);
                    if (step == 0)
                    {
                        throw new QueryException($"'{_path}': column {_fileColumns[column].Name} ends early (a truncated or corrupt file)");
                    }

                    skipped += step;
                }
            }
        }
    }

    private (ColumnReader Reader, ParquetColumnDecoder Decoder) Open(int column)
    {
        if (!_open.TryGetValue(column, out var open))
        {
            open = (_rowGroup!.Column(_fileColumns[column].Index), new ParquetColumnDecoder(_fileColumns[column]));
            _open[column] = open;
        }

        return open;
    }

    /// <summary>A partition column: the file's one value for every row.</summary>
    private void Constant(int column, int count, ColumnVector target)
    {
        var value = _partitionValues[column - _fileColumns.Count];
        if (value.IsNull)
        {
            target.SetConstantNull(count);
            return;
        }

        if (_constants[column] is not { } one)
        {
            var builder = new ColumnBuilder(_columns[column].Type, 1);
            builder.Append(value);
            one = builder.ToVector();
            _constants[column] = one;
        }

        target.ReferenceConstant(count, one.RawMemory, one.HeapMemory);
    }

    private bool PartitionsMatch()
    {
        foreach (var filter in _filters)
        {
            if (filter.Column >= _fileColumns.Count)
            {
                var value = _partitionValues[filter.Column - _fileColumns.Count];
                if (value.IsNull || !filter.Predicate.Matches(value) || (filter.Keys is { } keys && !keys.Contains(value.Int64)))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>False when a filter cannot match any row of the row group by its column statistics.</summary>
    private bool StatisticsAllow()
    {
        var metadata = _rowGroup!.MetaData;
        foreach (var filter in _filters)
        {
            if (filter.Column >= _fileColumns.Count)
            {
                continue;
            }

            var kind = _fileColumns[filter.Column];
            using var chunk = metadata.GetColumnChunkMetaData(kind.Index);
            if (!chunk.IsStatsSet)
            {
                continue;
            }

            using var statistics = chunk.Statistics;
            if (statistics is null || !statistics.HasMinMax || !TryRange(statistics, kind.Conversion, out var min, out var max))
            {
                continue;
            }

            if (filter.Predicate.CheckZoneMap(min, max, statistics.NullCount, metadata.NumRows) == ZoneMapResult.AlwaysFalse)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Statistics in the column's Olap value domain; strings and INT96 are not used (writers disagree on their order).</summary>
    private static bool TryRange(Statistics statistics, ParquetConversion conversion, out ScalarValue min, out ScalarValue max)
    {
        (min, max) = (conversion, statistics) switch
        {
            (ParquetConversion.Int32 or ParquetConversion.Int32ToSmallInt or ParquetConversion.Int32Date or ParquetConversion.Int32Decimal, Statistics<int> s) => (ScalarValue.FromInt64(s.Min), ScalarValue.FromInt64(s.Max)),
            (ParquetConversion.Int64 or ParquetConversion.Int64Decimal or ParquetConversion.TimestampMicros, Statistics<long> s) => (ScalarValue.FromInt64(s.Min), ScalarValue.FromInt64(s.Max)),
            (ParquetConversion.TimestampMillis, Statistics<long> s) => (ScalarValue.FromInt64(s.Min * 1000), ScalarValue.FromInt64(s.Max * 1000)),
            (ParquetConversion.Double, Statistics<double> s) => (ScalarValue.FromDouble(s.Min), ScalarValue.FromDouble(s.Max)),
            (ParquetConversion.Float, Statistics<float> s) => (ScalarValue.FromDouble(s.Min), ScalarValue.FromDouble(s.Max)),
            _ => (ScalarValue.Null, ScalarValue.Null),
        };
        return !min.IsNull;
    }
}
