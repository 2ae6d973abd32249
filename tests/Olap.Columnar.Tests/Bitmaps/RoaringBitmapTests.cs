using System.Buffers.Binary;
using CsCheck;
using Olap.Columnar.Bitmaps;

namespace Olap.Columnar.Tests.Bitmaps;

public sealed class RoaringBitmapTests
{
    private const int Iterations = 30;

    /// <summary>A few scattered values: these make array containers.</summary>
    private static readonly Gen<int[]> s_sparse = Gen.Int[0, 300_000].Array[0, 300];

    /// <summary>Random values packed into one 65536 slice: bitset containers once past 4096, arrays below.</summary>
    private static readonly Gen<int[]> s_dense =
        Gen.Select(Gen.Int[0, 4], Gen.Int[0, 65_535].Array[0, 12_000])
            .Select((key, lows) => Array.ConvertAll(lows, low => (key << 16) | low));

    /// <summary>Up to three long stretches, some crossing slice boundaries: run containers.</summary>
    private static readonly Gen<int[]> s_runs =
        Gen.Select(Gen.Int[0, 300_000], Gen.Int[1, 40_000]).Array[0, 3]
            .Select(ranges =>
            {
                var total = 0;
                foreach (var (_, length) in ranges)
                {
                    total += length;
                }

                var values = new int[total];
                var n = 0;
                foreach (var (start, length) in ranges)
                {
                    for (var v = start; v < start + length; v++)
                    {
                        values[n++] = v;
                    }
                }

                return values;
            });

    /// <summary>Any start, or a multiple of 64 as vector-sized scans use, which takes the word-aligned path.</summary>
    private static readonly Gen<int> s_windowStart = Gen.OneOf(Gen.Int[0, 330_000], Gen.Int[0, 5_000].Select(i => 64 * i));

    /// <summary>Any count, or a vector-sized one (2048 rows).</summary>
    private static readonly Gen<int> s_windowCount = Gen.OneOf(Gen.Int[0, 140_000], Gen.Int[0, 3_000], Gen.Const(2048));

    /// <summary>Sorted distinct values mixing all three shapes, so every pair of container kinds meets.</summary>
    private static readonly Gen<int[]> s_values = Gen.Select(s_sparse, s_dense, s_runs, (sparse, dense, runs) => SortedDistinct(sparse, dense, runs));

    private static int[] SortedDistinct(params int[][] parts)
    {
        var total = 0;
        foreach (var part in parts)
        {
            total += part.Length;
        }

        var values = new int[total];
        var n = 0;
        foreach (var part in parts)
        {
            part.CopyTo(values, n);
            n += part.Length;
        }

        Array.Sort(values);
        var distinct = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (distinct == 0 || values[i] != values[distinct - 1])
            {
                values[distinct++] = values[i];
            }
        }

