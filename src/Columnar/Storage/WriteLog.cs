using System.Buffers.Binary;
using System.IO.Hashing;
using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Columnar.Storage;

/// <summary>
/// The database's append-only log of buffered rows (<c>wal.log</c>): an INSERT's rows are written here and flushed
/// to disk before the statement returns, so an acknowledged row survives a crash although its segment is written
/// later. A record is <c>[u32 payload length][u32 CRC-32 of the payload][payload]</c>; the payload carries a
/// sequence number, the table's name and the rows column by column with their types, so a record is read without
/// the manifest. Reading stops at the first record that is cut short or fails its checksum: a crash mid-append
/// leaves a torn tail, which a writing open cuts off so the next record follows the last good one.
/// </summary>
public sealed class WriteLog : IDisposable
{
    public const string FileName = "wal.log";

    private const int HeaderBytes = 8;
    private const int RecordHeaderBytes = 8;
    private const int MaxRecordBytes = 1 << 30;
    private static readonly byte[] s_magic = "OLAPWAL1"u8.ToArray();

    private readonly FileStream _file;
    private readonly StorageFiles _files;

    // _writeLock orders writes, truncations and reading where the log ends; _flushLock orders flushes and their
    // waiters. _flushLock is taken first when both are.
    private readonly Lock _writeLock = new();
    private readonly object _flushLock = new(); // Monitor.Wait needs an object, not a Lock
    private long _lastSequence;
    private long _written;
    private long _durable;
    private long _durableLength;
    private long _epoch;
    private bool _flushing;
    private string? _failure;

    private WriteLog(FileStream file, StorageFiles files, long lastSequence)
    {
        _file = file;
        _files = files;
        _lastSequence = lastSequence;
        _durable = lastSequence;
        _written = file.Length;
        _durableLength = file.Length;
    }

    /// <summary>The sequence number of the newest record written or read.</summary>
    public long LastSequence => Volatile.Read(ref _lastSequence);

    /// <summary>Bytes in the log, header included.</summary>
    public long Length => _file.Length;

    /// <summary>
    /// Opens the log in <paramref name="directory"/> for appending (creating it when missing), reads its valid
    /// records, and cuts off a damaged tail. Records at or below <paramref name="flushedSequence"/> are already in
    /// segments and are skipped.
    /// </summary>
    public static WriteLog OpenForWriting(string directory, long flushedSequence, out IReadOnlyList<LogRecord> records, StorageFiles? files = null)
    {
        var path = Path.Combine(directory, FileName);
        // Unbuffered: a flush on one thread (fsync of the handle) must not race a write's buffer on another.
        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0);
        try
        {
            if (file.Length < HeaderBytes)
            {
                // New, or a crash while the header was written: start over (no record can precede the header).
                file.SetLength(0);
                file.Write(s_magic);
                file.Flush(flushToDisk: true);
                DirectorySync.Flush(directory);
                records = [];
                return new WriteLog(file, files ?? StorageFiles.Real, flushedSequence);
            }

            var (read, validLength, last) = ReadRecords(file, path, flushedSequence);
            if (validLength < file.Length)
            {
                file.SetLength(validLength);
            }

            // Records the last writer wrote but had not flushed when it died are flushed now: they will be read as durable.
            file.Flush(flushToDisk: true);

            if (last > 0 && (read.Count == 0 || read[0].Sequence != FirstSequence(file)))
            {
                // Records the manifest already has in segments (a crash between a checkpoint's commit and its emptying
                // of the log) go now: new records must not follow them, or a reader that reads the log before the
                // manifest would pack old and new rows into one buffered chunk and drop both as already in segments.
                file = WithoutFlushedRecords(file, directory, path, read);
                validLength = file.Length;
            }

            file.Position = validLength;
            records = read;
            return new WriteLog(file, files ?? StorageFiles.Real, Math.Max(last, flushedSequence));
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reads the valid records above <paramref name="flushedSequence"/> without changing the file, for a read-only
    /// open; a record being appended right now reads as a torn tail and is left for the next look.
    /// </summary>
    public static IReadOnlyList<LogRecord> ReadOnly(string directory, long flushedSequence)
    {
        var path = Path.Combine(directory, FileName);
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return file.Length < HeaderBytes ? [] : ReadRecords(file, path, flushedSequence).Records;
        }
        catch (FileNotFoundException)
        {
            return [];
        }
    }

