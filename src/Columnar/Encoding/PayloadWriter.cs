using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Olap.Columnar.Encoding;

/// <summary>
/// A growable little-endian byte buffer an encoder writes its payload into. Sections that are read in place
/// (plain values, bit-packed words) are aligned with <see cref="Align"/>; the payload itself starts 64-byte aligned in a file.
/// Reused from chunk to chunk by <see cref="Reset"/>.
/// </summary>
public sealed class PayloadWriter
{
    private byte[] _buffer;

    public PayloadWriter(int capacity = 64 * 1024) => _buffer = new byte[capacity];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, Length);

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, Length);

    public void Reset() => Length = 0;

    public void Write<T>(T value)
        where T : unmanaged
    {
        var span = GetSpan(Unsafe.SizeOf<T>());
        MemoryMarshal.Write(span, in value);
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes) => bytes.CopyTo(GetSpan(bytes.Length));

    public void WriteValues<T>(ReadOnlySpan<T> values)
        where T : unmanaged
        => WriteBytes(MemoryMarshal.AsBytes(values));

    /// <summary>Pads with zeros until <see cref="Length"/> is a multiple of <paramref name="alignment"/>.</summary>
    public void Align(int alignment)
    {
        var padding = (alignment - (Length % alignment)) % alignment;
        GetSpan(padding).Clear();
    }

    /// <summary>Reserves <paramref name="length"/> bytes at the end and returns them to fill.</summary>
    public Span<byte> GetSpan(int length)
    {
        if (Length + length > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + length));
        }

        var span = _buffer.AsSpan(Length, length);
        Length += length;
        return span;
    }

    /// <summary>Overwrites a value written earlier, for headers whose contents are known only later.</summary>
    public void WriteAt<T>(int position, T value)
        where T : unmanaged
        => MemoryMarshal.Write(_buffer.AsSpan(position, Unsafe.SizeOf<T>()), in value);
}
