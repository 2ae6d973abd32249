using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Olap.Columnar.Kernels;

/// <summary>
/// Range filter <c>lo &lt;= x &lt;= hi</c> over values into a bitmap: bit i of the output
/// (<c>bits[i &gt;&gt; 6] &gt;&gt; (i &amp; 63)</c>) is 1 when value i is in range.
/// </summary>
/// <remarks>
/// One unsigned compare per value: <c>(x - lo) &lt;=unsigned (hi - lo)</c>, because values below
/// <c>lo</c> wrap around to large numbers. Each path builds whole 64-bit words from the compare masks.
/// The per-width paths are internal so tests can run every one of them on any machine
/// (Vector512 and Vector256 fall back to software when not accelerated).
/// </remarks>
[SkipLocalsInit]
public static class RangeKernel
{
    /// <summary>
    /// Sets bit i of <paramref name="bits"/> when <c>lo &lt;= values[i] &lt;= hi</c>, else clears it.
    /// Writes <c>(values.Length + 63) / 64</c> words; bits past the last value are 0.
    /// <c>lo &gt; hi</c> matches nothing.
    /// </summary>
    public static void Between(ReadOnlySpan<uint> values, uint lo, uint hi, Span<ulong> bits)
    {
        var words = WordCount(values.Length);
        if (bits.Length < words)
        {
            throw new ArgumentException($"bits needs {words} words for {values.Length} values.", nameof(bits));
        }

        if (lo > hi)
        {
            bits[..words].Clear();
            return;
        }

        BetweenUnchecked(values, lo, hi - lo, bits);
    }

    /// <summary>The 64-bit counterpart of <see cref="Between(ReadOnlySpan{uint}, uint, uint, Span{ulong})"/>.</summary>
    public static void Between(ReadOnlySpan<ulong> values, ulong lo, ulong hi, Span<ulong> bits)
    {
        var words = WordCount(values.Length);
        if (bits.Length < words)
        {
            throw new ArgumentException($"bits needs {words} words for {values.Length} values.", nameof(bits));
        }

        if (lo > hi)
        {
            bits[..words].Clear();
            return;
        }

        BetweenUnchecked(values, lo, hi - lo, bits);
    }

