using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Olap.Columnar.Encoding;

/// <summary>
/// Reads an encoder's payload with a bounds check on every section, so a damaged payload ends in an
/// <see cref="InvalidDataException"/> that says what was wrong, never an index error or wrong data.
/// </summary>
public ref struct PayloadReader
{
    private readonly ReadOnlySpan<byte> _payload;
    private readonly string _what;

    public PayloadReader(ReadOnlySpan<byte> payload, string what)
    {
        _payload = payload;
        _what = what;
    }

    public int Position { get; private set; }

    /// <summary>The whole payload, for sections located with <see cref="Skip"/>.</summary>
    public readonly ReadOnlySpan<byte> Span => _payload;

    public readonly int Remaining => _payload.Length - Position;

    public T Read<T>()
        where T : unmanaged
    {
        var size = Unsafe.SizeOf<T>();
        Require(size, "a header field");
        var value = MemoryMarshal.Read<T>(_payload.Slice(Position, size));
        Position += size;
        return value;
    }

    /// <summary>Skips <paramref name="length"/> bytes and returns the offset where they start.</summary>
    public int Skip(int length, string section)
    {
        if (length < 0)
        {
            throw Corrupt($"{section} has a negative length ({length})");
        }

        Require(length, section);
        var start = Position;
        Position += length;
        return start;
    }

    public void Align(int alignment)
    {
        var padding = (alignment - (Position % alignment)) % alignment;
        Require(padding, "alignment padding");
        Position += padding;
    }

    /// <summary>Reads a count and checks it lies in [0, <paramref name="max"/>].</summary>
    public int ReadCount(string field, long max)
    {
        var value = Read<int>();
        if (value < 0 || value > max)
        {
            throw Corrupt($"{field} is {value}, outside 0..{max}");
        }

        return value;
    }

    public readonly InvalidDataException Corrupt(string problem) => new($"{_what} payload: {problem}.");

    private readonly void Require(int length, string section)
    {
        if (length > Remaining)
        {
            throw Corrupt($"{section} needs {length} bytes at offset {Position} but only {Remaining} remain (truncated)");
        }
    }
}
