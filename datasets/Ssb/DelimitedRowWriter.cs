using System.Globalization;

namespace Olap.Datasets.Ssb;

/// <summary>
/// Formats rows as ASCII into a reusable byte buffer, in dbgen's '|' layout or as CSV. A field is written in
/// pieces (BeginField, Append…, EndField) so composite values such as 'MFGR#1221' or 'January 1, 1992' need no
/// temporary string; in CSV a finished field is quoted in place when it turned out to need it.
/// </summary>
internal sealed class DelimitedRowWriter
{
    private readonly SsbFileFormat _format;
    private byte[] _buffer;
    private int _length;
    private int _fieldStart;
    private bool _rowStarted;

    public DelimitedRowWriter(SsbFileFormat format, int capacity)
    {
        _format = format;
        _buffer = new byte[capacity];
    }

    public int Length => _length;

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    public void Clear() => _length = 0;

    public void WriteTo(Stream output)
    {
        output.Write(_buffer, 0, _length);
        _length = 0;
    }

    public void Header(IReadOnlyList<string> columns)
    {
        foreach (var column in columns)
        {
            Field(column);
        }

        EndRow();
    }

    public void Field(long value)
    {
        BeginField();
        Append(value);
        EndField();
    }

    public void Field(ReadOnlySpan<char> value)
    {
        BeginField();
        Append(value);
        EndField();
    }

    /// <summary>dbgen writes the date table's flags as 0 and 1.</summary>
    public void Field(bool flag) => Field(flag ? 1 : 0);

    public void BeginField()
    {
        if (_format == SsbFileFormat.Csv && _rowStarted)
        {
            Put((byte)',');
        }

        _rowStarted = true;
        _fieldStart = _length;
    }

    public void Append(char value) => Put((byte)value);

    public void Append(ReadOnlySpan<char> value)
    {
        Ensure(value.Length);
        var target = _buffer.AsSpan(_length, value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            target[i] = (byte)value[i];
        }

        _length += value.Length;
    }

    /// <summary>Appends a non-negative integer, zero-padded to at least <paramref name="minDigits"/> digits ('%09ld' in dbgen).</summary>
    public void Append(long value, int minDigits = 0)
    {
        Ensure(20);
        value.TryFormat(_buffer.AsSpan(_length), out var written, minDigits switch
        {
            0 => default,
            3 => "D3",
            4 => "D4",
            9 => "D9",
            _ => throw new ArgumentOutOfRangeException(nameof(minDigits)),
        }, CultureInfo.InvariantCulture);
        _length += written;
    }

    public void EndField()
    {
        if (_format == SsbFileFormat.Tbl)
        {
            Put((byte)'|');
        }
        else
        {
            QuoteIfNeeded();
        }
    }

    public void EndRow()
    {
        Put((byte)'\n');
        _rowStarted = false;
    }

    private void QuoteIfNeeded()
    {
        var field = _buffer.AsSpan(_fieldStart, _length - _fieldStart);
        if (field.IndexOfAny((byte)',', (byte)'"', (byte)'\n') < 0 && field.IndexOf((byte)'\r') < 0)
        {
            return;
        }

        var quotes = field.Count((byte)'"');
        var grown = field.Length + quotes + 2;
        Ensure(quotes + 2);
        field = _buffer.AsSpan(_fieldStart, _length - _fieldStart);
        var target = _buffer.AsSpan(_fieldStart, grown);

        // Walk backwards so the shift never overwrites bytes not yet moved.
        var to = grown - 1;
        target[to--] = (byte)'"';
        for (var from = field.Length - 1; from >= 0; from--)
        {
            target[to--] = field[from];
            if (field[from] == (byte)'"')
            {
                target[to--] = (byte)'"';
            }
        }

        target[to] = (byte)'"';
        _length = _fieldStart + grown;
    }

    private void Put(byte value)
    {
        Ensure(1);
        _buffer[_length++] = value;
    }

    private void Ensure(int more)
    {
        if (_length + more > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + more));
        }
    }
}
