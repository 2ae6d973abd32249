using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Olap.Columnar.Kernels;

/// <summary>
/// Range and set membership filters over flat values of any fixed-width element, writing one bit per value
/// (bit i of <c>bits[i &gt;&gt; 6]</c> for value i). Vector512, then Vector256, then scalar.
/// </summary>
public static class CompareKernels
{
    /// <summary>Sets bit i when <paramref name="low"/> ≤ value i ≤ <paramref name="high"/> (inverted when <paramref name="negated"/>); overwrites the words it covers and clears bits past the end.</summary>
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Between<T>(ReadOnlySpan<T> values, T low, T high, bool negated, Span<ulong> bits)
        where T : unmanaged, INumber<T>
    {
        var count = values.Length;
        var flip = negated ? ulong.MaxValue : 0UL;
        ref var start = ref MemoryMarshal.GetReference(values);
        var i = 0;
        if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported)
        {
            var lanes = Vector512<T>.Count;
            var vLow = Vector512.Create(low);
            var vHigh = Vector512.Create(high);
            for (; i + 64 <= count; i += 64)
            {
                ulong word = 0;
                for (var k = 0; k < 64; k += lanes)
                {
                    var v = Vector512.LoadUnsafe(ref start, (nuint)(i + k));
                    var match = Vector512.GreaterThanOrEqual(v, vLow) & Vector512.LessThanOrEqual(v, vHigh);
                    word |= match.ExtractMostSignificantBits() << k;
                }

                bits[i >> 6] = word ^ flip;
            }
        }
        else if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            var lanes = Vector256<T>.Count;
            var vLow = Vector256.Create(low);
            var vHigh = Vector256.Create(high);
            for (; i + 64 <= count; i += 64)
            {
                ulong word = 0;
                for (var k = 0; k < 64; k += lanes)
                {
                    var v = Vector256.LoadUnsafe(ref start, (nuint)(i + k));
                    var match = Vector256.GreaterThanOrEqual(v, vLow) & Vector256.LessThanOrEqual(v, vHigh);
                    word |= (ulong)match.ExtractMostSignificantBits() << k;
                }

                bits[i >> 6] = word ^ flip;
            }
        }

        for (; i < count; i += 64)
        {
            var end = Math.Min(64, count - i);
            ulong word = 0;
            for (var k = 0; k < end; k++)
            {
                var v = Unsafe.Add(ref start, i + k);
                if (v >= low && v <= high)
                {
                    word |= 1UL << k;
                }
            }

            word ^= flip;
            if (end < 64)
            {
                word &= (1UL << end) - 1;
            }

            bits[i >> 6] = word;
        }
    }

    /// <summary>Sets bit i when value i equals one of <paramref name="sortedSet"/> (ascending); overwrites the words it covers.</summary>
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void InSet<T>(ReadOnlySpan<T> values, ReadOnlySpan<T> sortedSet, Span<ulong> bits)
        where T : unmanaged, INumber<T>
    {
        var count = values.Length;
        var words = (count + 63) >> 6;
        bits[..words].Clear();
        if (sortedSet.Length <= 16)
        {
            // A short list is compared in full per value; the constants stay in registers.
            foreach (var candidate in sortedSet)
            {
                OrEqual(values, candidate, bits);
            }

            return;
        }

        for (var i = 0; i < count; i++)
        {
            if (sortedSet.BinarySearch(values[i]) >= 0)
            {
                bits[i >> 6] |= 1UL << (i & 63);
            }
        }
    }

    private static void OrEqual<T>(ReadOnlySpan<T> values, T candidate, Span<ulong> bits)
        where T : unmanaged, INumber<T>
    {
        var count = values.Length;
        ref var start = ref MemoryMarshal.GetReference(values);
        var i = 0;
        if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported)
        {
            var lanes = Vector512<T>.Count;
            var target = Vector512.Create(candidate);
            for (; i + 64 <= count; i += 64)
            {
                ulong word = 0;
                for (var k = 0; k < 64; k += lanes)
                {
                    word |= Vector512.Equals(Vector512.LoadUnsafe(ref start, (nuint)(i + k)), target).ExtractMostSignificantBits() << k;
                }

                bits[i >> 6] |= word;
            }
        }

        for (; i < count; i++)
        {
            if (Unsafe.Add(ref start, i) == candidate)
            {
                bits[i >> 6] |= 1UL << (i & 63);
            }
        }
    }
}