    /// <summary>
    /// Appends one record of <paramref name="rowCount"/> rows of <paramref name="columns"/> (flat vectors) for
    /// <paramref name="table"/> without flushing it; returns its sequence number, which
    /// <see cref="WaitDurable"/> takes. Records are written one at a time (the database's writer holds its gate); if
    /// the write fails the log is cut back to where it was and the error is thrown.
    /// </summary>
    public long Write(string table, IReadOnlyList<ColumnVector> columns, int rowCount)
    {
        lock (_writeLock)
        {
            ThrowIfFailed();
            var sequence = LastSequence + 1;
            var record = Frame(EncodePayload(sequence, table, columns, rowCount));
            var start = _written;
            try
            {
                _file.Position = start;
                _files.Write(_file, record);
            }
            catch
            {
                CutBack(start);
                throw;
            }

            _written = start + record.Length;
            Volatile.Write(ref _lastSequence, sequence);
            return sequence;
        }
    }

    /// <summary>
    /// Returns once record <paramref name="sequence"/> is on disk. Group commit: one caller at a time flushes
    /// (fsync), covering every record written before it began; callers that arrive meanwhile wait for that flush
    /// and, if it did not reach their record, the next one covers all of theirs at once. A failed flush fails every
    /// record it was to cover: they are cut off the log, and the log takes no further record (the pages a failed
    /// fsync leaves behind cannot be trusted, as PostgreSQL learned), so the database must be reopened.
    /// </summary>
    public void WaitDurable(long sequence)
    {
        long target;
        long length;
        long epoch;
        lock (_flushLock)
        {
            while (true)
            {
                if (_durable >= sequence)
                {
                    return;
                }

                if (_failure is not null)
                {
                    throw new IOException(_failure);
                }

                if (!_flushing)
                {
                    break;
                }

                Monitor.Wait(_flushLock);
            }

            _flushing = true;
            lock (_writeLock)
            {
                (target, length, epoch) = (LastSequence, _written, _epoch);
            }
        }

        try
        {
            _files.FlushToDisk(_file);
        }
        catch (Exception error) when (error is IOException or ObjectDisposedException)
        {
            // Whatever the failure (a closed log included), waiters must not wait on a flush that will not come.
            lock (_flushLock)
            {
                lock (_writeLock)
                {
                    _failure = $"flushing the write log to disk failed ({error.Message}); rows not yet flushed were dropped and this open takes no further change: reopen the database";
                    CutBack(_durableLength);
                }

                _flushing = false;
                Monitor.PulseAll(_flushLock);
                if (_durable >= sequence)
                {
                    return; // a checkpoint put the record in segments meanwhile
                }
            }

            throw new IOException(_failure, error);
        }

        lock (_flushLock)
        {
            _durable = Math.Max(_durable, target);
            lock (_writeLock)
            {
                if (epoch == _epoch)
                {
                    _durableLength = Math.Max(_durableLength, length);
                }
            }

            _flushing = false;
            Monitor.PulseAll(_flushLock);
        }
    }

    /// <summary>
    /// Empties the log (every record is in segments now, as the manifest records); sequence numbers go on. Records
    /// still waiting for a flush are durable now, in segments.
    /// </summary>
    public void Reset()
    {
        lock (_flushLock)
        {
            _durable = Math.Max(_durable, LastSequence);
            Monitor.PulseAll(_flushLock);
            lock (_writeLock)
            {
                if (_failure is not null)
                {
                    return; // the log takes no more records; the next open drops those the manifest covers
                }

                try
                {
                    _file.SetLength(HeaderBytes);
                    _files.FlushToDisk(_file);
                }
                catch (IOException error)
                {
                    // The change that emptied the log is committed: it must not be reported as failed. New records must
                    // not follow the covered ones, though (a reader would take both for flushed), so the log closes.
                    _failure = $"emptying the write log failed ({error.Message}); this open takes no further buffered rows: reopen the database";
                    return;
                }

                _file.Position = HeaderBytes;
                (_written, _durableLength) = (HeaderBytes, HeaderBytes);
                _epoch++;
            }
        }
    }

