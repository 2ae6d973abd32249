using System.Numerics;

namespace Olap.Columnar.Bitmaps;

/// <summary>Sorted distinct values, 1 to 4096 of them: the form for sparse slices.</summary>
internal sealed class ArrayContainer : Container
{
    private readonly ushort[] _values;

    /// <param name="values">Sorted, distinct, not empty; owned by the container from now on.</param>
    public ArrayContainer(ushort[] values) => _values = values;

    public ReadOnlySpan<ushort> Values => _values;

    public override ContainerKind Kind => ContainerKind.Array;

    public override int Cardinality => _values.Length;

    public override int PayloadSize => _values.Length * sizeof(ushort);

    public override int HeaderCount => _values.Length;

    public override bool Contains(ushort value) => _values.AsSpan().BinarySearch(value) >= 0;

    public override int CopyTo(Span<int> destination, int high)
    {
        var values = _values;
        destination = destination[..values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            destination[i] = high | values[i];
        }

        return values.Length;
    }

    public override void WritePayload(Span<byte> destination) => WriteLittleEndian(_values, destination);

    public override void SetIn(Span<ulong> words)
    {
        foreach (var v in _values)
        {
            words[v >> 6] |= 1UL << v;
        }
    }

    public override void ClearIn(Span<ulong> words)
    {
        foreach (var v in _values)
        {
            words[v >> 6] &= ~(1UL << v);
        }
    }

    public override void IntersectIn(Span<ulong> words)
    {
        var values = _values;
        var next = 0;
        for (var i = 0; i < words.Length; i++)
        {
            var mask = 0UL;
            for (; next < values.Length && values[next] >> 6 == i; next++)
            {
                mask |= 1UL << values[next];
            }

            words[i] &= mask;
        }
    }

    public override void OrInto(int lo, int hi, Span<ulong> bits, int shift)
    {
        var values = _values.AsSpan();
        var i = values.BinarySearch((ushort)lo);
        if (i < 0)
        {
            i = ~i;
        }

        for (; i < values.Length && values[i] < hi; i++)
        {
            var bit = values[i] + shift;
            bits[bit >> 6] |= 1UL << bit;
        }
    }

    public override bool ContentEquals(Container other) =>
        other is ArrayContainer array && _values.AsSpan().SequenceEqual(array._values);

    public static ArrayContainer FromWords(ReadOnlySpan<ulong> words, int cardinality)
    {
        var values = new ushort[cardinality];
        var n = 0;
        for (var i = 0; i < words.Length; i++)
        {
            var w = words[i];
            while (w != 0)
            {
                values[n++] = (ushort)((i << 6) + BitOperations.TrailingZeroCount(w));
                w &= w - 1;
            }
        }

        return new ArrayContainer(values);
    }

    /// <summary>Reads <paramref name="cardinality"/> values from a payload of exactly that size, checking they ascend.</summary>
    public static ArrayContainer Read(ReadOnlySpan<byte> payload, int cardinality, int index)
    {
        var values = new ushort[cardinality];
        ReadLittleEndian(payload, values);
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] <= values[i - 1])
            {
                throw Malformed(
                    $"container {index} is an array whose value {i} ({values[i]}) does not follow value {i - 1} ({values[i - 1]}) in strictly ascending order");
            }
        }

        return new ArrayContainer(values);
    }
}
