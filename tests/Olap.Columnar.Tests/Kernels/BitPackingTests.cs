using CsCheck;
using Olap.Columnar.Kernels;

namespace Olap.Columnar.Tests.Kernels;

public sealed class BitPackingTests
{
    // Over 2 * 1024 values so the fused filters cross several unpack blocks.
    private const int MaxValues = 2200;

    public static TheoryData<int> AllWidths() => Widths(64);

    public static TheoryData<int> NarrowWidths() => Widths(32);

    [Theory]
    [InlineData(0UL, 0)]
    [InlineData(1UL, 1)]
    [InlineData(2UL, 2)]
    [InlineData(3UL, 2)]
    [InlineData(255UL, 8)]
    [InlineData(256UL, 9)]
    [InlineData(uint.MaxValue, 32)]
    [InlineData(1UL << 32, 33)]
    [InlineData(ulong.MaxValue, 64)]
    public void BitWidth_is_the_number_of_significant_bits(ulong maxValue, int expected)
    {
        Assert.Equal(expected, BitPacking.BitWidth(maxValue));
    }

    [Fact]
    public void PackedByteCount_is_the_data_bytes_rounded_up_plus_eight_bytes_of_padding()
    {
        Gen.Select(Gen.Int[0, 100_000], Gen.Int[0, 64]).Sample((count, width) =>
        {
            var bytes = BitPacking.PackedByteCount(count, width);
            Assert.Equal((((long)count * width) + 7) / 8 + 8, bytes);
            // The padding covers an 8-byte load at the byte holding the last value's first bit.
            if (count > 0)
            {
                Assert.True(((long)(count - 1) * width / 8) + 8 <= bytes);
            }
        }, iter: 1000);
    }

