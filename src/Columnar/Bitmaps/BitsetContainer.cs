using System.Buffers.Binary;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Olap.Columnar.Bitmaps;

/// <summary>One bit per value in 1024 words: the form for dense slices with many runs.</summary>
internal sealed class BitsetContainer : Container
{
    private readonly ulong[] _words;
    private readonly int _cardinality;

    /// <param name="words">1024 words, owned by the container from now on.</param>
    /// <param name="cardinality">The number of set bits, which the caller has counted.</param>
    public BitsetContainer(ulong[] words, int cardinality)
    {
        _words = words;
        _cardinality = cardinality;
    }

    public override ContainerKind Kind => ContainerKind.Bitset;

    public override int Cardinality => _cardinality;

    public override int PayloadSize => BitsetBytes;

    public override int HeaderCount => _cardinality;

    public override bool Contains(ushort value) => (_words[value >> 6] & (1UL << value)) != 0;

    public override int CopyTo(Span<int> destination, int high)
    {
        var words = _words;
        destination = destination[.._cardinality];
        var n = 0;
        for (var i = 0; i < words.Length; i++)
        {
            var w = words[i];
            var wordBase = high | (i << 6);
            while (w != 0)
            {
                destination[n++] = wordBase + BitOperations.TrailingZeroCount(w);
                w &= w - 1;
            }
        }

        return n;
    }

    public override void WritePayload(Span<byte> destination)
    {
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(_words.AsSpan()).CopyTo(destination);
            return;
        }

        for (var i = 0; i < _words.Length; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(destination[(8 * i)..], _words[i]);
        }
    }

    public override void SetIn(Span<ulong> words) => TensorPrimitives.BitwiseOr(words, _words, words);

    public override void ClearIn(Span<ulong> words)
    {
        var mine = _words;
        for (var i = 0; i < words.Length; i++)
        {
            words[i] &= ~mine[i];
        }
    }

    public override void IntersectIn(Span<ulong> words) => TensorPrimitives.BitwiseAnd(words, _words, words);

    public override void OrInto(int lo, int hi, Span<ulong> bits, int shift)
    {
        var first = lo >> 6;
        var last = (hi - 1) >> 6;
        var firstMask = ulong.MaxValue << lo;
        var lastMask = ulong.MaxValue >> (63 - ((hi - 1) & 63));
        var source = _words.AsSpan(first, last - first + 1);

        if ((shift & 63) == 0)
        {
            // Word-aligned windows (the usual case: vector-sized windows at multiples of 64) OR whole words.
            // The first word lands at index >= 0 because bits below lo are masked away and shift is a multiple of 64.
            var target = bits.Slice(first + (shift >> 6), source.Length);
            if (source.Length == 1)
            {
                target[0] |= source[0] & firstMask & lastMask;
                return;
            }

            target[0] |= source[0] & firstMask;
            var middle = source.Length - 2;
            TensorPrimitives.BitwiseOr(target.Slice(1, middle), source.Slice(1, middle), target.Slice(1, middle));
            target[^1] |= source[^1] & lastMask;
            return;
        }

        // Unaligned: each source word straddles two target words. The target index may be -1 for the first
        // word, but then its low part only holds masked-away bits below lo.
        var offset = shift & 63;
        var back = 64 - offset;
        var index = ((first << 6) + shift) >> 6;
        for (var i = 0; i < source.Length; i++, index++)
        {
            var w = source[i];
            if (i == 0)
            {
                w &= firstMask;
            }

            if (i == source.Length - 1)
            {
                w &= lastMask;
            }

            if (w == 0)
            {
                continue;
            }

            if (index >= 0)
            {
                bits[index] |= w << offset;
            }

            var carry = w >> back;
            if (carry != 0)
            {
                bits[index + 1] |= carry;
            }
        }
    }

    public override bool ContentEquals(Container other) =>
        other is BitsetContainer bitset && _words.AsSpan().SequenceEqual(bitset._words);

    /// <summary>Reads 1024 words from an 8192-byte payload, checking the declared cardinality against the bits.</summary>
    public static ulong[] Read(ReadOnlySpan<byte> payload, int cardinality, int index)
    {
        var words = new ulong[BitsetWords];
        if (BitConverter.IsLittleEndian)
        {
            payload.CopyTo(MemoryMarshal.AsBytes(words.AsSpan()));
        }
        else
        {
            for (var i = 0; i < words.Length; i++)
            {
                words[i] = BinaryPrimitives.ReadUInt64LittleEndian(payload[(8 * i)..]);
            }
        }

        var actual = (int)TensorPrimitives.PopCount<ulong>(words);
        if (actual != cardinality)
        {
            throw Malformed($"container {index} claims {cardinality} values but its bitset holds {actual}");
        }

        return words;
    }
}
