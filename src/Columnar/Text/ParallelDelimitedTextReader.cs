using Olap.Columnar.Format;
using Olap.Columnar.Vectors;

namespace Olap.Columnar.Text;

/// <summary>
/// Reads a delimited file with several threads. The calling thread cuts the (decompressed) input into blocks of
/// whole lines and counts their line breaks; workers parse the blocks with a <see cref="DelimitedTextReader"/> each;
/// parsed blocks come back in file order, so rows, errors and their line numbers are exactly those of a sequential
/// read. A line break inside a quoted field would make a cut unsafe, so from the first block holding a quote
/// character on, the rest of the input is read by one sequential reader; with one thread that reader reads it all.
/// </summary>
public sealed class ParallelDelimitedTextReader : IDisposable
{
    private const byte LineFeed = (byte)'\n';

    private readonly Stream _stream;
    private readonly string _sourceName;
    private readonly IReadOnlyList<ColumnDefinition> _columns;
    private readonly DelimitedTextOptions _options;
    private readonly int _threads;
    private readonly int _blockBytes;
    private readonly Queue<Task<ParsedBlock>> _parsing = new();
    private DataChunk? _output;
    private byte[] _carry = [];
    private int _carryLength;
    private long _nextLine = 1;
    private bool _firstBlock = true;
    private bool _endOfInput;
    private DelimitedTextReader? _sequential;
    private DataChunk? _sequentialChunk;
    private bool _disposed;

    /// <param name="blockBytes">Bytes per parsed block; tests pass small ones so that records meet many cuts.</param>
    internal ParallelDelimitedTextReader(Stream stream, string sourceName, IReadOnlyList<ColumnDefinition> columns, DelimitedTextOptions? options, int threads, int blockBytes = 8 << 20)
    {
        _sourceName = sourceName;
        _columns = columns;
        _options = options ?? DelimitedTextOptions.Default;
        _threads = threads;
        _blockBytes = blockBytes;

        // A reader checks the options and columns up front, as the sequential reader would.
        using (new DelimitedTextReader(Stream.Null, sourceName, columns, _options, leaveOpen: true, 16, decompress: false))
        {
        }

        _stream = DelimitedTextReader.Decompressed(stream, sourceName, leaveOpen: false);
    }

    public IReadOnlyList<ColumnDefinition> Columns => _columns;

    /// <summary>Data rows returned so far.</summary>
    public long RowsRead { get; private set; }

