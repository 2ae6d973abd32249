using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Olap.Columnar.Kernels;

/// <summary>
/// Fixed-width bit packing: value i occupies bits <c>[i*w, (i+1)*w)</c> of a little-endian bit stream,
/// followed by <see cref="PaddingBytes"/> zero bytes so every reader may load 8 bytes at the byte
/// holding a value's first bit without a bounds check per value.
/// </summary>
/// <remarks>
/// Unpacking to 32-bit lanes works on groups of 8 values: a group of 8 always starts on a byte
/// boundary (8 * w bits), so where each value sits inside its group depends only on w and one shuffle
/// control per width serves every group. Values before the first whole group, after the last one,
/// or too close to the end of the buffer for 16-byte loads go through the scalar path.
/// The loads read the stream as little-endian words, so the kernels assume a little-endian machine.
/// </remarks>
[SkipLocalsInit]
public static unsafe class BitPacking
{
    /// <summary>Zero bytes after the last value; one unaligned 64-bit load past any value's first byte stays inside.</summary>
    public const int PaddingBytes = 8;

    /// <summary>Values unpacked per block by the fused filters: 4 KiB of uint stays in L1 between unpack and compare.</summary>
    private const int BlockValues = 1024;

    /// <summary>Per width 0..32: shuffle A (32 bytes), shuffle B (32), shift counts A (8 uint), shift counts B (8 uint).</summary>
    private const int TableStride = 128;

    private static readonly byte[] s_groupTables = BuildGroupTables();

    /// <summary>Bit width needed for values 0..maxValue (0 for maxValue == 0).</summary>
    public static int BitWidth(ulong maxValue) => 64 - BitOperations.LeadingZeroCount(maxValue);

