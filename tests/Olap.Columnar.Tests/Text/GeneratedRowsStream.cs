using System.Buffers.Text;

namespace Olap.Columnar.Tests.Text;

/// <summary>
/// A read-only, non-seekable stream of <c>i|name-i|i.25|</c> lines for i = 0 .. rows - 1, produced as it is read, so
/// a test can feed millions of rows through a reader without a file or the text in memory.
/// </summary>
internal sealed class GeneratedRowsStream(long rows) : Stream
{
    private readonly byte[] _line = new byte[64];
    private int _lineLength;
    private int _linePosition;
    private long _next;

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
        var written = 0;
        while (written < buffer.Length)
        {
            if (_linePosition == _lineLength)
            {
                if (_next == rows)
                {
                    break;
                }

                FormatLine(_next++);
            }

            var take = Math.Min(buffer.Length - written, _lineLength - _linePosition);
            _line.AsSpan(_linePosition, take).CopyTo(buffer[written..]);
            _linePosition += take;
            written += take;
        }

        return written;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private void FormatLine(long i)
    {
        var line = _line.AsSpan();
        Utf8Formatter.TryFormat(i, line, out var length);
        var position = length;
        "|name-"u8.CopyTo(line[position..]);
        position += 6;
        Utf8Formatter.TryFormat(i, line[position..], out length);
        position += length;
        line[position++] = (byte)'|';
        Utf8Formatter.TryFormat(i, line[position..], out length);
        position += length;
        ".25|\n"u8.CopyTo(line[position..]);
        _lineLength = position + 5;
        _linePosition = 0;
    }
}
