using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Apache.Arrow;
using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Query.Catalog.Parquet;

/// <summary>
/// The string columns of one row group, read through Arrow's Parquet reader with dictionaries kept
/// (<c>read_dictionary</c>): each batch arrives as codes into a dictionary, and becomes a dictionary vector — the
/// distinct strings once, then one int per row — so predicates, joins and grouping work on the few distinct values
/// (dimension columns such as c_city or p_brand1) instead of every row's bytes. Batches have the scan's chunk size,
/// so they line up with the other columns' batches.
/// </summary>
internal sealed class ParquetDictionaryStrings : IDisposable
{
    private readonly ParquetSharp.Arrow.FileReader _reader;
    private readonly Apache.Arrow.Ipc.IArrowArrayStream _stream;
    private readonly int[] _fileColumns;
    private readonly (nint Pointer, int Length, ColumnVector Vector)?[] _dictionaries;
    private RecordBatch? _batch;
    private int _start;
    private int _next;

    private readonly string _path;

    public ParquetDictionaryStrings(string path, int rowGroup, IReadOnlyList<int> fileColumnIndexes, int batchRows)
    {
        _path = path;
        _fileColumns = [.. fileColumnIndexes];
        _dictionaries = new (nint, int, ColumnVector)?[_fileColumns.Length];
        using var properties = ParquetSharp.Arrow.ArrowReaderProperties.GetDefault();
        properties.BatchSize = batchRows;
        properties.UseThreads = false;
        foreach (var column in _fileColumns)
        {
            properties.SetReadDictionary(column, true);
        }

        try
        {
            _reader = new ParquetSharp.Arrow.FileReader(path, arrowProperties: properties);
            _stream = _reader.GetRecordBatchReader([rowGroup], _fileColumns);
        }
        catch (Exception error) when (error is not QueryException and not OperationCanceledException)
        {
            _reader?.Dispose();
            throw Unreadable(path, error);
        }
    }

    /// <summary>Whether file column <paramref name="fileColumn"/> is one of these.</summary>
    public int SlotOf(int fileColumn) => System.Array.IndexOf(_fileColumns, fileColumn);

    /// <summary>
    /// Moves to the next <paramref name="rows"/> rows of every string column: once per batch of the scan, whether the
    /// batch's strings are read or skipped. Arrow's batches have the scan's batch size, so a batch never straddles two.
    /// </summary>
    public void Advance(int rows)
    {
        if (_batch is not null && _next + rows <= _batch.Length)
        {
            _start = _next;
            _next += rows;
            return;
        }

        if (_batch is not null && _next < _batch.Length)
        {
            // Rows would be dropped: the scan's batches and Arrow's no longer line up. Fail rather than misalign columns.
            throw new InvalidOperationException($"the scan read {rows} rows where {_batch.Length - _next} were left in Arrow's batch");
        }

        _batch?.Dispose();
        try
        {
            _batch = _stream.ReadNextRecordBatchAsync().AsTask().GetAwaiter().GetResult();
        }
        catch (Exception error) when (error is not QueryException and not OperationCanceledException)
        {
            // Arrow's reader reports a corrupt page as a plain exception from its native side.
            _batch = null;
            throw Unreadable(_path, error);
        }

        if (_batch is null)
        {
            throw new QueryException($"'{_path}': a row group ended early (a truncated or corrupt file)");
        }

        if (rows > _batch.Length)
        {
            throw new InvalidOperationException($"Arrow returned a batch of {_batch.Length} rows where {rows} were expected.");
        }

        _start = 0;
        _next = rows;
    }

    /// <summary>Fills <paramref name="target"/> with the current <paramref name="rows"/> rows of string column <paramref name="slot"/>.</summary>
    public void Read(int slot, int rows, ColumnVector target)
    {
        var array = _batch!.Column(slot);
        var start = _start;
        if (array is not DictionaryArray dictionary)
        {
            Olap.Query.Arrow.ArrowConversion.ToVector(array, ColumnType.Varchar, start, rows, target);
            return;
        }

        var values = Dictionary(slot, (StringArray)dictionary.Dictionary);
        var codes = target.RentCodes(rows);
        var span = codes.Span;
        switch (dictionary.Indices)
        {
            case Int32Array int32:
                int32.Values.Slice(start, rows).CopyTo(span);
                break;
            case Int16Array int16:
                for (var i = 0; i < rows; i++)
                {
                    span[i] = int16.Values[start + i];
                }

                break;
            case Int8Array int8:
                for (var i = 0; i < rows; i++)
                {
                    span[i] = int8.Values[start + i];
                }

                break;
            default:
                throw new QueryException($"Parquet dictionary indices of type {dictionary.Indices.Data.DataType.Name} are not supported");
        }

        target.ReferenceDictionary(rows, values, codes);
        if (dictionary.Indices.NullCount > 0)
        {
            var bits = new byte[ValidityMask.ByteCount(rows)];
            var any = false;
            for (var i = 0; i < rows; i++)
            {
                if (dictionary.Indices.IsValid(start + i))
                {
                    bits[i >> 3] |= (byte)(1 << (i & 7));
                }
                else
                {
                    span[i] = 0;
                    any = true;
                }
            }

            if (any)
            {
                target.Validity.Reference(bits);
            }
        }
    }

    private static QueryException Unreadable(string path, Exception error) =>
        new($"'{path}': cannot be read ({ParquetFileSource.FirstLine(error.Message)})", error);

    public void Dispose()
    {
        _batch?.Dispose();
        _stream.Dispose();
        _reader.Dispose();
    }

    /// <summary>The dictionary as a flat vector, converted once per distinct dictionary buffer (batches of a column chunk share it).</summary>
    private unsafe ColumnVector Dictionary(int slot, StringArray dictionary)
    {
        var bytes = dictionary.ValueOffsets;
        var pointer = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetReference(bytes));
        if (_dictionaries[slot] is { } known && known.Pointer == pointer && known.Length == dictionary.Length)
        {
            return known.Vector;
        }

        var vector = new ColumnVector(ColumnType.Varchar);
        Olap.Query.Arrow.ArrowConversion.ToVector(dictionary, ColumnType.Varchar, 0, dictionary.Length, vector);
        _dictionaries[slot] = (pointer, dictionary.Length, vector);
        return vector;
    }
}