    [Fact]
    public void PackedByteCount_rejects_widths_outside_0_to_64_and_negative_counts()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BitPacking.PackedByteCount(10, 65));
        Assert.Throws<ArgumentOutOfRangeException>(() => BitPacking.PackedByteCount(10, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => BitPacking.PackedByteCount(-1, 8));
        Assert.Throws<ArgumentOutOfRangeException>(() => BitPacking.PackedByteCount(int.MaxValue, 64));
    }

    [Theory]
    [MemberData(nameof(AllWidths))]
    public void Pack_puts_value_i_at_bits_i_times_width_and_writes_exactly_PackedByteCount_bytes(int width)
    {
        Values(width).Sample(values =>
        {
            var total = BitPacking.PackedByteCount(values.Length, width);
            var output = new byte[total + 16];
            output.AsSpan().Fill(0xA5);

            BitPacking.Pack(values, width, output);

            Assert.Equal(NaivePack(values, width), output[..total]);
            Assert.All(output[total..], b => Assert.Equal(0xA5, b));
        }, iter: 10);
    }

    [Fact]
    public void Pack_rejects_an_output_shorter_than_PackedByteCount()
    {
        var values = new ulong[] { 1, 2, 3 };
        Assert.Throws<ArgumentException>(() => BitPacking.Pack(values, 2, new byte[BitPacking.PackedByteCount(3, 2) - 1]));
    }

    public static TheoryData<int> SelectableWidths() => Widths(56);

    [Theory]
    [MemberData(nameof(SelectableWidths))]
    public void UnpackSelected_writes_the_selected_values_plus_the_frame_and_leaves_the_others(int width)
    {
        Cases(width).SelectMany(c => Gen.ULong.Array[(c.Count + 63) / 64].Select(selected => (c, selected))).Sample(pair =>
        {
            var (c, selected) = pair;
            using var packed = PackGuarded(c.Values, width);
            const ulong frame = 0x0123_4567_89AB_CDEF;
            var wide = new ulong[c.Count + 1];
            wide.AsSpan().Fill(7);
            BitPacking.UnpackSelected(packed.Span, width, c.Start, c.Count, selected, frame, wide.AsSpan(0, c.Count));

            for (var i = 0; i < c.Count; i++)
            {
                var chosen = (selected[i >> 6] & (1UL << (i & 63))) != 0;
                Assert.Equal(chosen ? unchecked(frame + c.Values[c.Start + i]) : 7UL, wide[i]);
            }

            Assert.Equal(7UL, wide[^1]); // bits past the count select nothing
            if (width <= 32)
            {
                var narrow = new uint[c.Count];
                BitPacking.UnpackSelected(packed.Span, width, c.Start, c.Count, selected, frame, narrow);
                for (var i = 0; i < c.Count; i++)
                {
                    var chosen = (selected[i >> 6] & (1UL << (i & 63))) != 0;
                    Assert.Equal(chosen ? unchecked((uint)(frame + c.Values[c.Start + i])) : 0U, narrow[i]);
                }
            }
        });
    }

    [Fact]
    public void UnpackSelected_refuses_widths_past_56_and_short_selections()
    {
        var packed = new byte[BitPacking.PackedByteCount(100, 60)];
        Assert.Throws<ArgumentOutOfRangeException>(() => BitPacking.UnpackSelected(packed, 60, 0, 100, new ulong[2], 0, new ulong[100]));
        Assert.Throws<ArgumentException>(() => BitPacking.UnpackSelected(packed, 8, 0, 100, new ulong[1], 0, new ulong[100]));
    }

    [Theory]
    [MemberData(nameof(AllWidths))]
    public void Unpack_returns_the_packed_values_of_any_subrange(int width)
    {
        Cases(width).Sample(c =>
        {
            using var packed = PackGuarded(c.Values, width);
            var expected = c.Values[c.Start..(c.Start + c.Count)];

            var wide = new ulong[c.Count];
            BitPacking.Unpack(packed.Span, width, c.Start, c.Count, wide);
            Assert.Equal(expected, wide);

            var scalar = new ulong[c.Count];
            BitPacking.UnpackScalar(packed.Span, width, c.Start, c.Count, scalar);
            Assert.Equal(expected, scalar);

            if (width <= 32)
            {
                var narrow = new uint[c.Count + 1];
                narrow[^1] = 0xDEADBEEF;
                BitPacking.Unpack(packed.Span, width, c.Start, c.Count, narrow);
                for (var i = 0; i < c.Count; i++)
                {
                    Assert.Equal(expected[i], narrow[i]);
                }

                Assert.Equal(0xDEADBEEF, narrow[^1]);
            }
        }, iter: 40);
    }

    [Theory]
    [MemberData(nameof(AllWidths))]
    public void UnpackBetween_sets_exactly_the_bits_of_values_in_range(int width)
    {
        Gen.Select(Cases(width), Bounds(width)).Sample((c, bounds) =>
        {
            using var packed = PackGuarded(c.Values, width);
            var (lo, hi) = bounds;
            var expected = NaiveBits(c.Values.AsSpan(c.Start, c.Count), v => lo <= v && v <= hi);

            var bits = Garbage(expected.Length + 1);
            BitPacking.UnpackBetween(packed.Span, width, c.Start, c.Count, lo, hi, bits);
            Assert.Equal(expected, bits[..expected.Length]);
            Assert.Equal(ulong.MaxValue, bits[^1]);

            if (width <= 32 && hi <= uint.MaxValue)
            {
                bits = Garbage(expected.Length);
                BitPacking.UnpackBetween(packed.Span, width, c.Start, c.Count, (uint)lo, (uint)hi, bits);
                Assert.Equal(expected, bits);
            }
        }, iter: 25);
    }

    [Theory]
    [MemberData(nameof(NarrowWidths))]
    public void UnpackLookup_sets_the_bits_of_codes_whose_entry_matches(int width)
    {
        var tableLength = Gen.Int[0, (int)Math.Min(3000UL, Max(width) + 2)];
        var matches = tableLength.SelectMany(n => Gen.Bool.Array[n]);
        Gen.Select(Cases(width), matches).Sample((c, table) =>
        {
            using var packed = PackGuarded(c.Values, width);
            var expected = NaiveBits(c.Values.AsSpan(c.Start, c.Count), v => v < (ulong)table.Length && table[v]);

            var bits = Garbage(expected.Length);
            BitPacking.UnpackLookup(packed.Span, width, c.Start, c.Count, table, bits);
            Assert.Equal(expected, bits);
        }, iter: 40);
    }

    [Fact]
    public void Every_lookup_path_matches_codes_inside_the_table_and_never_codes_past_it()
    {
        var table = Gen.Int[0, 300].SelectMany(n => Gen.Bool.Array[n]);
        var codes = Gen.Frequency((3, Gen.UInt[0, 310]), (1, Gen.UInt)).Array[0, 300];
        Gen.Select(table, codes).Sample((matches, values) =>
        {
            var expected = NaiveBits(values.Select(v => (ulong)v).ToArray(), v => v < (ulong)matches.Length && matches[v]);

            var bits = Garbage(expected.Length);
            BitPacking.LookupScalar(values, matches, 0, bits);
            Assert.Equal(expected, bits);

            if (System.Runtime.Intrinsics.X86.Avx2.IsSupported)
            {
                bits = Garbage(expected.Length);
                BitPacking.LookupAvx2(values, matches, bits);
                Assert.Equal(expected, bits);
            }
        }, iter: 300);
    }

    [Fact]
    public void Unpack_at_block_aligned_starts_matches_the_scalar_path_for_long_runs()
    {
        // Long runs at aligned starts keep most values on the SIMD group path.
        for (var width = 1; width <= 32; width++)
        {
            var values = new ulong[4099];
            var random = new Random(width);
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = (ulong)random.NextInt64() & Max(width);
            }

            using var packed = PackGuarded(values, width);
            foreach (var start in new[] { 0, 8, 1024, 2048 })
            {
                var count = values.Length - start;
                var output = new uint[count];
                BitPacking.Unpack(packed.Span, width, start, count, output);
                Assert.Equal(values[start..].Select(v => (uint)v).ToArray(), output);
            }
        }
    }

    [Fact]
    public void Unpack_rejects_a_buffer_too_short_for_the_requested_values()
    {
        var packed = new byte[BitPacking.PackedByteCount(100, 7)];
        Assert.Throws<ArgumentException>(() => BitPacking.Unpack(packed, 7, 90, 11, new uint[11]));
        Assert.Throws<ArgumentException>(() => BitPacking.Unpack(packed.AsSpan(0, packed.Length - 1), 7, 0, 100, new ulong[100]));
        Assert.Throws<ArgumentException>(() => BitPacking.UnpackBetween(packed, 7, 0, 101, 0u, 5u, new ulong[2]));
        Assert.Throws<ArgumentException>(() => BitPacking.UnpackLookup(packed, 7, 1, 100, new bool[3], new ulong[2]));
    }

    [Fact]
    public void Unpack_rejects_widths_outside_the_overload_range_and_short_outputs()
    {
        var packed = new byte[BitPacking.PackedByteCount(10, 64)];
        Assert.Throws<ArgumentOutOfRangeException>(() => BitPacking.Unpack(packed, 33, 0, 10, new uint[10]));
        Assert.Throws<ArgumentOutOfRangeException>(() => BitPacking.Unpack(packed, 65, 0, 10, new ulong[10]));
        Assert.Throws<ArgumentOutOfRangeException>(() => BitPacking.UnpackBetween(packed, 33, 0, 10, 0u, 1u, new ulong[1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => BitPacking.UnpackLookup(packed, 33, 0, 10, new bool[2], new ulong[1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => BitPacking.Unpack(packed, 8, -1, 1, new uint[1]));
        Assert.Throws<ArgumentException>(() => BitPacking.Unpack(packed, 8, 0, 10, new uint[9]));
        Assert.Throws<ArgumentException>(() => BitPacking.UnpackBetween(packed, 8, 0, 65, 0u, 1u, new ulong[1]));
    }

    private readonly record struct Case(ulong[] Values, int Start, int Count);

    private static TheoryData<int> Widths(int max)
    {
        var data = new TheoryData<int>();
        for (var w = 0; w <= max; w++)
        {
            data.Add(w);
        }

        return data;
    }

    private static ulong Max(int width) => width == 0 ? 0 : ulong.MaxValue >> (64 - width);

    /// <summary>Random values with plenty of 0 and all-ones, sometimes all of them all-ones.</summary>
    private static Gen<ulong[]> Values(int width)
    {
        var max = Max(width);
        var value = Gen.Frequency((4, Gen.ULong[0, max]), (1, Gen.Const(max)), (1, Gen.Const(0UL)));
        var length = Gen.Frequency((3, Gen.Int[0, 80]), (2, Gen.Int[0, MaxValues]));
        return Gen.Frequency(
            (5, length.SelectMany(n => value.Array[n])),
            (1, length.Select(n => Enumerable.Repeat(max, n).ToArray())));
    }

    /// <summary>A sub-range [start, start + count): aligned and unaligned starts, counts 0, 1 and odd sizes.</summary>
    private static Gen<Case> Cases(int width) =>
        Values(width).SelectMany(values =>
        {
            var n = values.Length;
            var start = Gen.Frequency(
                (2, Gen.Int[0, n]),
                (2, Gen.Int[0, n / 8].Select(g => g * 8)),
                (1, Gen.Const(0)));
            return start.SelectMany(s =>
            {
                var rest = n - s;
                var count = Gen.Frequency(
                    (1, Gen.Const(0)),
                    (1, Gen.Const(Math.Min(1, rest))),
                    (1, Gen.Const(rest)),
                    (4, Gen.Int[0, rest]));
                return count.Select(k => new Case(values, s, k));
            });
        });

    /// <summary>lo/hi pairs including lo &gt; hi, lo = 0, hi = max, hi past max and single values.</summary>
    private static Gen<(ulong Lo, ulong Hi)> Bounds(int width)
    {
        var max = Max(width);
        var any = Gen.ULong[0, max];
        return Gen.Frequency(
            (4, Gen.Select(any, any)),
            (1, any.Select(hi => (0UL, hi))),
            (1, any.Select(lo => (lo, max))),
            (1, Gen.Const((0UL, max))),
            (1, any.Select(v => (v, v))),
            (1, any.Select(lo => (lo, ulong.MaxValue))),
            (1, any.Select(v => v == ulong.MaxValue ? (v, 0UL) : (v + 1, v))));
    }

    private static GuardedBuffer PackGuarded(ulong[] values, int width)
    {
        var packed = new byte[BitPacking.PackedByteCount(values.Length, width)];
        BitPacking.Pack(values, width, packed);
        return new GuardedBuffer(packed);
    }

    private static byte[] NaivePack(ulong[] values, int width)
    {
        var bytes = new byte[((((long)values.Length * width) + 7) / 8) + 8];
        for (var i = 0; i < values.Length; i++)
        {
            for (var b = 0; b < width; b++)
            {
                if (((values[i] >> b) & 1) != 0)
                {
                    var bit = ((long)i * width) + b;
                    bytes[bit >> 3] |= (byte)(1 << (int)(bit & 7));
                }
            }
        }

        return bytes;
    }

    private static ulong[] NaiveBits(ReadOnlySpan<ulong> values, Func<ulong, bool> predicate)
    {
        var bits = new ulong[(values.Length + 63) / 64];
        for (var i = 0; i < values.Length; i++)
        {
            if (predicate(values[i]))
            {
                bits[i >> 6] |= 1UL << (i & 63);
            }
        }

        return bits;
    }

    private static ulong[] Garbage(int words)
    {
        var bits = new ulong[words];
        bits.AsSpan().Fill(ulong.MaxValue);
        return bits;
    }
}
