using System.IO.Hashing;
using Olap.Columnar.Encoding;
using Olap.Columnar.Vectors;

namespace Olap.Columnar.Format;

/// <summary>
/// Writes a native file row group by row group with bounded memory. Rows arrive in chunks; with a sort key they
/// are ordered (stably) first, spilling sorted runs to temporary files when they exceed the sort buffer.
/// The file appears under its name only when <see cref="Finish"/> completes: it is written to a temporary name,
/// flushed, and renamed.
/// </summary>
public sealed class OlapFileWriter : IDisposable
{
    private readonly string _path;
    private readonly string _temporaryPath;
    private readonly IReadOnlyList<ColumnDefinition> _columns;
    private readonly OlapWriterOptions _options;
    private readonly ColumnBuilder[] _buffer;
    private readonly List<RowGroupMetadata> _rowGroups = [];
    private readonly PayloadWriter _payload = new();
    private readonly SortedRunSpiller? _spiller;
    private FileStream? _stream;
    private long _rowsWritten;
    private bool _finished;

    public OlapFileWriter(string path, IReadOnlyList<ColumnDefinition> columns, OlapWriterOptions? options = null)
    {
        _options = options ?? new OlapWriterOptions();
        if (_options.RowGroupSize <= 0 || _options.RowGroupSize % VectorSize.Standard != 0)
        {
            throw new ArgumentException($"The row group size must be a positive multiple of {VectorSize.Standard}.", nameof(options));
        }

        if (columns.Count == 0)
        {
            throw new ArgumentException("A file needs at least one column.", nameof(columns));
        }

        foreach (var column in columns)
        {
            if (!column.Type.IsStorable)
            {
                throw new ArgumentException($"Column \"{column.Name}\" is {column.Type}, which a native file cannot store (cast it to BIGINT or DECIMAL(18,s)).", nameof(columns));
            }
        }

        foreach (var key in _options.SortKey)
        {
            if (key.Column < 0 || key.Column >= columns.Count)
            {
                throw new ArgumentException($"Sort key column {key.Column} does not exist.", nameof(options));
            }
        }

        _path = path;
        _columns = columns;
        _temporaryPath = path + ".tmp-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N")[..8];
        _buffer = CreateBuilders(columns);
        if (_options.SortKey.Count > 0)
        {
            _spiller = new SortedRunSpiller(columns, _options.SortKey, Path.GetDirectoryName(Path.GetFullPath(path))!);
        }

        _stream = new FileStream(_temporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        WriteHeader();
    }

    public long RowCount => _rowsWritten + _buffer[0].Count + (_spiller?.SpilledRows ?? 0);

    /// <summary>Appends the live rows of <paramref name="chunk"/> (its selection, if any).</summary>
    public void Append(DataChunk chunk)
    {
        CheckOpen();
        if (chunk.Columns.Length != _columns.Count)
        {
            throw new ArgumentException($"The chunk has {chunk.Columns.Length} columns; the file has {_columns.Count}.", nameof(chunk));
        }

        for (var c = 0; c < _columns.Count; c++)
        {
            if (chunk.Columns[c].Type != _columns[c].Type)
            {
                throw new ArgumentException($"Column \"{_columns[c].Name}\" is {_columns[c].Type}, not {chunk.Columns[c].Type}.", nameof(chunk));
            }
        }

        if (chunk.Selection is { } selection)
        {
            for (var i = 0; i < selection.Count; i++)
            {
                AppendFrom(chunk.Columns, selection[i]);
            }

            return;
        }

        // Whole column ranges at a time, cut where a row group (or the sort buffer) fills.
        var offset = 0;
        while (offset < chunk.Count)
        {
            var room = (_spiller is null ? _options.RowGroupSize : _options.SortBufferRows) - _buffer[0].Count;
            var rows = Math.Min(room, chunk.Count - offset);
            for (var c = 0; c < _buffer.Length; c++)
            {
                _buffer[c].AppendRange(chunk.Columns[c], offset, rows);
            }

            offset += rows;
            AfterRowAppended();
        }
    }

    /// <summary>Appends the rows of <paramref name="vectors"/> named by <paramref name="rows"/>, in that order, cut at row-group boundaries.</summary>
    internal void AppendGather(ColumnVector[] vectors, ReadOnlySpan<int> rows)
    {
        CheckOpen();
        var offset = 0;
        while (offset < rows.Length)
        {
            var room = (_spiller is null ? _options.RowGroupSize : _options.SortBufferRows) - _buffer[0].Count;
            var count = Math.Min(room, rows.Length - offset);
            for (var c = 0; c < _buffer.Length; c++)
            {
                _buffer[c].AppendGather(vectors[c], rows.Slice(offset, count));
            }

            offset += count;
            AfterRowAppended();
        }
    }

    /// <summary>Appends row <paramref name="row"/> of <paramref name="vectors"/>, one vector per column.</summary>
    public void AppendFrom(ColumnVector[] vectors, int row)
    {
        CheckOpen();
        for (var c = 0; c < _buffer.Length; c++)
        {
            _buffer[c].AppendFrom(vectors[c], row);
        }

        AfterRowAppended();
    }