    /// <summary>
    /// Bytes <see cref="Pack"/> writes for <paramref name="count"/> values of <paramref name="bitWidth"/> bits,
    /// including <see cref="PaddingBytes"/> bytes of zero padding at the end.
    /// </summary>
    public static int PackedByteCount(int count, int bitWidth)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        CheckWidth(bitWidth, 64);
        var bytes = DataBytes(count, bitWidth) + PaddingBytes;
        if (bytes > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"{count} values of {bitWidth} bits exceed 2 GiB.");
        }

        return (int)bytes;
    }

    /// <summary>
    /// Packs <paramref name="values"/> (each must fit in <paramref name="bitWidth"/> bits) LSB-first into
    /// <paramref name="output"/>, writing exactly <see cref="PackedByteCount"/> bytes with the padding zeroed.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Pack(ReadOnlySpan<ulong> values, int bitWidth, Span<byte> output)
    {
        var total = PackedByteCount(values.Length, bitWidth);
        if (output.Length < total)
        {
            throw new ArgumentException($"output needs {total} bytes, has {output.Length}.", nameof(output));
        }

        ref var dst = ref MemoryMarshal.GetReference(output);
        nuint pos = 0;
        ulong acc = 0;
        var filled = 0;
        if (bitWidth > 0)
        {
            foreach (var v in values)
            {
                acc |= v << filled;
                filled += bitWidth;
                if (filled >= 64)
                {
                    Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, pos), acc);
                    pos += 8;
                    filled -= 64;
                    // The high bits of v that did not fit. Split in two shifts because the remaining
                    // count is 64 when filled == 0 and bitWidth == 64, and C# masks shift counts to 6 bits.
                    acc = (v >> 1) >> (bitWidth - filled - 1);
                }
            }
        }

        // At least 8 bytes remain (the partial word plus the padding), so the whole accumulator fits.
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, pos), acc);
        output[((int)pos + 8)..total].Clear();
    }

    /// <summary>Unpacks values [start, start + count) of 0..32 bits into <paramref name="output"/>.</summary>
    public static void Unpack(ReadOnlySpan<byte> packed, int bitWidth, int start, int count, Span<uint> output)
    {
        CheckUnpack(packed, bitWidth, 32, start, count);
        CheckOutput(output.Length, count);
        if (bitWidth == 32)
        {
            // Whole little-endian words: a copy.
            MemoryMarshal.Cast<byte, uint>(packed.Slice(start * 4, count * 4)).CopyTo(output);
            return;
        }

        UnpackNarrow(packed, bitWidth, start, count, ref MemoryMarshal.GetReference(output));
    }

    /// <summary>Unpacks values [start, start + count) of 0..64 bits into <paramref name="output"/>.</summary>
    public static void Unpack(ReadOnlySpan<byte> packed, int bitWidth, int start, int count, Span<ulong> output)
    {
        CheckUnpack(packed, bitWidth, 64, start, count);
        CheckOutput(output.Length, count);
        if (bitWidth <= 32)
        {
            UnpackNarrow(packed, bitWidth, start, count, ref MemoryMarshal.GetReference(output));
        }
        else if (bitWidth == 64)
        {
            MemoryMarshal.Cast<byte, ulong>(packed.Slice(start * 8, count * 8)).CopyTo(output);
        }
        else
        {
            UnpackScalar(packed, bitWidth, start, count, ref MemoryMarshal.GetReference(output));
        }
    }

    /// <summary>
    /// Sets bit i of <paramref name="bits"/> when value <c>start + i</c> lies in [lo, hi], else clears it.
    /// Writes <c>(count + 63) / 64</c> words; bits past <paramref name="count"/> are 0. Widths 0..32.
    /// </summary>
    public static void UnpackBetween(ReadOnlySpan<byte> packed, int bitWidth, int start, int count, uint lo, uint hi, Span<ulong> bits)
    {
        CheckUnpack(packed, bitWidth, 32, start, count);
        bits = Words(bits, count);
        BetweenNarrow(packed, bitWidth, start, count, lo, hi, bits);
    }

    /// <summary>The 64-bit counterpart of the 32-bit <c>UnpackBetween</c>; widths 0..64.</summary>
    public static void UnpackBetween(ReadOnlySpan<byte> packed, int bitWidth, int start, int count, ulong lo, ulong hi, Span<ulong> bits)
    {
        CheckUnpack(packed, bitWidth, 64, start, count);
        bits = Words(bits, count);
        var max = MaxValue(bitWidth);
        if (bitWidth <= 32)
        {
            // Every value fits in 32 bits, so the range clipped to 0..max gives the same answer on the faster path.
            if (lo > hi || lo > max)
            {
                bits.Clear();
                return;
            }

            BetweenNarrow(packed, bitWidth, start, count, (uint)lo, (uint)Math.Min(hi, max), bits);
            return;
        }

        if (lo > hi || lo > max)
        {
            bits.Clear();
            return;
        }

        if (lo == 0 && hi >= max)
        {
            SetFirst(bits, count);
            return;
        }

        var raw = stackalloc ulong[(BlockValues / 2) + 8];
        var buffer = (ulong*)Align64(raw);
        for (var done = 0; done < count; done += BlockValues / 2)
        {
            var n = Math.Min(BlockValues / 2, count - done);
            UnpackScalar(packed, bitWidth, start + done, n, ref *buffer);
            RangeKernel.BetweenUnchecked(new ReadOnlySpan<ulong>(buffer, n), lo, hi - lo, bits[(done >> 6)..]);
        }
    }

    /// <summary>
    /// Sets bit i of <paramref name="bits"/> when <c>matches[value]</c> is true for value <c>start + i</c>;
    /// values at or past <c>matches.Length</c> do not match. Widths 0..32.
    /// </summary>
    public static void UnpackLookup(ReadOnlySpan<byte> packed, int bitWidth, int start, int count, ReadOnlySpan<bool> matches, Span<ulong> bits)
    {
        CheckUnpack(packed, bitWidth, 32, start, count);
        bits = Words(bits, count);
        if (bitWidth == 0)
        {
            if (!matches.IsEmpty && matches[0])
            {
                SetFirst(bits, count);
            }
            else
            {
                bits.Clear();
            }

            return;
        }

        var raw = stackalloc uint[BlockValues + 16];
        var buffer = (uint*)Align64(raw);
        for (var done = 0; done < count; done += BlockValues)
        {
            var n = Math.Min(BlockValues, count - done);
            UnpackNarrow(packed, bitWidth, start + done, n, ref *buffer);
            Lookup(new ReadOnlySpan<uint>(buffer, n), matches, bits[(done >> 6)..]);
        }
    }

    /// <summary>
    /// Unpacks only the values whose bit is set in <paramref name="selected"/> (bit i = value <c>start + i</c>), adding
    /// <paramref name="frame"/>, into <c>output[i]</c>; other outputs are left as they are. Widths 0..56: each value
    /// is one unaligned load, so a chunk with a few survivors costs a few loads instead of unpacking all its values.
    /// </summary>
    public static void UnpackSelected(ReadOnlySpan<byte> packed, int bitWidth, int start, int count, ReadOnlySpan<ulong> selected, ulong frame, Span<ulong> output)
    {
        CheckUnpack(packed, bitWidth, 56, start, count);
        UnpackSelectedCore(packed, bitWidth, start, count, selected, frame, output);
    }

    /// <summary>The 32-bit counterpart: values wrap to 32 bits after the frame is added (as a 32-bit column's decode does).</summary>
    public static void UnpackSelected(ReadOnlySpan<byte> packed, int bitWidth, int start, int count, ReadOnlySpan<ulong> selected, ulong frame, Span<uint> output)
    {
        CheckUnpack(packed, bitWidth, 32, start, count);
        UnpackSelectedCore(packed, bitWidth, start, count, selected, frame, output);
    }

    private static void UnpackSelectedCore<T>(ReadOnlySpan<byte> packed, int bitWidth, int start, int count, ReadOnlySpan<ulong> selected, ulong frame, Span<T> output)
        where T : unmanaged, IBinaryInteger<T>
    {
        CheckOutput(output.Length, count);
        CheckOutput(selected.Length * 64, count);
        ref var src = ref MemoryMarshal.GetReference(packed);
        var mask = MaxValue(bitWidth);
        var words = (count + 63) >> 6;
        for (var w = 0; w < words; w++)
        {
            var live = selected[w];
            if (w == words - 1 && (count & 63) != 0)
            {
                live &= (1UL << (count & 63)) - 1;
            }

            for (; live != 0; live &= live - 1)
            {
                var i = (w << 6) + BitOperations.TrailingZeroCount(live);
                var bit = (ulong)(start + i) * (ulong)bitWidth;
                var word = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref src, (nuint)(bit >> 3)));
                output[i] = T.CreateTruncating(frame + ((word >> (int)(bit & 7)) & mask));
            }
        }
    }

    /// <summary>Unpacks with the portable scalar loop only; the reference the SIMD paths are tested against.</summary>
    internal static void UnpackScalar(ReadOnlySpan<byte> packed, int bitWidth, int start, int count, Span<ulong> output)
    {
        CheckUnpack(packed, bitWidth, 64, start, count);
        CheckOutput(output.Length, count);
        UnpackScalar(packed, bitWidth, start, count, ref MemoryMarshal.GetReference(output));
    }

    private static void BetweenNarrow(ReadOnlySpan<byte> packed, int bitWidth, int start, int count, uint lo, uint hi, Span<ulong> bits)
    {
        var max = (uint)MaxValue(bitWidth);
        if (lo > hi || lo > max)
        {
            bits.Clear();
            return;
        }

        // Also covers width 0, where every value is 0.
        if (lo == 0 && hi >= max)
        {
            SetFirst(bits, count);
            return;
        }

        var raw = stackalloc uint[BlockValues + 16];
        var buffer = (uint*)Align64(raw);
        for (var done = 0; done < count; done += BlockValues)
        {
            var n = Math.Min(BlockValues, count - done);
            UnpackNarrow(packed, bitWidth, start + done, n, ref *buffer);
            RangeKernel.BetweenUnchecked(new ReadOnlySpan<uint>(buffer, n), lo, hi - lo, bits[(done >> 6)..]);
        }
    }

    /// <summary>Widths 0..32 into uint or ulong lanes; arguments already checked.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void UnpackNarrow<T>(ReadOnlySpan<byte> packed, int bitWidth, int start, int count, ref T dst)
        where T : unmanaged
    {
        var done = 0;
        if (Avx2.IsSupported && bitWidth > 0 && count >= 16)
        {
            done = (-start) & 7;
            UnpackScalar(packed, bitWidth, start, done, ref dst);
            done += 8 * UnpackGroupsAvx2(packed, bitWidth, (start + done) >> 3, (count - done) >> 3, ref Unsafe.Add(ref dst, done));
        }

        UnpackScalar(packed, bitWidth, start + done, count - done, ref Unsafe.Add(ref dst, done));
    }

    /// <summary>
    /// Unpacks whole groups of 8 values starting at group <paramref name="firstGroup"/>; returns how many
    /// groups it did, fewer than asked when the last ones sit too close to the end of the buffer.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int UnpackGroupsAvx2<T>(ReadOnlySpan<byte> packed, int bitWidth, int firstGroup, int groups, ref T dst)
        where T : unmanaged
    {
        // Values 0..3 of a group lie in its first 16 bytes, values 4..7 in the 16 bytes from byte 4w/8
        // (at most 4 + 4 * 32 bits); one 128-bit load per AVX2 lane, since vpshufb cannot cross lanes.
        var half = (nuint)((4 * bitWidth) >> 3);
        var room = (long)packed.Length - 16 - (long)half;
        if (room < 0)
        {
            return 0;
        }

        var safe = (int)Math.Clamp((room / bitWidth) - firstGroup + 1, 0, groups);

        ref var table = ref s_groupTables[bitWidth * TableStride];
        var shuffleA = Vector256.LoadUnsafe(ref table);
        var shuffleB = Vector256.LoadUnsafe(ref table, 32);
        var shiftA = Vector256.LoadUnsafe(ref table, 64).AsUInt32();
        var shiftB = Vector256.LoadUnsafe(ref table, 96).AsUInt32();
        var mask = Vector256.Create(uint.MaxValue >> (32 - bitWidth));

        ref var src = ref MemoryMarshal.GetReference(packed);
        var offset = (nuint)firstGroup * (nuint)bitWidth;
        var step = (nuint)bitWidth;
        nuint i = 0;
        var end = (nuint)safe * 8;
        if (bitWidth <= 25)
        {
            // 4 bytes from a value's first byte hold all of it (7 + 25 bits), one shuffle and one shift.
            for (; i < end; i += 8)
            {
                var bytes = Vector256.Create(Vector128.LoadUnsafe(ref src, offset), Vector128.LoadUnsafe(ref src, offset + half));
                var values = Avx2.ShiftRightLogicalVariable(Avx2.Shuffle(bytes, shuffleA).AsUInt32(), shiftA) & mask;
                Store8(values, ref dst, i);
                offset += step;
            }
        }
        else
        {
            // Up to 5 bytes: OR the window starting one byte later, shifted left by 8 - s.
            for (; i < end; i += 8)
            {
                var bytes = Vector256.Create(Vector128.LoadUnsafe(ref src, offset), Vector128.LoadUnsafe(ref src, offset + half));
                var low = Avx2.ShiftRightLogicalVariable(Avx2.Shuffle(bytes, shuffleA).AsUInt32(), shiftA);
                var high = Avx2.ShiftLeftLogicalVariable(Avx2.Shuffle(bytes, shuffleB).AsUInt32(), shiftB);
                Store8((low | high) & mask, ref dst, i);
                offset += step;
            }
        }

        return safe;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store8<T>(Vector256<uint> values, ref T dst, nuint i)
        where T : unmanaged
    {
        if (typeof(T) == typeof(uint))
        {
            values.StoreUnsafe(ref Unsafe.As<T, uint>(ref dst), i);
        }
        else
        {
            var (lower, upper) = Vector256.Widen(values);
            lower.StoreUnsafe(ref Unsafe.As<T, ulong>(ref dst), i);
            upper.StoreUnsafe(ref Unsafe.As<T, ulong>(ref dst), i + 4);
        }
    }

    /// <summary>One unaligned 64-bit load per value (two for widths over 56); any start, widths 0..64.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void UnpackScalar<T>(ReadOnlySpan<byte> packed, int bitWidth, int start, int count, ref T dst)
        where T : unmanaged
    {
        if (bitWidth == 0)
        {
            MemoryMarshal.CreateSpan(ref dst, count).Clear();
            return;
        }

        ref var src = ref MemoryMarshal.GetReference(packed);
        var mask = MaxValue(bitWidth);
        var step = (ulong)bitWidth;
        var bit = (ulong)start * step;
        if (bitWidth <= 56)
        {
            for (nuint i = 0; i < (nuint)count; i++)
            {
                var word = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref src, (nuint)(bit >> 3)));
                Store1((word >> (int)(bit & 7)) & mask, ref dst, i);
                bit += step;
            }
        }
        else
        {
            for (nuint i = 0; i < (nuint)count; i++)
            {
                var at = (nuint)(bit >> 3);
                var shift = (int)(bit & 7);
                var word = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref src, at));
                // The ninth byte holds the top bits when shift + width > 64; the padding keeps it in bounds.
                // (x << 1) << (63 - shift) instead of x << (64 - shift), which would not clear for shift == 0.
                ulong ninth = Unsafe.Add(ref src, at + 8);
                Store1(((word >> shift) | ((ninth << 1) << (63 - shift))) & mask, ref dst, i);
                bit += step;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store1<T>(ulong value, ref T dst, nuint i)
        where T : unmanaged
    {
        if (typeof(T) == typeof(uint))
        {
            Unsafe.Add(ref Unsafe.As<T, uint>(ref dst), i) = (uint)value;
        }
        else
        {
            Unsafe.Add(ref Unsafe.As<T, ulong>(ref dst), i) = value;
        }
    }

    /// <summary>Sets bit i when <c>matches[codes[i]]</c>; codes past the table do not match.</summary>
    internal static void Lookup(ReadOnlySpan<uint> codes, ReadOnlySpan<bool> matches, Span<ulong> bits)
    {
        if (Avx2.IsSupported)
        {
            LookupAvx2(codes, matches, bits);
        }
        else
        {
            LookupScalar(codes, matches, 0, bits);
        }
    }

    /// <summary>
    /// Gathers the 4 bytes at <c>min(code, length - 4)</c> and shifts the wanted one down, so every read
    /// stays inside the table; codes past the end shift by 32 and come out 0 without a branch.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void LookupAvx2(ReadOnlySpan<uint> codes, ReadOnlySpan<bool> matches, Span<ulong> bits)
    {
        // Tiny tables are copied into 8 zero-padded bytes: the gather needs at least 4, and the zeros
        // past the real length are non-matching like any other code past the end.
        var small = stackalloc bool[8];
        if (matches.Length < 8)
        {
            new Span<bool>(small, 8).Clear();
            matches.CopyTo(new Span<bool>(small, 8));
            matches = new ReadOnlySpan<bool>(small, 8);
        }

        fixed (bool* table = matches)
        {
            var last = Vector256.Create((uint)matches.Length - 4);
            var four = Vector256.Create(4u);
            var byteMask = Vector256.Create(0xFFu);
            ref var src = ref MemoryMarshal.GetReference(codes);
            var full = codes.Length >> 6;
            for (nuint w = 0; w < (nuint)full; w++)
            {
                ulong word = 0;
                for (nuint k = 0; k < 64; k += 8)
                {
                    var code = Vector256.LoadUnsafe(ref src, (w << 6) + k);
                    var at = Vector256.Min(code, last);
                    var shift = Vector256.Min(code - at, four) << 3;
                    var dword = Avx2.GatherVector256((int*)table, at.AsInt32(), 1).AsUInt32();
                    var entry = Avx2.ShiftRightLogicalVariable(dword, shift) & byteMask;
                    word |= (ulong)(~Vector256.Equals(entry, Vector256<uint>.Zero).ExtractMostSignificantBits() & 0xFF) << (int)k;
                }

                Unsafe.Add(ref MemoryMarshal.GetReference(bits), w) = word;
            }

            LookupScalar(codes, matches, full, bits);
        }
    }

    /// <summary>Fills words from <paramref name="firstWord"/> on, including the partial last word.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void LookupScalar(ReadOnlySpan<uint> codes, ReadOnlySpan<bool> matches, int firstWord, Span<ulong> bits)
    {
        if (matches.IsEmpty)
        {
            bits[firstWord..RangeKernel.WordCount(codes.Length)].Clear();
            return;
        }

        ref var table = ref Unsafe.As<bool, byte>(ref MemoryMarshal.GetReference(matches));
        var length = (uint)matches.Length;
        ref var src = ref MemoryMarshal.GetReference(codes);
        var words = RangeKernel.WordCount(codes.Length);
        for (var w = firstWord; w < words; w++)
        {
            var begin = w << 6;
            var n = Math.Min(64, codes.Length - begin);
            ulong word = 0;
            for (var j = 0; j < n; j++)
            {
                // Masks instead of a branch or Math.Min (which the JIT compiles to a branch): whether a
                // code is inside the table is data-dependent and would mispredict.
                var code = Unsafe.Add(ref src, begin + j);
                var inside = ((ulong)code - length) >> 63;
                var entry = Unsafe.Add(ref table, (nint)(code & (uint)(0 - inside)));
                word |= (NonZero(entry) & inside) << j;
            }

            bits[w] = word;
        }
    }

    /// <summary>1 for any non-zero byte (a bool need not be exactly 1), without a branch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong NonZero(byte value) => (uint)-value >> 31;

    private static byte[] BuildGroupTables()
    {
        var tables = new byte[33 * TableStride];
        for (var width = 1; width <= 32; width++)
        {
            var table = tables.AsSpan(width * TableStride, TableStride);
            var shiftA = MemoryMarshal.Cast<byte, uint>(table.Slice(64, 32));
            var shiftB = MemoryMarshal.Cast<byte, uint>(table.Slice(96, 32));
            var laneStartBit = (4 * width) & ~7;
            for (var j = 0; j < 8; j++)
            {
                var lane = j >> 2;
                var bitInLane = (j * width) - (lane * laneStartBit);
                var byteInLane = bitInLane >> 3;
                for (var k = 0; k < 4; k++)
                {
                    // Bytes past the lane are never part of the value (see UnpackGroupsAvx2); clamp them
                    // so vpshufb stays inside the lane rather than wrapping to its start.
                    table[(j * 4) + k] = (byte)Math.Min(byteInLane + k, 15);
                    table[32 + (j * 4) + k] = (byte)Math.Min(byteInLane + 1 + k, 15);
                }

                shiftA[j] = (uint)(bitInLane & 7);
                shiftB[j] = (uint)(8 - (bitInLane & 7));
            }
        }

        return tables;
    }

    private static void* Align64(void* pointer) => (void*)(((nuint)pointer + 63) & ~(nuint)63);

    private static ulong MaxValue(int bitWidth) => bitWidth == 0 ? 0 : ulong.MaxValue >> (64 - bitWidth);

    private static long DataBytes(long count, int bitWidth) => ((count * bitWidth) + 7) >> 3;

    /// <summary>Sets the first <paramref name="count"/> bits and clears the rest of the last word.</summary>
    private static void SetFirst(Span<ulong> bits, int count)
    {
        bits.Fill(ulong.MaxValue);
        if ((count & 63) != 0)
        {
            bits[^1] = (1UL << (count & 63)) - 1;
        }
    }

    private static Span<ulong> Words(Span<ulong> bits, int count)
    {
        var words = RangeKernel.WordCount(count);
        if (bits.Length < words)
        {
            throw new ArgumentException($"bits needs {words} words for {count} values, has {bits.Length}.", nameof(bits));
        }

        return bits[..words];
    }

    private static void CheckWidth(int bitWidth, int maxWidth)
    {
        if ((uint)bitWidth > (uint)maxWidth)
        {
            throw new ArgumentOutOfRangeException(nameof(bitWidth), bitWidth, $"Bit width must be 0..{maxWidth}.");
        }
    }

    private static void CheckOutput(int output, int count)
    {
        if (output < count)
        {
            throw new ArgumentException($"output holds {output} values, {count} requested.", nameof(output));
        }
    }

    /// <summary>The one up-front check that makes every later load in bounds.</summary>
    private static void CheckUnpack(ReadOnlySpan<byte> packed, int bitWidth, int maxWidth, int start, int count)
    {
        CheckWidth(bitWidth, maxWidth);
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var required = DataBytes((long)start + count, bitWidth) + PaddingBytes;
        if (packed.Length < required)
        {
            throw new ArgumentException(
                $"packed holds {packed.Length} bytes; values [{start}, {start + (long)count}) of {bitWidth} bits need {required}.",
                nameof(packed));
        }
    }
}
