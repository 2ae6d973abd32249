using System.Collections.Concurrent;
using System.IO.Hashing;
using Olap.Columnar.Vectors;

namespace Olap.Columnar.Format;

/// <summary>
/// Writes a native file row group by row group with bounded memory. Rows arrive in chunks; with a sort key they
/// are ordered (stably) first, spilling sorted runs to temporary files when they exceed the sort buffer.
/// Row groups are analyzed and encoded on worker threads and written in order. A file appears under its name only
/// when it is complete: it is written to a temporary name, flushed, and renamed. With a continuation path the rows
/// may go on into further files; an unfinished write (disposed before <see cref="Finish"/>) deletes every file it made.
/// </summary>
public sealed class OlapFileWriter : IDisposable
{
    private readonly List<WrittenFile> _files = [];
    private string _path;
    private string _temporaryPath;
    private long _fileFirstRow;
    private readonly IReadOnlyList<ColumnDefinition> _columns;
    private readonly OlapWriterOptions _options;
    private readonly ColumnBuilder[] _buffer;
    private readonly List<RowGroupMetadata> _rowGroups = [];
    private readonly Encoding.PayloadWriter _payload = new();
    private readonly SortedRunSpiller? _spiller;
    private readonly Queue<Task<EncodedRowGroup>> _encoding = new();
    private readonly ConcurrentBag<ColumnBuilder[]> _spareBuilders = [];
    private Stream? _stream;
    private long _rowsWritten;
    private long _rowsEncoding;
    private bool _finished;

    public OlapFileWriter(string path, IReadOnlyList<ColumnDefinition> columns, OlapWriterOptions? options = null)
    {
        _options = options ?? new OlapWriterOptions();
        if (_options.EncodingThreads <= 0)
        {
            throw new ArgumentException("The number of encoding threads must be positive.", nameof(options));
        }

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

        _path = System.IO.Path.GetFullPath(path);
        _columns = columns;
        _temporaryPath = TemporaryPath(_path);
        _buffer = CreateBuilders(columns);
        if (_options.SortKey.Count > 0 && !_options.InputSorted)
        {
            _spiller = new SortedRunSpiller(columns, _options.SortKey, Path.GetDirectoryName(Path.GetFullPath(path))!);
        }

        _stream = _options.Files.Create(_temporaryPath, 1 << 16);
        WriteHeader();
    }

    /// <summary>
    /// The files written, in row order, once <see cref="Finish"/> has run: one, unless
    /// <see cref="OlapWriterOptions.ContinuationPath"/> let the rows continue into further files.
    /// </summary>
    public IReadOnlyList<WrittenFile> Files => _files;

    public long RowCount => _rowsWritten + _rowsEncoding + _buffer[0].Count + (_spiller?.SpilledRows ?? 0);

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

        while (_encoding.TryDequeue(out var pending))
        {
            WriteRowGroup(pending.GetAwaiter().GetResult());
        }

        CompleteFile();
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

        // Encoders still running own buffers and a thread; let them end before the files go.
        while (_encoding.TryDequeue(out var pending))
        {
            try
            {
                pending.Wait();
            }
            catch (AggregateException)
            {
                // The write is being abandoned; its encoding error no longer matters.
            }
        }

        _stream?.Dispose();
        _stream = null;
        _spiller?.Dispose();
        if (File.Exists(_temporaryPath))
        {
            File.Delete(_temporaryPath);
        }

        // Files already completed under their names belong to this unfinished write too.
        foreach (var file in _files)
        {
            File.Delete(file.Path);
        }