        return values[..distinct];
    }

    /// <summary>The reference set operations: a merge of two sorted distinct arrays keeping what <paramref name="keep"/> says.</summary>
    private static int[] Merge(int[] a, int[] b, Func<bool, bool, bool> keep)
    {
        var result = new List<int>(a.Length + b.Length);
        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            var inA = i < a.Length && (j == b.Length || a[i] <= b[j]);
            var inB = j < b.Length && (i == a.Length || b[j] <= a[i]);
            var value = inA ? a[i] : b[j];
            if (keep(inA, inB))
            {
                result.Add(value);
            }

            i += inA ? 1 : 0;
            j += inB ? 1 : 0;
        }

        return [.. result];
    }

    private static int[] ValuesOf(RoaringBitmap bitmap)
    {
        var values = new int[bitmap.Cardinality];
        Assert.Equal(values.Length, bitmap.CopyTo(values));
        return values;
    }

    /// <summary>Compares as spans: the collection comparer is slow on the ~100k-value arrays the generators make.</summary>
    private static void AssertSameValues(int[] expected, int[] actual) => Assert.Equal(expected.AsSpan(), actual.AsSpan());

    private static byte[] Serialized(RoaringBitmap bitmap)
    {
        var bytes = new byte[bitmap.SerializedSize];
        bitmap.Serialize(bytes);
        return bytes;
    }

    /// <summary>Array in slice 0, bitset in slice 1, run in slice 2: small enough to mutate byte by byte.</summary>
    private static RoaringBitmap MixedKinds()
    {
        var values = new List<int> { 3, 17, 1000, 65_535 };
        for (var v = 65_536; v < 65_536 + 12_000; v += 2)
        {
            values.Add(v);
        }

        for (var v = 131_072 + 100; v < 131_072 + 5_000; v++)
        {
            values.Add(v);
        }

        return RoaringBitmap.FromSorted([.. values]);
    }

    [Fact]
    public void EmptyBitmapHoldsNothing()
    {
        var bitmap = new RoaringBitmap();
        Assert.True(bitmap.IsEmpty);
        Assert.Equal(0, bitmap.Cardinality);
        Assert.False(bitmap.Contains(0));
        Assert.Equal(0, bitmap.CopyTo([]));
        Assert.Equal(bitmap, RoaringBitmap.Deserialize(Serialized(bitmap)));
    }

    [Fact]
    public void FromSortedHoldsExactlyItsValues() =>
        s_values.Sample(values =>
        {
            var bitmap = RoaringBitmap.FromSorted(values);
            Assert.Equal(values.Length, bitmap.Cardinality);
            Assert.Equal(values.Length == 0, bitmap.IsEmpty);
            AssertSameValues(values, ValuesOf(bitmap));

            // Each value and both neighbours; asserting only on a mismatch keeps 100k probes fast.
            for (var i = 0; i < values.Length; i++)
            {
                var value = values[i];
                var above = i + 1 < values.Length && values[i + 1] == value + 1;
                var below = i > 0 && values[i - 1] == value - 1;
                if (!bitmap.Contains(value) || bitmap.Contains(value + 1) != above || bitmap.Contains(value - 1) != below)
                {
                    Assert.Fail($"Contains disagrees around {value}");
                }
            }

            Assert.False(bitmap.Contains(-1));
            Assert.False(bitmap.Contains(int.MaxValue));
        }, iter: Iterations);

    [Theory]
    [InlineData(new[] { 1, 1 })]
    [InlineData(new[] { 5, 4 })]
    [InlineData(new[] { -1, 4 })]
    [InlineData(new[] { 0, 70_000, 69_999 })]
    public void FromSortedRejectsValuesThatAreNotStrictlyAscendingAndNonNegative(int[] values) =>
        Assert.Throws<ArgumentException>(() => RoaringBitmap.FromSorted(values));

    [Fact]
    public void OrAndAndNotAgreeWithSetOperations() =>
        Gen.Select(s_values, s_values).Sample((left, right) =>
        {
            var a = RoaringBitmap.FromSorted(left);
            var b = RoaringBitmap.FromSorted(right);

            AssertHolds(Merge(left, right, (inA, inB) => inA || inB), RoaringBitmap.Or(a, b));
            AssertHolds(Merge(left, right, (inA, inB) => inA && inB), RoaringBitmap.And(a, b));
            AssertHolds(Merge(left, right, (inA, inB) => inA && !inB), RoaringBitmap.AndNot(a, b));
        }, iter: Iterations);

    /// <summary>A result equals the bitmap built from scratch, which also proves its containers are in smallest form.</summary>
    private static void AssertHolds(int[] expected, RoaringBitmap actual)
    {
        AssertSameValues(expected, ValuesOf(actual));
        Assert.Equal(RoaringBitmap.FromSorted(expected), actual);
    }

    [Fact]
    public void SetOperationsWithItselfAndWithEmpty()
    {
        var bitmap = MixedKinds();
        var empty = new RoaringBitmap();
        Assert.Equal(bitmap, RoaringBitmap.Or(bitmap, bitmap));
        Assert.Equal(bitmap, RoaringBitmap.And(bitmap, bitmap));
        Assert.True(RoaringBitmap.AndNot(bitmap, bitmap).IsEmpty);
        Assert.Equal(bitmap, RoaringBitmap.Or(bitmap, empty));
        Assert.True(RoaringBitmap.And(bitmap, empty).IsEmpty);
        Assert.Equal(bitmap, RoaringBitmap.AndNot(bitmap, empty));
        Assert.True(RoaringBitmap.AndNot(empty, bitmap).IsEmpty);
    }

    [Fact]
    public void OrIntoEqualsANaiveLoop() =>
        Gen.Select(s_values, s_windowStart, s_windowCount, Gen.ULong).Sample((values, start, count, noise) =>
        {
            var bitmap = RoaringBitmap.FromSorted(values);
            // Extra words and a noisy background check that OrInto ORs, and writes nothing past count.
            var words = (count + 63) / 64 + 2;
            var expected = new ulong[words];
            var actual = new ulong[words];
            for (var w = 0; w < words; w++)
            {
                expected[w] = actual[w] = (noise * (ulong)(w + 1)) & 0x8421_0842_1084_2108;
            }

            var first = Array.BinarySearch(values, start);
            for (var k = first < 0 ? ~first : first; k < values.Length && values[k] - start < count; k++)
            {
                var i = values[k] - start;
                expected[i >> 6] |= 1UL << i;
            }

            bitmap.OrInto(start, count, actual);
            Assert.Equal(expected.AsSpan(), actual.AsSpan());
        }, iter: 100);

    [Theory]
    [InlineData(0)]
    [InlineData(65_536 - 1000)]
    [InlineData(65_536 - 1000 + 7)]
    [InlineData(65_536 - 63)]
    [InlineData(131_072 - 2048 + 1)]
    [InlineData(65_536 - 2048)]
    [InlineData(65_536 + 2048)]
    [InlineData(131_072 - 2048)]
    [InlineData(131_072 + 64)]
    public void OrIntoWindowsCrossingSliceBoundariesMatchContains(int start)
    {
        var bitmap = MixedKinds();
        for (var count = 1; count <= 2048 + 130; count += 129)
        {
            var bits = new ulong[(count + 63) / 64];
            bitmap.OrInto(start, count, bits);
            for (var i = 0; i < 64 * bits.Length; i++)
            {
                Assert.Equal(i < count && bitmap.Contains(start + i), (bits[i >> 6] & (1UL << i)) != 0);
            }
        }
    }

    [Fact]
    public void OrIntoNearTheTopOfTheIntRange()
    {
        var bitmap = RoaringBitmap.Range(int.MaxValue - 100, int.MaxValue);
        var bits = new ulong[4];
        bitmap.OrInto(int.MaxValue - 200, 256, bits);
        for (var i = 0; i < 256; i++)
        {
            var value = (long)int.MaxValue - 200 + i;
            Assert.Equal(value >= int.MaxValue - 100 && value < int.MaxValue, (bits[i >> 6] & (1UL << i)) != 0);
        }
    }

    [Fact]
    public void ValuesReachIntMaxValueInEveryKind()
    {
        int[] run = [.. Enumerable.Range(int.MaxValue - 99, 100)];
        int[] array = [int.MaxValue - 1000, int.MaxValue];
        int[] bitset = [.. Enumerable.Range(0, 30_000).Select(i => int.MaxValue - (2 * i)).Reverse()];
        foreach (var values in new[] { run, array, bitset })
        {
            var bitmap = RoaringBitmap.FromSorted(values);
            Assert.True(bitmap.Contains(int.MaxValue));
            AssertSameValues(values, ValuesOf(bitmap));
            Assert.Equal(bitmap, RoaringBitmap.Deserialize(Serialized(bitmap)));
        }

        Assert.Equal(ContainerKind.Run, RoaringBitmap.FromSorted(run).ContainerKindOf(0x7FFF));
        Assert.Equal(ContainerKind.Array, RoaringBitmap.FromSorted(array).ContainerKindOf(0x7FFF));
        Assert.Equal(ContainerKind.Bitset, RoaringBitmap.FromSorted(bitset).ContainerKindOf(0x7FFF));
    }

    [Fact]
    public void OrIntoRejectsASpanTooShortForCount() =>
        Assert.Throws<ArgumentException>(() => RoaringBitmap.Range(0, 10).OrInto(0, 65, new ulong[1]));

    [Fact]
    public void RangeHoldsEveryValueAsRuns()
    {
        var bitmap = RoaringBitmap.Range(65_000, 200_000);
        Assert.Equal(135_000, bitmap.Cardinality);
        Assert.False(bitmap.Contains(64_999));
        Assert.True(bitmap.Contains(65_000));
        Assert.True(bitmap.Contains(199_999));
        Assert.False(bitmap.Contains(200_000));
        for (var key = 0; key <= 3; key++)
        {
            Assert.Equal(ContainerKind.Run, bitmap.ContainerKindOf(key));
        }

        Assert.True(RoaringBitmap.Range(7, 7).IsEmpty);
        Assert.Throws<ArgumentOutOfRangeException>(() => RoaringBitmap.Range(-1, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => RoaringBitmap.Range(5, 4));
    }

    [Fact]
    public void TenSparseValuesMakeAnArray()
    {
        var bitmap = RoaringBitmap.FromSorted([1, 50, 900, 4_000, 9_999, 12_345, 30_000, 40_000, 50_000, 65_535]);
        Assert.Equal(ContainerKind.Array, bitmap.ContainerKindOf(0));
    }

    [Fact]
    public void SixtyThousandAlternatingValuesMakeBitsets()
    {
        var values = new int[60_000];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = 2 * i;
        }

        var bitmap = RoaringBitmap.FromSorted(values);
        Assert.Equal(2, bitmap.ContainerCount);
        Assert.Equal(ContainerKind.Bitset, bitmap.ContainerKindOf(0));
        Assert.Equal(ContainerKind.Bitset, bitmap.ContainerKindOf(1));
    }

    [Fact]
    public void AFullSliceMakesOneRun()
    {
        var values = new int[65_536];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = i;
        }

        var bitmap = RoaringBitmap.FromSorted(values);
        Assert.Equal(ContainerKind.Run, bitmap.ContainerKindOf(0));
        Assert.Equal(4 + 5 + 4, bitmap.SerializedSize);
        Assert.Equal(RoaringBitmap.Range(0, 65_536), bitmap);
    }

    [Fact]
    public void TiesInSizeGoToTheArrayThenTheBitset()
    {
        // Two adjacent values: one 4-byte run or a 4-byte array.
        Assert.Equal(ContainerKind.Array, RoaringBitmap.FromSorted([5, 6]).ContainerKindOf(0));

        // 4096 isolated values: 8192 bytes as an array or as a bitset; one more tips it to the bitset.
        int[] isolated = [.. Enumerable.Range(0, 4097).Select(i => 3 * i)];
        Assert.Equal(ContainerKind.Array, RoaringBitmap.FromSorted(isolated.AsSpan(0, 4096)).ContainerKindOf(0));
        Assert.Equal(ContainerKind.Bitset, RoaringBitmap.FromSorted(isolated).ContainerKindOf(0));

        // Runs of three: 2048 of them take 8192 bytes like the bitset; 2047 take fewer.
        int[] triples = [.. Enumerable.Range(0, 2048).SelectMany(k => new[] { 32 * k, (32 * k) + 1, (32 * k) + 2 })];
        Assert.Equal(ContainerKind.Bitset, RoaringBitmap.FromSorted(triples).ContainerKindOf(0));
        Assert.Equal(ContainerKind.Run, RoaringBitmap.FromSorted(triples.AsSpan(0, 3 * 2047)).ContainerKindOf(0));
    }

    [Fact]
    public void SetOperationResultsAreReencodedToTheSmallestForm()
    {
        // Two interleaved arrays whose union is one stretch become a run.
        var evens = new int[2000];
        var odds = new int[2000];
        for (var i = 0; i < evens.Length; i++)
        {
            evens[i] = 2 * i;
            odds[i] = (2 * i) + 1;
        }

        Assert.Equal(ContainerKind.Run, RoaringBitmap.Or(RoaringBitmap.FromSorted(evens), RoaringBitmap.FromSorted(odds)).ContainerKindOf(0));

        // A bitset cut down to a few values becomes an array.
        var dense = RoaringBitmap.FromSorted([.. Enumerable.Range(0, 30_000).Select(i => 2 * i)]);
        Assert.Equal(ContainerKind.Bitset, dense.ContainerKindOf(0));
        var few = RoaringBitmap.And(dense, RoaringBitmap.FromSorted([0, 2, 3, 4000, 8000]));
        Assert.Equal(ContainerKind.Array, few.ContainerKindOf(0));
        Assert.Equal([0, 2, 4000, 8000], ValuesOf(few));

        // A run with holes punched everywhere becomes a bitset.
        var punched = RoaringBitmap.AndNot(RoaringBitmap.Range(0, 65_536), dense);
        Assert.Equal(ContainerKind.Bitset, punched.ContainerKindOf(0));
    }

    [Fact]
    public void SerializeThenDeserializeRoundTrips() =>
        s_values.Sample(values =>
        {
            var bitmap = RoaringBitmap.FromSorted(values);
            var bytes = Serialized(bitmap);
            var back = RoaringBitmap.Deserialize(bytes);
            Assert.Equal(bitmap, back);
            Assert.Equal(bitmap.GetHashCode(), back.GetHashCode());
            AssertSameValues(values, ValuesOf(back));
            Assert.Equal(bytes, Serialized(back));
        }, iter: Iterations);

    [Fact]
    public void EveryTruncationIsRejectedAsInvalidData()
    {
        var bytes = Serialized(MixedKinds());
        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.Throws<InvalidDataException>(() => RoaringBitmap.Deserialize(bytes.AsSpan(0, length)));
        }

        var longer = new byte[bytes.Length + 1];
        bytes.CopyTo(longer, 0);
        Assert.Throws<InvalidDataException>(() => RoaringBitmap.Deserialize(longer));
    }

    [Fact]
    public void EveryFlipOfEveryByteOfArraysAndRunsIsRejectedOrReadsAsAValidBitmap()
    {
        // The run sits near the top of its slice so that most longer lengths overflow it and stay cheap to check.
        var original = Serialized(RoaringBitmap.FromSorted([3, 17, 1000, 65_535, .. Enumerable.Range((2 << 16) + 65_400, 100), 5 << 16, (5 << 16) + 9]));
        var bytes = new byte[original.Length];
        for (var position = 0; position < original.Length; position++)
        {
            for (var flip = 1; flip <= byte.MaxValue; flip++)
            {
                original.CopyTo(bytes, 0);
                bytes[position] ^= (byte)flip;
                AssertRejectedOrValid(bytes);
            }
        }
    }

    [Fact]
    public void AFlippedByteInABitmapWithABitsetIsRejectedOrReadsAsAValidBitmap()
    {
        var original = Serialized(MixedKinds());
        var bytes = new byte[original.Length];
        foreach (var flip in new byte[] { 0x01, 0x80, 0xFF })
        {
            // Every header byte; a sample of the 8 KiB bitset, where flips only change which bits are set.
            for (var position = 0; position < original.Length; position += position < 64 || position > original.Length - 64 ? 1 : 29)
            {
                original.CopyTo(bytes, 0);
                bytes[position] ^= flip;
                AssertRejectedOrValid(bytes);
            }
        }
    }

    [Fact]
    public void RandomBytesAreRejectedOrReadAsAValidBitmap() =>
        Gen.Byte.Array[0, 80].Sample(bytes =>
        {
            // A plausible count makes the reader go on to the container headers.
            if (bytes.Length >= 4)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes, (uint)(bytes[0] & 3));
            }

            AssertRejectedOrValid(bytes);
        }, iter: 2000);

    /// <summary>Only InvalidDataException may escape; anything accepted must behave as a well-formed bitmap.</summary>
    private static void AssertRejectedOrValid(byte[] bytes)
    {
        RoaringBitmap bitmap;
        try
        {
            bitmap = RoaringBitmap.Deserialize(bytes);
        }
        catch (InvalidDataException exception)
        {
            Assert.StartsWith("roaring bitmap: ", exception.Message, StringComparison.Ordinal);
            return;
        }

        var values = ValuesOf(bitmap);
        for (var i = 1; i < values.Length; i++)
        {
            Assert.True(values[i] > values[i - 1]);
        }

        Assert.True(values.Length == 0 || values[0] >= 0);
        Assert.Equal(RoaringBitmap.FromSorted(values), bitmap);
        Assert.Equal(bitmap, RoaringBitmap.Deserialize(Serialized(bitmap)));
    }

    [Fact]
    public void DeserializeExplainsWhatIsWrong()
    {
        // One array container claiming 5000 values.
        var bytes = new byte[4 + 5 + 10_000];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, 1);
        bytes[6] = (byte)ContainerKind.Array;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(7), 5000 - 1);
        var exception = Assert.Throws<InvalidDataException>(() => RoaringBitmap.Deserialize(bytes));
        Assert.Equal("roaring bitmap: container 0 claims 5000 values but an array container holds at most 4096", exception.Message);

        // A bitset whose bits disagree with its count.
        var bitmap = Serialized(RoaringBitmap.FromSorted([.. Enumerable.Range(0, 10_000).Select(i => 3 * i)]));
        bitmap[7] ^= 1;
        exception = Assert.Throws<InvalidDataException>(() => RoaringBitmap.Deserialize(bitmap));
        Assert.Equal("roaring bitmap: container 0 claims 9999 values but its bitset holds 10000", exception.Message);

        // A run running past 65535.
        var run = Serialized(RoaringBitmap.Range(65_000, 65_536));
        BinaryPrimitives.WriteUInt16LittleEndian(run.AsSpan(4 + 5 + 2), 600);
        exception = Assert.Throws<InvalidDataException>(() => RoaringBitmap.Deserialize(run));
        Assert.Contains("past 65535", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeserializeReencodesContainersThatAreNotInTheirSmallestForm()
    {
        // An array of 100 consecutive values, which a writer should have stored as one run.
        var bytes = new byte[4 + 5 + 200];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, 1);
        bytes[6] = (byte)ContainerKind.Array;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(7), 100 - 1);
        for (var i = 0; i < 100; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(9 + (2 * i)), (ushort)(500 + i));
        }

        var bitmap = RoaringBitmap.Deserialize(bytes);
        Assert.Equal(ContainerKind.Run, bitmap.ContainerKindOf(0));
        Assert.Equal(RoaringBitmap.Range(500, 600), bitmap);
    }
}
