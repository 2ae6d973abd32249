using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Olap.Columnar.Bitmaps;

/// <summary>
/// The values of one 65536-wide slice of a <see cref="RoaringBitmap"/>, held as their low 16 bits.
/// A container is immutable and never empty. A bitmap only holds containers in the smallest of the three
/// forms (<see cref="BestKind"/>), and operations on such containers return such containers, so equal sets
/// have equal containers. Immutability lets set operations share an untouched container between bitmaps.
/// </summary>
internal abstract class Container
{
    public const int MaxArrayCardinality = 4096;
    public const int BitsetWords = 1024;
    public const int BitsetBytes = BitsetWords * sizeof(ulong);
    public const int MaxCardinality = 65536;

    /// <summary>Disjoint, non-adjacent runs alternate with gaps, so at most every other value starts one.</summary>
    public const int MaxRunCount = MaxCardinality / 2;

    public abstract ContainerKind Kind { get; }

    public abstract int Cardinality { get; }

    /// <summary>Bytes of <see cref="WritePayload"/>; the per-container header is not included.</summary>
    public abstract int PayloadSize { get; }

    /// <summary>The count a serialized header records (as count minus one): the cardinality, or for runs the run count.</summary>
    public abstract int HeaderCount { get; }

    public abstract bool Contains(ushort value);

    /// <summary>Writes the values, ascending, as <c>high | low</c>; returns how many.</summary>
    public abstract int CopyTo(Span<int> destination, int high);

    public abstract void WritePayload(Span<byte> destination);

    /// <summary>Sets this container's values in a 1024-word bitset.</summary>
    public abstract void SetIn(Span<ulong> words);

    /// <summary>Clears this container's values in a 1024-word bitset.</summary>
    public abstract void ClearIn(Span<ulong> words);

    /// <summary>Clears every value of a 1024-word bitset that this container does not hold.</summary>
    public abstract void IntersectIn(Span<ulong> words);

    /// <summary>
    /// ORs the values in [<paramref name="lo"/>, <paramref name="hi"/>) into <paramref name="bits"/>, value v at
    /// bit v + <paramref name="shift"/>. The caller guarantees the bits for that range lie inside the span.
    /// </summary>
    public abstract void OrInto(int lo, int hi, Span<ulong> bits, int shift);

    /// <summary>True when <paramref name="other"/> is the same kind with the same payload.</summary>
    public abstract bool ContentEquals(Container other);

    public ulong[] ToWords()
    {
        var words = new ulong[BitsetWords];
        SetIn(words);
        return words;
    }

    /// <summary>
    /// The form with the fewest payload bytes: runs take 4 per run, an array 2 per value, a bitset 8192.
    /// Ties go to the array, then the bitset, as in Roaring, because they are cheaper to probe.
    /// </summary>
    public static ContainerKind BestKind(int cardinality, int runCount)
    {
        var runBytes = 4 * runCount;
        if (runBytes < Math.Min(2 * cardinality, BitsetBytes))
        {
            return ContainerKind.Run;
        }

        return cardinality <= MaxArrayCardinality ? ContainerKind.Array : ContainerKind.Bitset;
    }

    /// <summary>Builds the best container for sorted distinct values; the span must not be empty.</summary>
    public static Container FromSorted(ReadOnlySpan<ushort> values)
    {
        var runCount = CountRuns(values);
        switch (BestKind(values.Length, runCount))
        {
            case ContainerKind.Run:
                return RunContainer.FromSorted(values, runCount);
            case ContainerKind.Array:
                return new ArrayContainer(values.ToArray());
            default:
                var words = new ulong[BitsetWords];
                foreach (var v in values)
                {
                    words[v >> 6] |= 1UL << v;
                }

                return new BitsetContainer(words, values.Length);
        }
    }

    /// <summary>Builds the best container for [<paramref name="lo"/>, <paramref name="hi"/>), a non-empty range.</summary>
    public static Container FromRange(int lo, int hi)
    {
        var cardinality = hi - lo;
        if (BestKind(cardinality, 1) == ContainerKind.Run)
        {
            return new RunContainer([(ushort)lo, (ushort)(cardinality - 1)], cardinality);
        }

        var values = new ushort[cardinality];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (ushort)(lo + i);
        }