        _files.Clear();
        _finished = true;
    }

    private static string TemporaryPath(string path) => path + ".tmp-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Writes the footer and trailer of the current file, flushes it and moves it to its name.</summary>
    private void CompleteFile()
    {
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
        _options.Files.FlushToDisk(_stream);
        _stream.Dispose();
        _stream = null;
        _options.Files.Move(_temporaryPath, _path);
        _files.Add(new WrittenFile(_path, _rowsWritten - _fileFirstRow));
    }

    /// <summary>
    /// Before a row group of <paramref name="bytes"/> would take the current file past the size limit, completes it
    /// and continues in the next path the options give. Sorted rows stay in order across the files.
    /// </summary>
    private void ContinueInNewFileIfFull(long bytes)
    {
        if (_options.ContinuationPath is not { } next || _rowGroups.Count == 0 || _stream!.Position + bytes + FooterAllowance(_rowGroups.Count + 1) <= _options.MaxFileBytes)
        {
            return;
        }

        CompleteFile();
        _rowGroups.Clear();
        _fileFirstRow = _rowsWritten;
        _path = System.IO.Path.GetFullPath(next());
        _temporaryPath = TemporaryPath(_path);
        _stream = _options.Files.Create(_temporaryPath, 1 << 16);
        WriteHeader();
    }

    /// <summary>A generous bound on the footer: per chunk a few hundred bytes of metadata and zone map.</summary>
    private long FooterAllowance(int rowGroups) => 4096 + (rowGroups * (long)_columns.Count * 512);

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

    /// <summary>
    /// Encodes the builders' rows as one row group and leaves the builders empty. With worker threads the filled
    /// builders are handed to an encoding task and replaced by spare ones; finished row groups are written in order.
    /// </summary>
    private void FlushRowGroup(ColumnBuilder[] builders)
    {
        if (builders[0].Count == 0)
        {
            return;
        }

        if (_options.EncodingThreads == 1 || _options.IsSortRun)
        {
            _rowsEncoding += builders[0].Count;
            WriteRowGroup(RowGroupEncoder.Encode(builders, _options.ForceEncoding, _options.IsSortRun));
            foreach (var builder in builders)
            {
                builder.Clear();
            }

            return;
        }

        // Bounded: each task holds a row group's buffers, and the file must be written in order anyway.
        while (_encoding.Count >= 2 * _options.EncodingThreads)
        {
            WriteRowGroup(_encoding.Dequeue().GetAwaiter().GetResult());
        }

        var owned = TakeBuilders(builders);
        _rowsEncoding += owned[0].Count;
        var forceEncoding = _options.ForceEncoding;
        _encoding.Enqueue(Task.Run(() =>
        {
            try
            {
                return RowGroupEncoder.Encode(owned, forceEncoding, plainWithoutStatistics: false);
            }
            finally
            {
                foreach (var builder in owned)
                {
                    builder.Clear();
                }

                _spareBuilders.Add(owned);
            }
        }));
    }

    /// <summary>Moves the filled builders out of <paramref name="builders"/> and puts empty spare ones in their place.</summary>
    private ColumnBuilder[] TakeBuilders(ColumnBuilder[] builders)
    {
        if (!_spareBuilders.TryTake(out var spare))
        {
            spare = CreateBuilders(_columns);
        }

        var owned = new ColumnBuilder[builders.Length];
        for (var c = 0; c < builders.Length; c++)
        {
            owned[c] = builders[c];
            builders[c] = spare[c];
        }

        return owned;
    }

    private void WriteRowGroup(EncodedRowGroup rowGroup)
    {
        long bytes = 0;
        foreach (var column in rowGroup.Columns)
        {
            bytes += column.Payload.Length + (column.Validity?.Length ?? 0) + (2 * FormatConstants.SectionAlignment);
        }

        ContinueInNewFileIfFull(bytes);
        var chunks = new ColumnChunkMetadata[rowGroup.Columns.Length];
        for (var c = 0; c < chunks.Length; c++)
        {
            var column = rowGroup.Columns[c];
            long validityOffset = 0;
            if (column.Validity is { } validity)
            {
                validityOffset = AlignStream();
                _stream!.Write(validity);
            }

            var payloadOffset = AlignStream();
            _stream!.Write(column.Payload);
            chunks[c] = new ColumnChunkMetadata(
                column.Encoding,
                validityOffset,
                column.Validity?.Length ?? 0,
                payloadOffset,
                column.Payload.Length,
                column.Checksum,
                column.NullCount,
                column.DistinctCount,
                column.Min,
                column.Max);
        }

        _rowGroups.Add(new RowGroupMetadata(_rowsWritten - _fileFirstRow, rowGroup.RowCount, chunks));
        _rowsWritten += rowGroup.RowCount;
        _rowsEncoding -= rowGroup.RowCount;
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
