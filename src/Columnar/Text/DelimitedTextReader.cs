using System.Buffers;
using System.IO.Compression;
using System.Text.Unicode;
using Olap.Columnar.Format;
using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Columnar.Text;

/// <summary>
/// Streams delimited text (CSV, dbgen <c>.tbl</c>, either gzipped) into <see cref="DataChunk"/>s of a given schema.
/// Bytes are parsed in place in one buffer that holds a block of the input (growing only for a record longer than it),
/// so memory stays bounded whatever the file's size. Quoted fields may hold delimiters, doubled quotes and line
/// breaks; lines end in LF or CRLF; a UTF-8 byte order mark is skipped. Any fault throws
/// <see cref="DelimitedTextException"/>, after which the reader cannot continue.
/// </summary>
public sealed class DelimitedTextReader : IDisposable
{
    /// <summary>A record may not be longer than this: it bounds memory when a quote is never closed.</summary>
    public const int MaxRecordBytes = 64 << 20;

    private const int BlockBytes = 1 << 20;
    private const byte LineFeed = (byte)'\n';
    private const byte CarriageReturn = (byte)'\r';
    private const byte Quoted = 1;
    private const byte Escaped = 2;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly string _sourceName;
    private readonly ColumnDefinition[] _columns;
    private readonly LogicalTypeId[] _typeIds;
    private readonly TextColumn[] _values;
    private readonly byte _delimiter;
    private readonly byte _quote;
    private readonly bool _quoting;
    private readonly byte[] _nullText;
    private readonly bool _emptyIsNull;
    private readonly bool _allowQuotedNulls;

    // One slot more than the columns, for dbgen's trailing empty field; further fields are only counted.
    private readonly int[] _fieldStarts;
    private readonly int[] _fieldLengths;
    private readonly byte[] _fieldFlags;
    private int _fieldCount;

    private byte[] _buffer;
    private int _position;
    private int _end;
    private bool _endOfStream;
    private bool _started;
    private bool _headerPending;
    private bool _faulted;
    private bool _disposed;

    /// <summary>
    /// Reads <paramref name="stream"/>, decompressing it when it starts with the gzip magic bytes (a seekable stream)
    /// or when <paramref name="sourceName"/> ends in <c>.gz</c>. <paramref name="sourceName"/> names the input in errors.
    /// </summary>
    public DelimitedTextReader(Stream stream, string sourceName, IReadOnlyList<ColumnDefinition> columns, DelimitedTextOptions? options = null, bool leaveOpen = false)
        : this(stream, sourceName, columns, options, leaveOpen, BlockBytes)
    {
    }