    /// <summary>Opens a file (gzip by name or magic bytes) to be parsed by <paramref name="threads"/> threads.</summary>
    public static ParallelDelimitedTextReader Open(string path, IReadOnlyList<ColumnDefinition> columns, DelimitedTextOptions? options, int threads)
    {
        ArgumentNullException.ThrowIfNull(path);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        try
        {
            return new ParallelDelimitedTextReader(file, path, columns, options, threads);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The next rows in file order, as one chunk of any size whose vectors stay valid until the next call; false once
    /// the input is exhausted. A malformed record throws the <see cref="DelimitedTextException"/> a sequential read would.
    /// </summary>
    public bool Read(out DataChunk chunk)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        while (true)
        {
            if (_threads <= 1 && _sequential is null)
            {
                // One thread: no blocks to cut, the plain sequential reader over the whole input.
                _sequential = new DelimitedTextReader(_stream, _sourceName, _columns, _options, leaveOpen: false, 1 << 20, decompress: false);
                _sequentialChunk = _sequential.CreateChunk();
            }

            while (_parsing.Count < _threads + 1 && !_endOfInput && _sequential is null)
            {
                CutNextBlock();
            }

            // Blocks parsed in parallel come first: they precede what a sequential fallback reads.
            if (_parsing.TryDequeue(out var next))
            {
                var block = next.GetAwaiter().GetResult();
                if (block.Rows == 0)
                {
                    continue;
                }

                if (_output is null || _output.Capacity < block.Rows)
                {
                    _output = new DataChunk([.. _columns.Select(c => c.Type)], Math.Max(block.Rows, 2 * (_output?.Capacity ?? 0)));
                }

                for (var c = 0; c < block.Columns.Length; c++)
                {
                    block.Columns[c].ViewInto(_output.Columns[c]);
                }

                _output.SetCount(block.Rows);
                RowsRead += block.Rows;
                chunk = _output;
                return true;
            }

            if (_sequential is not null && _sequential.ReadChunk(_sequentialChunk!))
            {
                chunk = _sequentialChunk!;
                RowsRead += chunk.Count;
                return true;
            }

            chunk = _sequentialChunk ?? _output ?? new DataChunk([.. _columns.Select(c => c.Type)]);
            chunk.SetCount(0);
            return false;
        }
    }

    /// <summary>Reads the next block of whole lines and starts parsing it, or hands the rest to a sequential reader.</summary>
    private void CutNextBlock()
    {
        var buffer = new byte[Math.Max(_blockBytes, _carryLength * 2)];
        _carry.AsSpan(0, _carryLength).CopyTo(buffer);
        var length = _carryLength;
        _carryLength = 0;
        int cut;
        while (true)
        {
            var read = ReadFully(buffer.AsSpan(length));
            length += read;
            if (read == 0 || length == buffer.Length)
            {
                cut = buffer.AsSpan(0, length).LastIndexOf(LineFeed);
                if (read == 0)
                {
                    _endOfInput = true;
                    cut = length - 1; // the last line needs no line break
                    break;
                }

                if (cut >= 0)
                {
                    break;
                }

                // One line longer than the block: grow until it ends (the sequential reader bounds record length).
                Array.Resize(ref buffer, buffer.Length * 2);
            }
        }

        var blockLength = cut + 1;
        if (_options.Quote != '\0' && buffer.AsSpan(0, length).Contains((byte)_options.Quote))
        {
            // Quotes may hold line breaks, so no later cut is safe: one reader takes this block and all that follows.
            var rest = new PrefixedStream(buffer, length, _stream);
            _sequential = new DelimitedTextReader(rest, _sourceName, _columns, BlockOptions(), leaveOpen: false, 1 << 20, decompress: false) { LineNumber = _nextLine };
            _sequentialChunk = _sequential.CreateChunk();
            _firstBlock = false;
            return;
        }

        _carry = buffer;
        _carryLength = length - blockLength;
        if (_carryLength > 0)
        {
            // The next block starts with the bytes after the cut; keep them apart from the block being parsed.
            _carry = buffer.AsSpan(blockLength, _carryLength).ToArray();
        }

        var firstLine = _nextLine;
        _nextLine += buffer.AsSpan(0, blockLength).Count(LineFeed);
        var options = BlockOptions();
        _firstBlock = false;
        _parsing.Enqueue(Task.Run(() => Parse(buffer, blockLength, firstLine, options)));
    }

    /// <summary>Only the first block has the header.</summary>
    private DelimitedTextOptions BlockOptions() => _firstBlock ? _options : _options with { Header = false };

    private ParsedBlock Parse(byte[] block, int length, long firstLine, DelimitedTextOptions options)
    {
        using var reader = new DelimitedTextReader(new MemoryStream(block, 0, length, writable: false), _sourceName, _columns, options, leaveOpen: false, 1 << 20, decompress: false) { LineNumber = firstLine };
        var builders = OlapFileWriter.CreateBuilders(_columns);
        var chunk = reader.CreateChunk();
        while (reader.ReadChunk(chunk))
        {
            for (var c = 0; c < builders.Length; c++)
            {
                builders[c].AppendRange(chunk.Columns[c], 0, chunk.Count);
            }
        }

        return new ParsedBlock(builders, builders[0].Count);
    }

    private int ReadFully(Span<byte> target)
    {
        try
        {
            return _stream.ReadAtLeast(target, target.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException e)
        {
            throw new DelimitedTextException(_sourceName, _nextLine, null, $"the gzip data is not valid ({e.Message})", e);
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        while (_parsing.TryDequeue(out var pending))
        {
            try
            {
                pending.Wait();
            }
            catch (AggregateException)
            {
                // Abandoned: a parse error no longer matters.
            }
        }

        _sequential?.Dispose();
        _stream.Dispose();
    }

    private sealed record ParsedBlock(ColumnBuilder[] Columns, int Rows);

    /// <summary>Bytes already read, then the rest of the stream: what the sequential fallback reads.</summary>
    private sealed class PrefixedStream(byte[] prefix, int prefixLength, Stream rest) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_position < prefixLength)
            {
                var take = Math.Min(buffer.Length, prefixLength - _position);
                prefix.AsSpan(_position, take).CopyTo(buffer);
                _position += take;
                return take;
            }

            return rest.Read(buffer);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                rest.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