    /// <summary>Appends one row of values; convenient for small inputs and tests.</summary>
    public void AppendRow(params Types.ScalarValue[] values)
    {
        CheckOpen();
        if (values.Length != _columns.Count)
        {
            throw new ArgumentException($"The row has {values.Length} values; the file has {_columns.Count} columns.", nameof(values));
        }

        for (var c = 0; c < values.Length; c++)
        {
            _buffer[c].Append(values[c]);
        }

        AfterRowAppended();
    }

    /// <summary>Writes what is buffered, the footer and the trailer, and moves the file to its name.</summary>
    public void Finish()
    {
        CheckOpen();
        if (_spiller is null)
        {
            FlushRowGroup(_buffer);
        }
        else
        {
            _spiller.MergeInto(_buffer, FlushRowGroup, _options.RowGroupSize);
        }

        var footerStart = _stream!.Position;
        _payload.Reset();
        new FileFooter(_columns, _options.SortKey, _options.RowGroupSize, _rowGroups).Write(_payload);
        var footer = _payload.WrittenSpan;
        _stream.Write(footer);
        Span<byte> trailer = stackalloc byte[FormatConstants.TrailerSize];
        BitConverter.TryWriteBytes(trailer, XxHash64.HashToUInt64(footer));
        BitConverter.TryWriteBytes(trailer[8..], (uint)(_stream.Position - footerStart));
        FormatConstants.Magic.CopyTo(trailer[12..]);
        _stream.Write(trailer);
        _stream.Flush(flushToDisk: true);
        _stream.Dispose();
        _stream = null;
        File.Move(_temporaryPath, _path, overwrite: true);
        _finished = true;
        _spiller?.Dispose();
    }

    /// <summary>Abandons an unfinished file: the temporary file is deleted and nothing appears under the name.</summary>
    public void Dispose()
    {
        if (_finished)
        {
            return;
        }

        _stream?.Dispose();
        _stream = null;
        _spiller?.Dispose();
        if (File.Exists(_temporaryPath))
        {
            File.Delete(_temporaryPath);
        }

        _finished = true;
    }

    internal static ColumnBuilder[] CreateBuilders(IReadOnlyList<ColumnDefinition> columns)
    {
        var builders = new ColumnBuilder[columns.Count];
        for (var c = 0; c < builders.Length; c++)
        {
            builders[c] = new ColumnBuilder(columns[c].Type);
        }

        return builders;
    }

    private void AfterRowAppended()
    {
        var buffered = _buffer[0].Count;
        if (_spiller is null)
        {
            if (buffered == _options.RowGroupSize)
            {
                FlushRowGroup(_buffer);
            }
        }
        else if (buffered == _options.SortBufferRows)
        {
            _spiller.Spill(_buffer);
        }
    }

    private void WriteHeader()
    {
        Span<byte> header = stackalloc byte[FormatConstants.HeaderSize];
        header.Clear();
        FormatConstants.Magic.CopyTo(header);
        BitConverter.TryWriteBytes(header[4..], FormatConstants.Version);
        _stream!.Write(header);
    }

    /// <summary>Encodes the builders' rows as one row group and clears them.</summary>
    private void FlushRowGroup(ColumnBuilder[] builders)
    {
        var rows = builders[0].Count;
        if (rows == 0)
        {
            return;
        }

        var chunks = new ColumnChunkMetadata[builders.Length];
        var vector = new ColumnVector(builders[0].Type);
        for (var c = 0; c < builders.Length; c++)
        {
            if (vector.Type != builders[c].Type)
            {
                vector = new ColumnVector(builders[c].Type);
            }

            builders[c].ViewInto(vector);
            chunks[c] = WriteChunk(vector);
            builders[c].Clear();
        }

        _rowGroups.Add(new RowGroupMetadata(_rowsWritten, rows, chunks));
        _rowsWritten += rows;
    }

    private ColumnChunkMetadata WriteChunk(ColumnVector values)
    {
        var hash = new XxHash64();
        var nullCount = values.Validity.CountNulls(values.Count);
        long validityOffset = 0;
        var validityLength = 0;
        if (nullCount > 0)
        {
            validityOffset = AlignStream();
            var bits = values.Validity.Bits[..ValidityMask.ByteCount(values.Count)];
            validityLength = bits.Length;
            _stream!.Write(bits);
            hash.Append(bits);
        }

        var analysis = ChunkAnalysis.Analyze(values);
        var (encoding, _) = ColumnEncodings.Choose(values, analysis, _options.ForceEncoding);
        _payload.Reset();
        encoding.Encode(values, analysis, _payload);
        var payloadOffset = AlignStream();
        var payload = _payload.WrittenSpan;
        _stream!.Write(payload);
        hash.Append(payload);
        return new ColumnChunkMetadata(
            encoding.Kind,
            validityOffset,
            validityLength,
            payloadOffset,
            payload.Length,
            hash.GetCurrentHashAsUInt64(),
            nullCount,
            analysis.DistinctCount,
            analysis.Min,
            analysis.Max);
    }

    private long AlignStream()
    {
        var position = _stream!.Position;
        var padding = (int)((FormatConstants.SectionAlignment - (position % FormatConstants.SectionAlignment)) % FormatConstants.SectionAlignment);
        Span<byte> zeros = stackalloc byte[FormatConstants.SectionAlignment];
        zeros.Clear();
        _stream.Write(zeros[..padding]);
        return position + padding;
    }

    private void CheckOpen() => ObjectDisposedException.ThrowIf(_finished, this);
}