    /// <summary>Tests pass a tiny <paramref name="blockBytes"/> so that records straddle many buffer refills.</summary>
    internal DelimitedTextReader(Stream stream, string sourceName, IReadOnlyList<ColumnDefinition> columns, DelimitedTextOptions? options, bool leaveOpen, int blockBytes, bool decompress = true)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0)
        {
            throw new ArgumentException("A delimited text reader needs at least one column.", nameof(columns));
        }

        options ??= DelimitedTextOptions.Default;
        if (options.Delimiter is '\r' or '\n' or '\0' or > '\x7F')
        {
            throw new ArgumentException($"The delimiter must be an ASCII character other than NUL, CR and LF, not U+{(int)options.Delimiter:X4}.", nameof(options));
        }

        if (options.Quote > '\x7F' || options.Quote is '\r' or '\n' || options.Quote == options.Delimiter)
        {
            throw new ArgumentException($"The quote must be an ASCII character other than CR, LF and the delimiter, not U+{(int)options.Quote:X4}.", nameof(options));
        }

        ArgumentNullException.ThrowIfNull(options.NullString, nameof(options));

        _sourceName = sourceName;
        _leaveOpen = leaveOpen;
        _delimiter = (byte)options.Delimiter;
        _quote = (byte)options.Quote;
        _quoting = options.Quote != '\0';
        _nullText = System.Text.Encoding.UTF8.GetBytes(options.NullString);
        _emptyIsNull = _nullText.Length == 0;
        _allowQuotedNulls = options.AllowQuotedNulls;
        _headerPending = options.Header;

        _columns = new ColumnDefinition[columns.Count];
        _typeIds = new LogicalTypeId[columns.Count];
        _values = new TextColumn[columns.Count];
        for (var c = 0; c < _columns.Length; c++)
        {
            _columns[c] = columns[c];
            _typeIds[c] = columns[c].Type.Id;
            _values[c] = new TextColumn(columns[c].Type, VectorSize.Standard);
        }

        _fieldStarts = new int[_columns.Length + 1];
        _fieldLengths = new int[_columns.Length + 1];
        _fieldFlags = new byte[_columns.Length + 1];
        _stream = decompress ? Decompressed(stream, sourceName, leaveOpen) : stream;
        _buffer = ArrayPool<byte>.Shared.Rent(blockBytes);
    }

    public IReadOnlyList<ColumnDefinition> Columns => _columns;

    /// <summary>The 1-based physical line the next record starts on (a reader of part of a file may start further on).</summary>
    public long LineNumber { get; internal set; } = 1;

    /// <summary>Data rows returned so far (the header and skipped blank lines not counted).</summary>
    public long RowsRead { get; private set; }

    /// <summary>Opens a file; see the stream constructor for gzip detection.</summary>
    public static DelimitedTextReader Open(string path, IReadOnlyList<ColumnDefinition> columns, DelimitedTextOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        try
        {
            return new DelimitedTextReader(file, path, columns, options);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>A chunk with this reader's column types, for <see cref="ReadChunk"/>.</summary>
    public DataChunk CreateChunk()
    {
        var types = new ColumnType[_columns.Length];
        for (var c = 0; c < types.Length; c++)
        {
            types[c] = _columns[c].Type;
        }

        return new DataChunk(types);
    }

    /// <summary>
    /// Fills <paramref name="chunk"/> with up to its capacity (at most <see cref="VectorSize.Standard"/>) of the next rows, as flat
    /// vectors that stay valid until the next call. Returns false, with an empty chunk, once the input is exhausted.
    /// </summary>
    public bool ReadChunk(DataChunk chunk)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(chunk);
        if (_faulted)
        {
            throw new InvalidOperationException($"Reading '{_sourceName}' failed earlier; the reader cannot continue.");
        }

        CheckChunk(chunk);
        var capacity = Math.Min(chunk.Capacity, VectorSize.Standard);
        foreach (var values in _values)
        {
            values.Clear();
        }

        var rows = 0;
        try
        {
            while (rows < capacity)
            {
                var status = ParseRecord(out var next, out var lineBreaks);
                if (status == RecordStatus.NeedMore)
                {
                    Refill();
                    continue;
                }

                if (status == RecordStatus.EndOfData)
                {
                    break;
                }

                var start = _position;
                var line = LineNumber;
                _position = next;
                LineNumber += lineBreaks;
                if (_headerPending)
                {
                    _headerPending = false;
                    continue;
                }

                // A blank line is no row when there are several columns; with one column it is a NULL.
                if (_fieldCount == 1 && _fieldLengths[0] == 0 && _fieldFlags[0] == 0 && _columns.Length > 1)
                {
                    continue;
                }

                AppendRecord(rows, start, line);
                rows++;
            }
        }
        catch
        {
            _faulted = true;
            throw;
        }

        for (var c = 0; c < _values.Length; c++)
        {
            _values[c].ViewInto(chunk.Columns[c], rows);
        }

        chunk.SetCount(rows);
        RowsRead += rows;
        return rows > 0;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        if (!_leaveOpen || _stream is GZipStream)
        {
            // A GZipStream was created with leaveOpen, so disposing it never closes a caller's stream.
            _stream.Dispose();
        }
    }

    /// <summary>The stream itself, or a decompressing view of it when it holds gzip data (by name or magic bytes).</summary>
    internal static Stream Decompressed(Stream stream, string sourceName, bool leaveOpen)
        => IsGzip(stream, sourceName) ? new GZipStream(stream, CompressionMode.Decompress, leaveOpen) : stream;

    private static bool IsGzip(Stream stream, string sourceName)
    {
        if (sourceName.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (!stream.CanSeek)
        {
            return false;
        }

        var start = stream.Position;
        Span<byte> magic = stackalloc byte[2];
        var read = stream.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        stream.Position = start;
        return read == 2 && magic[0] == 0x1F && magic[1] == 0x8B;
    }

    private void CheckChunk(DataChunk chunk)
    {
        if (chunk.Columns.Length != _columns.Length)
        {
            throw new ArgumentException($"The chunk has {chunk.Columns.Length} columns; '{_sourceName}' is read as {_columns.Length}.", nameof(chunk));
        }

        for (var c = 0; c < _columns.Length; c++)
        {
            if (chunk.Columns[c].Type != _columns[c].Type)
            {
                throw new ArgumentException($"Chunk column {c} is {chunk.Columns[c].Type}; column \"{_columns[c].Name}\" is {_columns[c].Type}.", nameof(chunk));
            }
        }
    }

    /// <summary>
    /// Finds the fields of the record at <see cref="_position"/>. A record cut off by the end of the buffer is parsed
    /// again from its start after <see cref="Refill"/>, so nothing is modified until the whole record is in the buffer.
    /// </summary>
    private RecordStatus ParseRecord(out int next, out int lineBreaks)
    {
        var buffer = _buffer;
        var end = _end;
        var position = _position;
        next = position;
        lineBreaks = 0;
        _fieldCount = 0;
        if (position == end)
        {
            return _endOfStream ? RecordStatus.EndOfData : RecordStatus.NeedMore;
        }

        while (true)
        {
            if (_quoting && position < end && buffer[position] == _quote)
            {
                var contentStart = position + 1;
                var scan = contentStart;
                var escaped = false;
                int close;
                while (true)
                {
                    var found = buffer.AsSpan(scan, end - scan).IndexOf(_quote);
                    if (found < 0)
                    {
                        return _endOfStream ? throw UnterminatedQuote(contentStart) : RecordStatus.NeedMore;
                    }

                    close = scan + found;
                    if (close + 1 == end && !_endOfStream)
                    {
                        return RecordStatus.NeedMore; // the next byte may double this quote
                    }

                    if (close + 1 < end && buffer[close + 1] == _quote)
                    {
                        escaped = true;
                        scan = close + 2;
                        continue;
                    }

                    break;
                }

                lineBreaks += buffer.AsSpan(contentStart, close - contentStart).Count(LineFeed);
                AddField(contentStart, close - contentStart, escaped ? (byte)(Quoted | Escaped) : Quoted);
                var after = close + 1;
                if (after == end)
                {
                    next = end; // the end of the stream: checked above
                    return RecordStatus.Complete;
                }

                var b = buffer[after];
                if (b == _delimiter)
                {
                    position = after + 1;
                    continue;
                }

                if (b == LineFeed)
                {
                    next = after + 1;
                    lineBreaks++;
                    return RecordStatus.Complete;
                }

                if (b == CarriageReturn)
                {
                    if (after + 1 == end)
                    {
                        if (!_endOfStream)
                        {
                            return RecordStatus.NeedMore;
                        }

                        next = end;
                        return RecordStatus.Complete;
                    }

                    if (buffer[after + 1] == LineFeed)
                    {
                        next = after + 2;
                        lineBreaks++;
                        return RecordStatus.Complete;
                    }
                }

                throw new DelimitedTextException(
                    _sourceName, LineNumber + lineBreaks, FieldColumnName(_fieldCount - 1), $"unexpected {Describe(b)} after a closing quote");
            }

            var stop = buffer.AsSpan(position, end - position).IndexOfAny(_delimiter, LineFeed);
            if (stop < 0)
            {
                if (!_endOfStream)
                {
                    return RecordStatus.NeedMore;
                }

                // The last line has no line break.
                AddField(position, WithoutCarriageReturn(buffer, position, end), 0);
                next = end;
                return RecordStatus.Complete;
            }

            var fieldEnd = position + stop;
            if (buffer[fieldEnd] == _delimiter)
            {
                AddField(position, fieldEnd - position, 0);
                position = fieldEnd + 1;
                continue;
            }

            AddField(position, WithoutCarriageReturn(buffer, position, fieldEnd), 0);
            next = fieldEnd + 1;
            lineBreaks++;
            return RecordStatus.Complete;
        }
    }

    private static int WithoutCarriageReturn(byte[] buffer, int start, int end)
        => end > start && buffer[end - 1] == CarriageReturn ? end - start - 1 : end - start;

    private void AddField(int start, int length, byte flags)
    {
        var index = _fieldCount++;
        if (index < _fieldStarts.Length)
        {
            _fieldStarts[index] = start;
            _fieldLengths[index] = length;
            _fieldFlags[index] = flags;
        }
    }

    /// <summary>Moves the unparsed tail to the buffer's start (growing the buffer if the tail fills it) and reads more.</summary>
    private void Refill()
    {
        if (_endOfStream)
        {
            throw new InvalidOperationException("The parser asked for more input after the end of the stream.");
        }

        var remaining = _end - _position;
        if (remaining == _buffer.Length)
        {
            if (remaining >= MaxRecordBytes)
            {
                throw new DelimitedTextException(
                    _sourceName, LineNumber, null, $"a record is longer than {MaxRecordBytes} bytes (is a quote not closed?)");
            }

            var larger = ArrayPool<byte>.Shared.Rent(Math.Min(_buffer.Length * 2, MaxRecordBytes));
            _buffer.AsSpan(_position, remaining).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
        else if (_position > 0)
        {
            _buffer.AsSpan(_position, remaining).CopyTo(_buffer);
        }

        _position = 0;
        _end = remaining;
        var target = _buffer.AsSpan(_end);
        int read;
        try
        {
            read = _stream.ReadAtLeast(target, target.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException e)
        {
            throw new DelimitedTextException(_sourceName, LineNumber, null, $"the gzip data is not valid ({e.Message})", e);
        }

        _end += read;
        _endOfStream = read < target.Length;
        if (!_started)
        {
            _started = true;
            if (_buffer.AsSpan(0, _end).StartsWith("\uFEFF"u8))
            {
                _position = 3;
            }
        }
    }

    private void AppendRecord(int row, int recordStart, long line)
    {
        var columnCount = _columns.Length;
        if (_fieldCount != columnCount)
        {
            // dbgen ends every line with a delimiter: one extra, empty, unquoted field.
            var trailingDelimiter = _fieldCount == columnCount + 1 && _fieldLengths[columnCount] == 0 && _fieldFlags[columnCount] == 0;
            if (!trailingDelimiter)
            {
                throw new DelimitedTextException(
                    _sourceName, line, null, $"expected {columnCount} fields but found {_fieldCount}");
            }
        }

        var buffer = _buffer;
        for (var c = 0; c < columnCount; c++)
        {
            var field = buffer.AsSpan(_fieldStarts[c], _fieldLengths[c]);
            var flags = _fieldFlags[c];

            // Quoted or not, a field equal to the NULL text is NULL: DuckDB's default (allow_quoted_nulls), so "" is NULL.
            if ((flags == 0 || (_allowQuotedNulls && (flags & Escaped) == 0)) && (_emptyIsNull ? field.IsEmpty : field.SequenceEqual(_nullText)))
            {
                _values[c].SetNull(row);
                continue;
            }

            if ((flags & Escaped) != 0)
            {
                field = Unescape(field);
            }

            AppendValue(row, c, field, recordStart, line);
        }
    }

    /// <summary>Turns each doubled quote into one, in place; the parser saw that every quote inside is doubled.</summary>
    private Span<byte> Unescape(Span<byte> field)
    {
        var write = 0;
        for (var read = 0; read < field.Length; read++)
        {
            var b = field[read];
            field[write++] = b;
            if (b == _quote)
            {
                read++;
            }
        }

        return field[..write];
    }

    private void AppendValue(int row, int column, ReadOnlySpan<byte> field, int recordStart, long line)
    {
        var values = _values[column];
        FieldParseResult result;
        long value;
        switch (_typeIds[column])
        {
            case LogicalTypeId.Varchar:
                if (!Utf8.IsValid(field))
                {
                    throw FieldError(column, field, recordStart, line, "is not valid UTF-8");
                }

                values.SetString(row, field);
                return;
            case LogicalTypeId.Integer:
                result = FieldParser.ParseInteger(field, int.MinValue, int.MaxValue, out value);
                break;
            case LogicalTypeId.BigInt:
                result = FieldParser.ParseInteger(field, long.MinValue, long.MaxValue, out value);
                break;
            case LogicalTypeId.SmallInt:
                result = FieldParser.ParseInteger(field, short.MinValue, short.MaxValue, out value);
                break;
            case LogicalTypeId.Boolean:
                result = FieldParser.TryParseBoolean(field, out var flag) ? FieldParseResult.Ok : FieldParseResult.Invalid;
                value = flag ? 1 : 0;
                break;
            case LogicalTypeId.Decimal:
                var type = _columns[column].Type;
                result = FieldParser.ParseDecimal(field, type.Precision, type.Scale, out value);
                break;
            case LogicalTypeId.Date:
                result = FieldParser.TryParseDate(field, out var days) ? FieldParseResult.Ok : FieldParseResult.Invalid;
                value = days;
                break;
            case LogicalTypeId.Timestamp:
                result = FieldParser.TryParseTimestamp(field, out value) ? FieldParseResult.Ok : FieldParseResult.Invalid;
                break;
            case LogicalTypeId.Double:
                if (!FieldParser.TryParseDouble(field, out var real))
                {
                    throw FieldError(column, field, recordStart, line, "is not a DOUBLE");
                }

                values.SetDouble(row, real);
                return;
            default:
                throw new InvalidOperationException($"Column \"{_columns[column].Name}\" has type {_columns[column].Type}, which text cannot be read as.");
        }

        if (result != FieldParseResult.Ok)
        {
            throw FieldError(column, field, recordStart, line, Problem(_columns[column].Type, result));
        }

        values.SetInt64(row, value);
    }

    private static string Problem(ColumnType type, FieldParseResult result) => (type.Id, result) switch
    {
        (LogicalTypeId.Decimal, FieldParseResult.OutOfRange) => $"does not fit {type}",
        (_, FieldParseResult.OutOfRange) => $"is out of range for {type}",
        (LogicalTypeId.Integer, _) => "is not an INTEGER",
        (LogicalTypeId.Date, _) => "is not a DATE (yyyy-MM-dd)",
        (LogicalTypeId.Timestamp, _) => "is not a TIMESTAMP (yyyy-MM-dd HH:mm:ss[.ffffff])",
        _ => $"is not a {type}",
    };

    private DelimitedTextException FieldError(int column, ReadOnlySpan<byte> field, int recordStart, long line, string problem)
    {
        // A quoted field before this one may have spanned lines: report the line the field is on.
        var fieldLine = line + _buffer.AsSpan(recordStart, _fieldStarts[column] - recordStart).Count(LineFeed);
        return new DelimitedTextException(_sourceName, fieldLine, _columns[column].Name, $"\"{Display(field)}\" {problem}");
    }

    private DelimitedTextException UnterminatedQuote(int contentStart)
    {
        var line = LineNumber + _buffer.AsSpan(_position, contentStart - _position).Count(LineFeed);
        return new DelimitedTextException(_sourceName, line, FieldColumnName(_fieldCount), "a quoted field is not closed before the end of the file");
    }

    private string? FieldColumnName(int index) => index >= 0 && index < _columns.Length ? _columns[index].Name : null;

    private static string Display(ReadOnlySpan<byte> field)
    {
        const int MaxShown = 60;
        var text = System.Text.Encoding.UTF8.GetString(field);
        return text.Length <= MaxShown ? text : string.Concat(text.AsSpan(0, MaxShown), "…");
    }

    private static string Describe(byte b) => b is >= 0x20 and < 0x7F ? $"'{(char)b}'" : $"byte 0x{b:X2}";

    private enum RecordStatus : byte
    {
        Complete,
        NeedMore,
        EndOfData,
    }
}
