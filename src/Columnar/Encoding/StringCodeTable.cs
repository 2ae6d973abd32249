using System.IO.Hashing;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Olap.Columnar.Encoding;

/// <summary>
/// Numbers the distinct strings of one vector in order of first appearance, each entry held as the row that first had
/// it: an open-addressing table with the hash kept beside the row, so most probes compare one number, not bytes.
/// </summary>
internal sealed class StringCodeTable
{
    private readonly ulong[] _slotHashes;
    private readonly int[] _slotCodes;
    private readonly int[] _rows;
    private readonly int _shift;

    public StringCodeTable(int maxEntries)
    {
        var capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, maxEntries * 2));
        _slotHashes = new ulong[capacity];
        _slotCodes = new int[capacity];
        _rows = new int[Math.Max(1, maxEntries)];
        _shift = 64 - BitOperations.Log2((uint)capacity);
    }

    public int Count { get; private set; }

    /// <summary>The first row of each entry: entry k has code k.</summary>
    public ReadOnlySpan<int> Rows => _rows.AsSpan(0, Count);

    /// <summary>Short strings (most dictionary candidates) hash from two overlapping word loads; longer ones by XXH3.</summary>
    private static ulong Hash(ReadOnlySpan<byte> value)
    {
        var length = value.Length;
        ulong a, b;
        if (length > 16)
        {
            return XxHash3.HashToUInt64(value);
        }

        ref var first = ref MemoryMarshal.GetReference(value);
        if (length >= 8)
        {
            a = Unsafe.ReadUnaligned<ulong>(ref first);
            b = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref first, length - 8));
        }
        else if (length >= 4)
        {
            a = Unsafe.ReadUnaligned<uint>(ref first);
            b = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref first, length - 4));
        }
        else
        {
            a = length == 0 ? 0UL : first | ((ulong)Unsafe.Add(ref first, length >> 1) << 8) | ((ulong)Unsafe.Add(ref first, length - 1) << 16);
            b = 0;
        }

        var mixed = (a * 0x9E3779B97F4A7C15UL) ^ BitOperations.RotateLeft((b + (ulong)length) * 0xC2B2AE3D27D4EB4FUL, 31);
        return mixed ^ (mixed >> 29);
    }

    public int GetOrAdd(ReadOnlySpan<byte> value, int row, ReadOnlySpan<int> offsets, ReadOnlySpan<byte> heap, out bool added)
    {
        var hash = Hash(value);
        var mask = _slotCodes.Length - 1;
        var slot = (int)((hash * 0x9E3779B97F4A7C15UL) >> _shift);
        while (true)
        {
            var code = _slotCodes[slot] - 1;
            if (code < 0)
            {
                code = Count++;
                _slotHashes[slot] = hash;
                _slotCodes[slot] = code + 1;
                _rows[code] = row;
                added = true;
                return code;
            }

            if (_slotHashes[slot] == hash)
            {
                var first = _rows[code];
                if (value.SequenceEqual(heap[offsets[first]..offsets[first + 1]]))
                {
                    added = false;
                    return code;
                }
            }

            slot = (slot + 1) & mask;
        }
    }
}