    /// <summary>Arguments already checked: <paramref name="range"/> is hi - lo with lo &lt;= hi.</summary>
    internal static void BetweenUnchecked(ReadOnlySpan<uint> values, uint lo, uint range, Span<ulong> bits)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            BetweenVector512(values, lo, range, bits);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            BetweenVector256(values, lo, range, bits);
        }
        else
        {
            BetweenScalar(values, lo, range, 0, bits);
        }
    }

    /// <summary>Arguments already checked: <paramref name="range"/> is hi - lo with lo &lt;= hi.</summary>
    internal static void BetweenUnchecked(ReadOnlySpan<ulong> values, ulong lo, ulong range, Span<ulong> bits)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            BetweenVector512(values, lo, range, bits);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            BetweenVector256(values, lo, range, bits);
        }
        else
        {
            BetweenScalar(values, lo, range, 0, bits);
        }
    }

    internal static int WordCount(int count) => (int)(((uint)count + 63) >> 6);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void BetweenVector512(ReadOnlySpan<uint> values, uint lo, uint range, Span<ulong> bits)
    {
        ref var src = ref MemoryMarshal.GetReference(values);
        ref var dst = ref MemoryMarshal.GetReference(bits);
        var vLo = Vector512.Create(lo);
        var vRange = Vector512.Create(range);
        var full = values.Length >> 6;
        for (nuint w = 0; w < (nuint)full; w++)
        {
            var i = w << 6;
            ulong m0 = Vector512.LessThanOrEqual(Vector512.LoadUnsafe(ref src, i) - vLo, vRange).ExtractMostSignificantBits();
            ulong m1 = Vector512.LessThanOrEqual(Vector512.LoadUnsafe(ref src, i + 16) - vLo, vRange).ExtractMostSignificantBits();
            ulong m2 = Vector512.LessThanOrEqual(Vector512.LoadUnsafe(ref src, i + 32) - vLo, vRange).ExtractMostSignificantBits();
            ulong m3 = Vector512.LessThanOrEqual(Vector512.LoadUnsafe(ref src, i + 48) - vLo, vRange).ExtractMostSignificantBits();
            Unsafe.Add(ref dst, w) = m0 | (m1 << 16) | (m2 << 32) | (m3 << 48);
        }

        BetweenScalar(values, lo, range, full, bits);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void BetweenVector256(ReadOnlySpan<uint> values, uint lo, uint range, Span<ulong> bits)
    {
        ref var src = ref MemoryMarshal.GetReference(values);
        ref var dst = ref MemoryMarshal.GetReference(bits);
        var vLo = Vector256.Create(lo);
        var vRange = Vector256.Create(range);
        var full = values.Length >> 6;
        for (nuint w = 0; w < (nuint)full; w++)
        {
            var i = w << 6;
            Unsafe.Add(ref dst, w) =
                InRange8(ref src, i, vLo, vRange)
                | (InRange8(ref src, i + 8, vLo, vRange) << 8)
                | (InRange8(ref src, i + 16, vLo, vRange) << 16)
                | (InRange8(ref src, i + 24, vLo, vRange) << 24)
                | (InRange8(ref src, i + 32, vLo, vRange) << 32)
                | (InRange8(ref src, i + 40, vLo, vRange) << 40)
                | (InRange8(ref src, i + 48, vLo, vRange) << 48)
                | (InRange8(ref src, i + 56, vLo, vRange) << 56);
        }

        BetweenScalar(values, lo, range, full, bits);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong InRange8(ref uint src, nuint i, Vector256<uint> vLo, Vector256<uint> vRange)
    {
        // AVX2 has no unsigned compare; d <=u range is min(d, range) == d (vpminud + vpcmpeqd),
        // two instructions instead of the sign-flip emulation.
        var d = Vector256.LoadUnsafe(ref src, i) - vLo;
        return Vector256.Equals(Vector256.Min(d, vRange), d).ExtractMostSignificantBits();
    }

    /// <summary>Fills words from <paramref name="firstWord"/> on, including the partial last word.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void BetweenScalar(ReadOnlySpan<uint> values, uint lo, uint range, int firstWord, Span<ulong> bits)
    {
        var words = WordCount(values.Length);
        for (var w = firstWord; w < words; w++)
        {
            var begin = w << 6;
            var end = Math.Min(begin + 64, values.Length);
            ulong word = 0;
            for (var i = begin; i < end; i++)
            {
                word |= (values[i] - lo <= range ? 1UL : 0UL) << (i - begin);
            }

            bits[w] = word;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void BetweenVector512(ReadOnlySpan<ulong> values, ulong lo, ulong range, Span<ulong> bits)
    {
        ref var src = ref MemoryMarshal.GetReference(values);
        ref var dst = ref MemoryMarshal.GetReference(bits);
        var vLo = Vector512.Create(lo);
        var vRange = Vector512.Create(range);
        var full = values.Length >> 6;
        for (nuint w = 0; w < (nuint)full; w++)
        {
            var i = w << 6;
            ulong word = 0;
            for (var k = 0; k < 8; k++)
            {
                var d = Vector512.LoadUnsafe(ref src, i + (nuint)(k * 8)) - vLo;
                word |= Vector512.LessThanOrEqual(d, vRange).ExtractMostSignificantBits() << (k * 8);
            }

            Unsafe.Add(ref dst, w) = word;
        }

        BetweenScalar(values, lo, range, full, bits);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void BetweenVector256(ReadOnlySpan<ulong> values, ulong lo, ulong range, Span<ulong> bits)
    {
        ref var src = ref MemoryMarshal.GetReference(values);
        ref var dst = ref MemoryMarshal.GetReference(bits);
        var vLo = Vector256.Create(lo);
        var vRange = Vector256.Create(range);
        var full = values.Length >> 6;
        for (nuint w = 0; w < (nuint)full; w++)
        {
            var i = w << 6;
            ulong word = 0;
            for (var k = 0; k < 16; k++)
            {
                var d = Vector256.LoadUnsafe(ref src, i + (nuint)(k * 4)) - vLo;
                word |= (ulong)Vector256.LessThanOrEqual(d, vRange).ExtractMostSignificantBits() << (k * 4);
            }

            Unsafe.Add(ref dst, w) = word;
        }

        BetweenScalar(values, lo, range, full, bits);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void BetweenScalar(ReadOnlySpan<ulong> values, ulong lo, ulong range, int firstWord, Span<ulong> bits)
    {
        var words = WordCount(values.Length);
        for (var w = firstWord; w < words; w++)
        {
            var begin = w << 6;
            var end = Math.Min(begin + 64, values.Length);
            ulong word = 0;
            for (var i = begin; i < end; i++)
            {
                word |= (values[i] - lo <= range ? 1UL : 0UL) << (i - begin);
            }

            bits[w] = word;
        }
    }
}