    /// <summary>Why the log takes no more records (a flush failed), or null while it is well.</summary>
    public string? Failure
    {
        get
        {
            lock (_writeLock)
            {
                return _failure;
            }
        }
    }

    private void ThrowIfFailed()
    {
        if (_failure is not null)
        {
            throw new IOException(_failure);
        }
    }

    /// <summary>Cuts the log back to <paramref name="length"/> bytes after a failed write; best effort, as the open after a restart cuts a torn record off anyway.</summary>
    private void CutBack(long length)
    {
        try
        {
            _file.SetLength(length);
        }
        catch (Exception error) when (error is IOException or ObjectDisposedException)
        {
        }
    }

    public void Dispose() => _file.Dispose();

    /// <summary>The sequence number of the log's first record.</summary>
    private static long FirstSequence(FileStream file)
    {
        var first = new byte[RecordHeaderBytes + sizeof(long)];
        file.Position = HeaderBytes;
        file.ReadExactly(first);
        return BinaryPrimitives.ReadInt64LittleEndian(first.AsSpan(RecordHeaderBytes));
    }

    /// <summary>
    /// Rewrites the log with only <paramref name="keep"/>: into a temporary file, flushed, renamed over the log and the
    /// directory flushed, so a crash leaves the old log or the new one. Returns the new log, open for appending.
    /// </summary>
    private static FileStream WithoutFlushedRecords(FileStream file, string directory, string path, IReadOnlyList<LogRecord> keep)
    {
        if (keep.Count == 0)
        {
            file.SetLength(HeaderBytes);
            file.Flush(flushToDisk: true);
            return file;
        }

        var temporary = path + ".tmp";
        using (var rewritten = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            rewritten.Write(s_magic);
            foreach (var record in keep)
            {
                rewritten.Write(Frame(EncodePayload(record.Sequence, record.Table, record.Columns, record.RowCount)));
            }

            rewritten.Flush(flushToDisk: true);
        }

        file.Dispose();
        File.Move(temporary, path, overwrite: true);
        DirectorySync.Flush(directory);
        return new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0);
    }

    /// <summary>A record as written: length, checksum, payload.</summary>
    private static byte[] Frame(byte[] payload)
    {
        var record = new byte[RecordHeaderBytes + payload.Length];
        BinaryPrimitives.WriteInt32LittleEndian(record, payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(4), Crc32.HashToUInt32(payload));
        payload.CopyTo(record, RecordHeaderBytes);
        return record;
    }

    private static (List<LogRecord> Records, long ValidLength, long LastSequence) ReadRecords(FileStream file, string path, long flushedSequence)
    {
        file.Position = 0;
        var header = new byte[HeaderBytes];
        file.ReadExactly(header);
        if (!header.AsSpan().SequenceEqual(s_magic))
        {
            throw new InvalidDataException($"'{path}' is not an Olap write log (its header is wrong).");
        }

        var records = new List<LogRecord>();
        var position = (long)HeaderBytes;
        var last = 0L;
        var recordHeader = new byte[RecordHeaderBytes];
        while (position + RecordHeaderBytes <= file.Length)
        {
            file.Position = position;
            file.ReadExactly(recordHeader);
            var length = BinaryPrimitives.ReadInt32LittleEndian(recordHeader);
            var checksum = BinaryPrimitives.ReadUInt32LittleEndian(recordHeader.AsSpan(4));
            if (length <= 0 || length > MaxRecordBytes || position + RecordHeaderBytes + length > file.Length)
            {
                break;
            }

            var payload = new byte[length];
            file.ReadExactly(payload);
            if (Crc32.HashToUInt32(payload) != checksum || !TryDecodePayload(payload, out var record) || record.Sequence <= last)
            {
                break;
            }

            last = record.Sequence;
            if (record.Sequence > flushedSequence)
            {
                records.Add(record);
            }

            position += RecordHeaderBytes + length;
        }

        return (records, position, last);
    }

    private static byte[] EncodePayload(long sequence, string table, IReadOnlyList<ColumnVector> columns, int rows)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(sequence);
            writer.Write(table);
            writer.Write(rows);
            writer.Write((ushort)columns.Count);
            foreach (var column in columns)
            {
                if (column.Form != VectorForm.Flat || column.Count != rows)
                {
                    throw new ArgumentException("log records take flat vectors of the record's row count", nameof(columns));
                }

                writer.Write((byte)column.Type.Id);
                writer.Write(column.Type.Precision);
                writer.Write(column.Type.Scale);
                var hasNulls = !column.Validity.AllValid;
                writer.Write(hasNulls);
                if (hasNulls)
                {
                    writer.Write(column.Validity.Bits[..ValidityMask.ByteCount(rows)]);
                }

                if (column.Type.Physical == PhysicalKind.String)
                {
                    var offsets = column.StringOffsets[..(rows + 1)];
                    var heap = column.Heap[offsets[0]..offsets[rows]];
                    writer.Write(heap.Length);
                    writer.Write(heap);
                    for (var i = 0; i <= rows; i++)
                    {
                        writer.Write(offsets[i] - offsets[0]);
                    }
                }
                else
                {
                    writer.Write(column.RawData[..(rows * column.Type.FixedWidth)]);
                }
            }
        }

        return stream.ToArray();
    }

    private static bool TryDecodePayload(byte[] payload, out LogRecord record)
    {
        record = null!;
        try
        {
            using var reader = new BinaryReader(new MemoryStream(payload, writable: false), System.Text.Encoding.UTF8);
            var sequence = reader.ReadInt64();
            var table = reader.ReadString();
            var rows = reader.ReadInt32();
            var count = reader.ReadUInt16();
            if (rows < 0 || sequence <= 0)
            {
                return false;
            }

            var columns = new ColumnVector[count];
            for (var c = 0; c < count; c++)
            {
                var id = (LogicalTypeId)reader.ReadByte();
                var precision = reader.ReadByte();
                var scale = reader.ReadByte();
                if (!ColumnType.TryCreate(id, precision, scale, out var type))
                {
                    return false;
                }

                var builder = new ColumnBuilder(type, Math.Max(rows, 1));
                byte[]? validity = reader.ReadBoolean() ? reader.ReadBytes(ValidityMask.ByteCount(rows)) : null;
                if (type.Physical == PhysicalKind.String)
                {
                    var heap = reader.ReadBytes(reader.ReadInt32());
                    var offsets = new int[rows + 1];
                    for (var i = 0; i <= rows; i++)
                    {
                        offsets[i] = reader.ReadInt32();
                    }

                    for (var i = 0; i < rows; i++)
                    {
                        if (validity is not null && (validity[i >> 3] & (1 << (i & 7))) == 0)
                        {
                            builder.AppendNull();
                        }
                        else
                        {
                            builder.AppendString(heap.AsSpan(offsets[i], offsets[i + 1] - offsets[i]));
                        }
                    }
                }
                else
                {
                    var values = reader.ReadBytes(rows * type.FixedWidth);
                    if (values.Length != rows * type.FixedWidth)
                    {
                        return false;
                    }

                    var source = new ColumnVector(type);
                    source.ReferenceFlat(rows, values);
                    if (validity is not null)
                    {
                        source.Validity.Reference(validity);
                    }

                    builder.AppendRange(source, 0, rows);
                }

                columns[c] = builder.ToVector();
            }

            if (reader.BaseStream.Position != payload.Length)
            {
                return false;
            }

            record = new LogRecord(sequence, table, columns, rows);
            return true;
        }
        catch (Exception error) when (error is EndOfStreamException or ArgumentException or IndexOutOfRangeException or IOException)
        {
            return false;
        }
    }
}

/// <summary>One logged INSERT's rows: flat vectors, one per column of the table at the time.</summary>
public sealed record LogRecord(long Sequence, string Table, ColumnVector[] Columns, int RowCount);
