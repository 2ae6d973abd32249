using Olap.Columnar.Predicates;

namespace Olap.Columnar.Tests.Predicates;

public sealed class KeyBitmapTests
{
    [Fact]
    public void Contains_exactly_the_keys_it_was_built_from()
    {
        var keys = new long[] { 100, 103, 164, 227, 100 };
        var bitmap = new KeyBitmap(100, 227, keys);

        Assert.Equal(4, bitmap.Count);
        for (long key = 90; key < 240; key++)
        {
            Assert.Equal(keys.Contains(key), bitmap.Contains(key));
        }
    }

    [Fact]
    public void Keys_far_outside_the_range_are_not_members()
    {
        var bitmap = new KeyBitmap(-5, 5, [-5, 0, 5]);

        Assert.False(bitmap.Contains(long.MinValue));
        Assert.False(bitmap.Contains(long.MaxValue));
        Assert.False(bitmap.Contains(-6));
        Assert.False(bitmap.Contains(6));
        Assert.True(bitmap.Contains(-5));
        Assert.True(bitmap.Contains(5));
    }

    [Fact]
    public void A_key_outside_the_declared_range_or_a_range_too_wide_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new KeyBitmap(0, 10, [11]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new KeyBitmap(0, KeyBitmap.MaxRange, [0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new KeyBitmap(5, 4, []));
    }

    [Theory]
    [InlineData(2048, 7)]
    [InlineData(2000, 8)]
    [InlineData(63, 9)]
    [InlineData(1, 10)]
    public void Filter_keeps_a_live_row_exactly_when_its_value_is_a_member(int count, int seed)
    {
        var random = new Random(seed);
        var members = Enumerable.Range(0, 300).Select(_ => (long)random.Next(1_000, 5_000)).ToArray();
        var bitmap = new KeyBitmap(members.Min(), members.Max(), members);
        var ints = Enumerable.Range(0, count).Select(_ => random.Next(0, 6_000)).ToArray();
        var longs = ints.Select(v => (long)v * (random.Next(2) == 0 ? 1 : -1)).ToArray();

        // Some words full, some partly live, some empty: both kernel paths and the skip.
        var words = (count + 63) / 64;
        var live = new ulong[words];
        for (var w = 0; w < words; w++)
        {
            live[w] = (w % 3) switch { 0 => ulong.MaxValue, 1 => (ulong)random.NextInt64() | 1, _ => 0 };
        }

        if (count % 64 != 0)
        {
            live[^1] &= (1UL << (count % 64)) - 1;
        }

        var intBits = (ulong[])live.Clone();
        bitmap.Filter(ints, intBits);
        var longBits = (ulong[])live.Clone();
        bitmap.Filter(longs, longBits);

        for (var i = 0; i < count; i++)
        {
            var wasLive = (live[i >> 6] >> (i & 63) & 1) != 0;
            Assert.Equal(wasLive && members.Contains(ints[i]), (intBits[i >> 6] >> (i & 63) & 1) != 0);
            Assert.Equal(wasLive && members.Contains(longs[i]), (longBits[i >> 6] >> (i & 63) & 1) != 0);
        }
    }
}
