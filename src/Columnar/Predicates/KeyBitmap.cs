using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Olap.Columnar.Predicates;

/// <summary>
/// A set of integer keys as one bit per value of [<see cref="Min"/>, <see cref="Max"/>]: the semi-join filter a hash
/// join's build side hands to the probe-side scan. Dimension keys are dense integers, so the bitmap of a filtered
/// dimension (8,027 of 200,000 parts) is a few KiB to tens of KiB and stays in cache, where the join's own table does
/// not; a fact row whose key is not in it is dropped before the other columns reach the join.
/// </summary>
public sealed class KeyBitmap
{
    /// <summary>Widest key range a bitmap may cover (8 MiB of bits); wider ranges are left to the join's table.</summary>
    public const long MaxRange = 1L << 26;

    // One extra zero word at the end: keys outside the range are clamped onto it, so membership needs no branch.
    private readonly ulong[] _words;
    private readonly ulong _outside;

    /// <summary>The set of <paramref name="keys"/>, all of which must lie in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public KeyBitmap(long min, long max, ReadOnlySpan<long> keys)
    {
        if (max < min || (ulong)(max - min) >= (ulong)MaxRange)
        {
            throw new ArgumentOutOfRangeException(nameof(max), $"A key bitmap covers 1 to {MaxRange} values, not [{min}, {max}].");
        }

        Min = min;
        Max = max;
        var range = (ulong)(max - min) + 1;
        _outside = (range + 63) & ~63UL;
        _words = new ulong[(_outside >> 6) + 1];
        var count = 0L;
        foreach (var key in keys)
        {
            var offset = (ulong)(key - min);
            if (offset >= range)
            {
                throw new ArgumentOutOfRangeException(nameof(keys), $"Key {key} is outside [{min}, {max}].");
            }

            ref var word = ref _words[offset >> 6];
            var bit = 1UL << (int)(offset & 63);
            count += (word & bit) == 0 ? 1 : 0;
            word |= bit;
        }

        Count = count;
    }

    public long Min { get; }

    public long Max { get; }

    /// <summary>Distinct keys in the set.</summary>
    public long Count { get; }

    /// <summary>Bytes of the bitmap, for EXPLAIN ANALYZE.</summary>
    public long MemoryBytes => (long)_words.Length * sizeof(ulong);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Contains(long key) => Bit(key) != 0;

    /// <summary>Clears bit i of <paramref name="bits"/> where value i is not in the set; bits already clear stay clear.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Filter(ReadOnlySpan<int> values, Span<ulong> bits)
    {
        // The vector path computes 32-bit offsets from Min: the range must lie within int's.
        var gather = Avx2.IsSupported && Min >= int.MinValue && Max <= int.MaxValue;
        for (var w = 0; w < bits.Length; w++)
        {
            var live = bits[w];
            if (live == 0)
            {
                continue;
            }

            var baseRow = w << 6;
            if (baseRow + 64 <= values.Length && BitOperations.PopCount(live) >= 8)
            {
                // Many live rows: test all 64 at once (8 gathers of 8 bitmap words) rather than one by one.
                bits[w] = live & (gather ? Block64Avx2(values.Slice(baseRow, 64)) : Block64(values.Slice(baseRow, 64)));
                continue;
            }

            // Few live rows (after other filters): test only those.
            var result = live;
            while (live != 0)
            {
                var j = BitOperations.TrailingZeroCount(live);
                live &= live - 1;
                result &= ~((Bit(values[baseRow + j]) ^ 1) << j);
            }

            bits[w] = result;
        }
    }

    private ulong Block64(ReadOnlySpan<int> block)
    {
        var kept = 0UL;
        for (var j = 0; j < 64; j++)
        {
            kept |= Bit(block[j]) << j;
        }

        return kept;
    }

    /// <summary>
    /// Membership of 64 values as bits. Per 8 values: offset = value - Min, clamped onto the spare zero word; gather
    /// the 32-bit bitmap words at offset / 32; shift each right by offset % 32; the low bits become the mask.
    /// </summary>
    private unsafe ulong Block64Avx2(ReadOnlySpan<int> block)
    {
        var min = Vector256.Create((int)Min);
        var outside = Vector256.Create((uint)_outside);
        var low5 = Vector256.Create(31u);
        var one = Vector256<uint>.One;
        var kept = 0UL;
        fixed (ulong* words = _words)
        fixed (int* start = block)
        {
            var words32 = (int*)words;
            for (var j = 0; j < 64; j += 8)
            {
                var offset = Vector256.Min((Avx.LoadVector256(start + j) - min).AsUInt32(), outside);
                var word = Avx2.GatherVector256(words32, (offset >> 5).AsInt32(), 4).AsUInt32();
                var bit = Avx2.ShiftRightLogicalVariable(word, offset & low5) & one;
                var mask = (uint)Avx.MoveMask(Vector256.Equals(bit, one).AsSingle());
                kept |= (ulong)mask << j;
            }
        }

        return kept;
    }

    /// <summary>As <see cref="Filter(ReadOnlySpan{int}, Span{ulong})"/> for 64-bit keys.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Filter(ReadOnlySpan<long> values, Span<ulong> bits)
    {
        for (var w = 0; w < bits.Length; w++)
        {
            var live = bits[w];
            var baseRow = w << 6;
            var result = live;
            while (live != 0)
            {
                var j = BitOperations.TrailingZeroCount(live);
                live &= live - 1;
                result &= ~((Bit(values[baseRow + j]) ^ 1) << j);
            }

            bits[w] = result;
        }
    }

    /// <summary>1 when <paramref name="key"/> is in the set, else 0; keys outside the range read the spare zero word.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong Bit(long key)
    {
        var offset = Math.Min((ulong)(key - Min), _outside);
        return (Unsafe.Add(ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(_words), (nint)(offset >> 6)) >> (int)(offset & 63)) & 1;
    }

    public override string ToString() => $"key bitmap of {Count} keys in [{Min}, {Max}]";
}
