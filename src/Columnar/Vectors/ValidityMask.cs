using System.Numerics;

namespace Olap.Columnar.Vectors;

/// <summary>
/// One bit per row, least significant bit first, 1 when the row holds a value and 0 when it is NULL.
/// A mask with no bits means every row is valid, so columns without NULLs pay nothing.
/// The bits may be owned or may reference a file's bytes in place.
/// </summary>
public sealed class ValidityMask
{
    private Memory<byte> _bits;
    private byte[]? _owned;

    /// <summary>True when no row is NULL (no bitmap is held).</summary>
    public bool AllValid => _bits.IsEmpty;

    /// <summary>The raw bits, empty when <see cref="AllValid"/>.</summary>
    public ReadOnlySpan<byte> Bits => _bits.Span;

    /// <summary>The memory behind <see cref="Bits"/>, for views that reference it.</summary>
    public Memory<byte> BitsMemory => _bits;

    public static int ByteCount(int rows) => (rows + 7) >> 3;

    public bool IsValid(int row)
    {
        var bits = _bits.Span;
        return bits.IsEmpty || (bits[row >> 3] & (1 << (row & 7))) != 0;
    }

    public void SetAllValid() => _bits = Memory<byte>.Empty;

    /// <summary>Makes the mask reference <paramref name="bits"/> (row 0 at bit 0) without copying.</summary>
    public void Reference(Memory<byte> bits) => _bits = bits;

    /// <summary>Copies rows [start, start + count) of <paramref name="source"/> into an owned mask.</summary>
    public void CopyFrom(ReadOnlySpan<byte> source, int start, int count)
    {
        if ((start & 7) == 0)
        {
            var bytes = ByteCount(count);
            var target = EnsureOwned(count);
            source.Slice(start >> 3, bytes).CopyTo(target);
            return;
        }

        var owned = EnsureOwned(count);
        owned.Clear();
        for (var i = 0; i < count; i++)
        {
            var row = start + i;
            if ((source[row >> 3] & (1 << (row & 7))) != 0)
            {
                owned[i >> 3] |= (byte)(1 << (i & 7));
            }
        }
    }

    /// <summary>Marks <paramref name="row"/> NULL, creating an all-valid bitmap for <paramref name="capacity"/> rows first if needed.</summary>
    public void SetInvalid(int row, int capacity)
    {
        if (_bits.IsEmpty)
        {
            EnsureOwned(capacity).Fill(0xFF);
        }

        _bits.Span[row >> 3] &= (byte)~(1 << (row & 7));
    }

    public void SetValid(int row)
    {
        if (!_bits.IsEmpty)
        {
            _bits.Span[row >> 3] |= (byte)(1 << (row & 7));
        }
    }

    /// <summary>Counts NULL rows among the first <paramref name="count"/>.</summary>
    public int CountNulls(int count)
    {
        var bits = _bits.Span;
        if (bits.IsEmpty)
        {
            return 0;
        }

        var valid = 0;
        var whole = count >> 3;
        var i = 0;
        for (; i + 8 <= whole; i += 8)
        {
            valid += BitOperations.PopCount(BitConverter.ToUInt64(bits.Slice(i, 8)));
        }

        for (; i < whole; i++)
        {
            valid += BitOperations.PopCount(bits[i]);
        }

        var tail = count & 7;
        if (tail != 0)
        {
            valid += BitOperations.PopCount((uint)(bits[whole] & ((1 << tail) - 1)));
        }

        return count - valid;
    }

    /// <summary>Clears in <paramref name="filter"/> (bit i = row i) every row that is NULL here.</summary>
    public void AndInto(Span<ulong> filter, int count)
    {
        var bits = _bits.Span;
        if (bits.IsEmpty)
        {
            return;
        }

        var words = (count + 63) >> 6;
        for (var w = 0; w < words; w++)
        {
            var offset = w << 3;
            ulong word;
            if (offset + 8 <= bits.Length)
            {
                word = BitConverter.ToUInt64(bits.Slice(offset, 8));
            }
            else
            {
                word = 0;
                for (var b = 0; offset + b < bits.Length; b++)
                {
                    word |= (ulong)bits[offset + b] << (8 * b);
                }
            }

            filter[w] &= word;
        }
    }

    private Span<byte> EnsureOwned(int rows)
    {
        var bytes = ByteCount(rows);
        if (_owned is null || _owned.Length < bytes)
        {
            _owned = new byte[Math.Max(bytes, ByteCount(VectorSize.Standard))];
        }

        _bits = _owned.AsMemory(0, bytes);
        return _bits.Span;
    }
}
