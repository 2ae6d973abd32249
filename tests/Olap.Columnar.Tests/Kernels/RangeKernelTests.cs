using CsCheck;
using Olap.Columnar.Kernels;

namespace Olap.Columnar.Tests.Kernels;

public sealed class RangeKernelTests
{
    private delegate void Kernel32(ReadOnlySpan<uint> values, uint lo, uint hi, Span<ulong> bits);

    private delegate void Kernel64(ReadOnlySpan<ulong> values, ulong lo, ulong hi, Span<ulong> bits);

    // Every path, whatever this machine accelerates: Vector512 and Vector256 run in software when not.
    private static readonly (string Name, Kernel32 Run)[] s_kernels32 =
    [
        ("public", RangeKernel.Between),
        ("Vector512", (v, lo, hi, b) => RangeKernel.BetweenVector512(v, lo, hi - lo, b)),
        ("Vector256", (v, lo, hi, b) => RangeKernel.BetweenVector256(v, lo, hi - lo, b)),
        ("scalar", (v, lo, hi, b) => RangeKernel.BetweenScalar(v, lo, hi - lo, 0, b)),
    ];

    private static readonly (string Name, Kernel64 Run)[] s_kernels64 =
    [
        ("public", RangeKernel.Between),
        ("Vector512", (v, lo, hi, b) => RangeKernel.BetweenVector512(v, lo, hi - lo, b)),
        ("Vector256", (v, lo, hi, b) => RangeKernel.BetweenVector256(v, lo, hi - lo, b)),
        ("scalar", (v, lo, hi, b) => RangeKernel.BetweenScalar(v, lo, hi - lo, 0, b)),
    ];

    private static readonly Gen<int> s_length = Gen.Frequency((8, Gen.Int[0, 200]), (1, Gen.Const(4096)));

    [Fact]
    public void Every_path_equals_a_naive_filter_for_lengths_0_to_200_and_4096()
    {
        // Small domains make ranges hit often; the full domain exercises wrap-around below lo.
        var domain = Gen.OneOf(Gen.Const(uint.MaxValue), Gen.Const(1000u), Gen.Const(3u));
        var cases = domain.SelectMany(max =>
            Gen.Select(s_length.SelectMany(n => Gen.UInt[0, max].Array[n]), Gen.UInt[0, max], Gen.UInt[0, max]));
        cases.Sample((values, a, b) =>
        {
            var (lo, hi) = (Math.Min(a, b), Math.Max(a, b));
            var expected = Naive(values, v => lo <= v && v <= hi);
            foreach (var (name, run) in s_kernels32)
            {
                var bits = new ulong[expected.Length];
                run(values, lo, hi, bits);
                Assert.True(expected.AsSpan().SequenceEqual(bits), $"{name} path, {values.Length} values, [{lo}, {hi}]");
            }
        }, iter: 150);
    }

    [Fact]
    public void Every_64_bit_path_equals_a_naive_filter_for_lengths_0_to_200_and_4096()
    {
        var domain = Gen.OneOf(Gen.Const(ulong.MaxValue), Gen.Const(1000UL));
        var cases = domain.SelectMany(max =>
            Gen.Select(s_length.SelectMany(n => Gen.ULong[0, max].Array[n]), Gen.ULong[0, max], Gen.ULong[0, max]));
        cases.Sample((values, a, b) =>
        {
            var (lo, hi) = (Math.Min(a, b), Math.Max(a, b));
            var expected = Naive(values, v => lo <= v && v <= hi);
            foreach (var (name, run) in s_kernels64)
            {
                var bits = new ulong[expected.Length];
                run(values, lo, hi, bits);
                Assert.True(expected.AsSpan().SequenceEqual(bits), $"{name} path, {values.Length} values, [{lo}, {hi}]");
            }
        }, iter: 100);
    }

    [Fact]
    public void Every_length_from_0_to_200_fills_whole_words_and_clears_bits_past_the_end()
    {
        for (var n = 0; n <= 200; n++)
        {
            var values = new uint[n];
            for (var i = 0; i < n; i++)
            {
                values[i] = (uint)i;
            }

            foreach (var (name, run) in s_kernels32)
            {
                var bits = new ulong[((n + 63) / 64) + 1];
                bits.AsSpan().Fill(ulong.MaxValue);
                run(values, 0, uint.MaxValue, bits);
                Assert.True(Naive(values, _ => true).AsSpan().SequenceEqual(bits.AsSpan(0, bits.Length - 1)), $"{name} path, {n} values");
                Assert.Equal(ulong.MaxValue, bits[^1]);
            }
        }
    }

    [Fact]
    public void Lo_above_hi_matches_nothing()
    {
        var values = Enumerable.Range(0, 300).Select(i => (uint)i).ToArray();
        var bits = Enumerable.Repeat(ulong.MaxValue, 5).ToArray();
        RangeKernel.Between(values, 10, 9, bits);
        Assert.All(bits, w => Assert.Equal(0UL, w));

        var wide = values.Select(v => (ulong)v).ToArray();
        bits = Enumerable.Repeat(ulong.MaxValue, 5).ToArray();
        RangeKernel.Between(wide, ulong.MaxValue, 0, bits);
        Assert.All(bits, w => Assert.Equal(0UL, w));
    }

    [Fact]
    public void Values_below_lo_do_not_wrap_into_the_range()
    {
        uint[] values = [0, 4, 5, 6, 7, uint.MaxValue];
        var bits = new ulong[1];
        RangeKernel.Between(values, 5, 6, bits);
        Assert.Equal(0b001100UL, bits[0]);
    }

    [Fact]
    public void Between_rejects_a_bitmap_with_too_few_words()
    {
        Assert.Throws<ArgumentException>(() => RangeKernel.Between(new uint[65], 0u, 1u, new ulong[1]));
        Assert.Throws<ArgumentException>(() => RangeKernel.Between(new ulong[1], 0UL, 1UL, Span<ulong>.Empty));
    }

    private static ulong[] Naive<T>(T[] values, Func<T, bool> predicate)
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
}