        return new ArrayContainer(values);
    }

    /// <summary>Builds the best container for a 1024-word bitset, taking ownership of it; null when no bit is set.</summary>
    public static Container? FromWords(ulong[] words)
    {
        var cardinality = 0;
        var runCount = 0;
        var carry = 0UL;
        foreach (var w in words)
        {
            cardinality += BitOperations.PopCount(w);
            // A run starts at each set bit whose lower neighbour (across words via carry) is clear.
            runCount += BitOperations.PopCount(w & ~((w << 1) | carry));
            carry = w >> 63;
        }

        if (cardinality == 0)
        {
            return null;
        }

        return BestKind(cardinality, runCount) switch
        {
            ContainerKind.Run => RunContainer.FromWords(words, runCount, cardinality),
            ContainerKind.Array => ArrayContainer.FromWords(words, cardinality),
            _ => new BitsetContainer(words, cardinality),
        };
    }

    public static Container Or(Container a, Container b)
    {
        // A full container absorbs anything; sharing it avoids a 8 KiB round trip.
        if (a.Cardinality == MaxCardinality)
        {
            return a;
        }

        if (b.Cardinality == MaxCardinality)
        {
            return b;
        }

        if (a is ArrayContainer x && b is ArrayContainer y && x.Cardinality + y.Cardinality <= MaxArrayCardinality)
        {
            return OrSmallArrays(x.Values, y.Values);
        }

        var words = a.ToWords();
        b.SetIn(words);
        return FromWords(words)!;
    }

    public static Container? And(Container a, Container b)
    {
        // Probing the smaller array keeps the result bounded by it; any other pair goes through a bitset.
        if (a is ArrayContainer x && (b is not ArrayContainer || x.Cardinality <= b.Cardinality))
        {
            return Filter(x, b, keep: true);
        }

        if (b is ArrayContainer y)
        {
            return Filter(y, a, keep: true);
        }

        var words = a.ToWords();
        b.IntersectIn(words);
        return FromWords(words);
    }

    public static Container? AndNot(Container a, Container b)
    {
        if (a is ArrayContainer x)
        {
            return Filter(x, b, keep: false);
        }

        var words = a.ToWords();
        b.ClearIn(words);
        return FromWords(words);
    }

    /// <summary>Counts maximal runs of consecutive values in a sorted distinct span.</summary>
    public static int CountRuns(ReadOnlySpan<ushort> values)
    {
        if (values.IsEmpty)
        {
            return 0;
        }

        var runCount = 1;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] != values[i - 1] + 1)
            {
                runCount++;
            }
        }

        return runCount;
    }

    /// <summary>Sets bits [<paramref name="from"/>, <paramref name="to"/>); the range must not be empty.</summary>
    public static void SetRange(Span<ulong> words, int from, int to)
    {
        var first = from >> 6;
        var last = (to - 1) >> 6;
        var firstMask = ulong.MaxValue << from;
        var lastMask = ulong.MaxValue >> (63 - ((to - 1) & 63));
        if (first == last)
        {
            words[first] |= firstMask & lastMask;
            return;
        }

        words[first] |= firstMask;
        words.Slice(first + 1, last - first - 1).Fill(ulong.MaxValue);
        words[last] |= lastMask;
    }

    /// <summary>Clears bits [<paramref name="from"/>, <paramref name="to"/>); the range must not be empty.</summary>
    public static void ClearRange(Span<ulong> words, int from, int to)
    {
        var first = from >> 6;
        var last = (to - 1) >> 6;
        var firstMask = ulong.MaxValue << from;
        var lastMask = ulong.MaxValue >> (63 - ((to - 1) & 63));
        if (first == last)
        {
            words[first] &= ~(firstMask & lastMask);
            return;
        }

        words[first] &= ~firstMask;
        words.Slice(first + 1, last - first - 1).Clear();
        words[last] &= ~lastMask;
    }

    public static InvalidDataException Malformed(string message) => new("roaring bitmap: " + message);

    [SkipLocalsInit]
    private static Container OrSmallArrays(ReadOnlySpan<ushort> a, ReadOnlySpan<ushort> b)
    {
        Span<ushort> merged = stackalloc ushort[a.Length + b.Length];
        int i = 0, j = 0, n = 0;
        while (i < a.Length && j < b.Length)
        {
            var va = a[i];
            var vb = b[j];
            if (va <= vb)
            {
                merged[n++] = va;
                i++;
                j += va == vb ? 1 : 0;
            }
            else
            {
                merged[n++] = vb;
                j++;
            }
        }

        a[i..].CopyTo(merged[n..]);
        n += a.Length - i;
        b[j..].CopyTo(merged[n..]);
        n += b.Length - j;
        return FromSorted(merged[..n]);
    }

    /// <summary>The values of <paramref name="array"/> that <paramref name="other"/> holds (keep) or lacks (!keep).</summary>
    [SkipLocalsInit]
    private static Container? Filter(ArrayContainer array, Container other, bool keep)
    {
        var values = array.Values;
        Span<ushort> kept = stackalloc ushort[values.Length];
        var n = 0;
        foreach (var v in values)
        {
            if (other.Contains(v) == keep)
            {
                kept[n++] = v;
            }
        }

        if (n == 0)
        {
            return null;
        }

        return n == values.Length ? array : FromSorted(kept[..n]);
    }

    /// <summary>Reads little-endian ushorts, as one block copy where the machine is little-endian.</summary>
    protected static void ReadLittleEndian(ReadOnlySpan<byte> source, Span<ushort> destination)
    {
        if (BitConverter.IsLittleEndian)
        {
            source[..(destination.Length * sizeof(ushort))].CopyTo(MemoryMarshal.AsBytes(destination));
            return;
        }

        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = BinaryPrimitives.ReadUInt16LittleEndian(source[(2 * i)..]);
        }
    }

    protected static void WriteLittleEndian(ReadOnlySpan<ushort> source, Span<byte> destination)
    {
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(source).CopyTo(destination);
            return;
        }

        for (var i = 0; i < source.Length; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(destination[(2 * i)..], source[i]);
        }
    }
}
