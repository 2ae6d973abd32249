// Serialized layout, all integers little-endian:
//
//   size  field
//   4     container count N (uint32, at most 32768)
//   then N containers in ascending key order, each a 5-byte header and its payload:
//   2     key: the high 16 bits shared by the container's values (uint16, at most 32767 since values
//         are non-negative ints; strictly ascending across containers)
//   1     kind (ContainerKind): 1 = array, 2 = bitset, 3 = run
//   2     count minus one (uint16; containers are never empty, so 1..65536 fits):
//         the cardinality for array and bitset, the number of runs for run
//   ...   payload:
//         array   count uint16 low bits, strictly ascending; count is at most 4096
//         bitset  1024 uint64 words, value v at bit (v & 63) of word (v >> 6); the set bits number count
//         run     count pairs (uint16 start, uint16 lengthMinus1), start + lengthMinus1 at most 65535,
//                 each run starting at least two past the previous run's last value (disjoint, not adjacent)
//
// Nothing follows the last container. A reader accepts any container kind the limits above allow and
// re-encodes it into the smallest form, so a bitmap read back is equal to the one written.

using System.Buffers;
using System.Buffers.Binary;

namespace Olap.Columnar.Bitmaps;

/// <summary>
/// An immutable compressed set of non-negative ints (row numbers), after Roaring (Lemire et al.):
/// values are grouped by their high 16 bits into containers that each hold the low 16 bits as a sorted
/// array, a 65536-bit bitset or a list of runs, whichever is smallest. Set operations return new bitmaps
/// and share containers they leave untouched.
/// </summary>
public sealed class RoaringBitmap : IEquatable<RoaringBitmap>
{
    private const int HeaderSize = sizeof(uint);
    private const int ContainerHeaderSize = sizeof(ushort) + sizeof(byte) + sizeof(ushort);

    /// <summary>Non-negative ints have high 16 bits of at most 0x7FFF.</summary>
    private const int MaxKey = 0x7FFF;
    private const int MaxContainers = MaxKey + 1;

    private readonly ushort[] _keys;
    private readonly Container[] _containers;
    private readonly int _cardinality;

    public RoaringBitmap()
        : this([], [])
    {
    }

    /// <param name="keys">Strictly ascending; owned from now on.</param>
    /// <param name="containers">Non-empty canonical containers, one per key; owned from now on.</param>
    private RoaringBitmap(ushort[] keys, Container[] containers)
    {
        _keys = keys;
        _containers = containers;
        long cardinality = 0;
        foreach (var container in containers)
        {
            cardinality += container.Cardinality;
        }

        // Only the set of every non-negative int gets here; its size is one more than int.MaxValue.
        if (cardinality > int.MaxValue)
        {
            throw new InvalidOperationException("A roaring bitmap of every non-negative int has no int cardinality.");
        }

        _cardinality = (int)cardinality;
    }

    public int Cardinality => _cardinality;

    public bool IsEmpty => _keys.Length == 0;

    /// <summary>Bytes that <see cref="Serialize"/> writes.</summary>
    public int SerializedSize
    {
        get
        {
            var size = HeaderSize;
            foreach (var container in _containers)
            {
                size += ContainerHeaderSize + container.PayloadSize;
            }

            return size;
        }
    }

    /// <summary>Builds a bitmap with containers in their smallest form.</summary>
    /// <exception cref="ArgumentException">The values are negative, not strictly ascending, or repeated.</exception>
    public static RoaringBitmap FromSorted(ReadOnlySpan<int> sortedDistinctValues)
    {
        var values = sortedDistinctValues;
        if (values.IsEmpty)
        {
            return new RoaringBitmap();
        }

        if (values[0] < 0)
        {
            throw new ArgumentException($"Value 0 is {values[0]}; a roaring bitmap holds non-negative ints.", nameof(sortedDistinctValues));
        }

        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] <= values[i - 1])
            {
                throw new ArgumentException(
                    $"Value {i} ({values[i]}) does not follow value {i - 1} ({values[i - 1]}) in strictly ascending order.",
                    nameof(sortedDistinctValues));
            }
        }

        var keyCount = (values[^1] >> 16) - (values[0] >> 16) + 1;
        var keys = new ushort[Math.Min(keyCount, values.Length)];
        var containers = new Container[keys.Length];
        var lows = ArrayPool<ushort>.Shared.Rent(Math.Min(values.Length, Container.MaxCardinality));
        var n = 0;
        var start = 0;
        while (start < values.Length)
        {
            var key = values[start] >> 16;
            var end = start + 1;
            while (end < values.Length && values[end] >> 16 == key)
            {
                end++;
            }

            var group = lows.AsSpan(0, end - start);
            for (var i = 0; i < group.Length; i++)
            {
                group[i] = (ushort)values[start + i];
            }

            keys[n] = (ushort)key;
            containers[n++] = Container.FromSorted(group);
            start = end;
        }

        ArrayPool<ushort>.Shared.Return(lows);
        return new RoaringBitmap(Trimmed(keys, n), Trimmed(containers, n));
    }

    /// <summary>Every value in [<paramref name="start"/>, <paramref name="endExclusive"/>), stored as one run per container
    /// (a container's piece of one or two values is an array, which is smaller).</summary>
    public static RoaringBitmap Range(int start, int endExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfLessThan(endExclusive, start);
        if (start == endExclusive)
        {
            return new RoaringBitmap();
        }

        var firstKey = start >> 16;
        var lastKey = (endExclusive - 1) >> 16;
        var keys = new ushort[lastKey - firstKey + 1];
        var containers = new Container[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            var key = firstKey + i;
            var keyBase = key << 16;
            var lo = Math.Max(start - keyBase, 0);
            var hi = (int)Math.Min((long)endExclusive - keyBase, Container.MaxCardinality);
            keys[i] = (ushort)key;
            containers[i] = Container.FromRange(lo, hi);
        }

        return new RoaringBitmap(keys, containers);
    }

    public bool Contains(int value)
    {
        if (value < 0)
        {
            return false;
        }

        var i = _keys.AsSpan().BinarySearch((ushort)(value >> 16));
        return i >= 0 && _containers[i].Contains((ushort)value);
    }

    /// <summary>The union, as a new bitmap.</summary>
    public static RoaringBitmap Or(RoaringBitmap a, RoaringBitmap b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (b.IsEmpty)
        {
            return a;
        }

        if (a.IsEmpty)
        {
            return b;
        }

        var keys = new ushort[a._keys.Length + b._keys.Length];
        var containers = new Container[keys.Length];
        int i = 0, j = 0, n = 0;
        while (i < a._keys.Length && j < b._keys.Length)
        {
            var ka = a._keys[i];
            var kb = b._keys[j];
            if (ka < kb)
            {
                keys[n] = ka;
                containers[n++] = a._containers[i++];
            }
            else if (kb < ka)
            {
                keys[n] = kb;
                containers[n++] = b._containers[j++];
            }
            else
            {
                keys[n] = ka;
                containers[n++] = Container.Or(a._containers[i++], b._containers[j++]);
            }
        }

        for (; i < a._keys.Length; i++, n++)
        {
            keys[n] = a._keys[i];
            containers[n] = a._containers[i];
        }

        for (; j < b._keys.Length; j++, n++)
        {
            keys[n] = b._keys[j];
            containers[n] = b._containers[j];
        }

        return new RoaringBitmap(Trimmed(keys, n), Trimmed(containers, n));
    }

    /// <summary>The intersection, as a new bitmap.</summary>
    public static RoaringBitmap And(RoaringBitmap a, RoaringBitmap b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var keys = new ushort[Math.Min(a._keys.Length, b._keys.Length)];
        var containers = new Container[keys.Length];
        int i = 0, j = 0, n = 0;
        while (i < a._keys.Length && j < b._keys.Length)
        {
            var ka = a._keys[i];
            var kb = b._keys[j];
            if (ka < kb)
            {
                i++;
            }
            else if (kb < ka)
            {
                j++;
            }
            else
            {
                var container = Container.And(a._containers[i++], b._containers[j++]);
                if (container is not null)
                {
                    keys[n] = ka;
                    containers[n++] = container;
                }
            }
        }

        return new RoaringBitmap(Trimmed(keys, n), Trimmed(containers, n));
    }

    /// <summary>The values of <paramref name="a"/> not in <paramref name="b"/>, as a new bitmap.</summary>
    public static RoaringBitmap AndNot(RoaringBitmap a, RoaringBitmap b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.IsEmpty || b.IsEmpty)
        {
            return a;
        }

        var keys = new ushort[a._keys.Length];
        var containers = new Container[keys.Length];
        int i = 0, j = 0, n = 0;
        while (i < a._keys.Length)
        {
            var ka = a._keys[i];
            while (j < b._keys.Length && b._keys[j] < ka)
            {
                j++;
            }

            var container = j < b._keys.Length && b._keys[j] == ka
                ? Container.AndNot(a._containers[i], b._containers[j])
                : a._containers[i];
            if (container is not null)
            {
                keys[n] = ka;
                containers[n++] = container;
            }

            i++;
        }

        return new RoaringBitmap(Trimmed(keys, n), Trimmed(containers, n));
    }

    /// <summary>
    /// ORs membership of the values in [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>)
    /// into <paramref name="bits"/>: bit i (<c>bits[i >> 6] >> (i &amp; 63)</c>) stands for value start + i.
    /// Bits past <paramref name="count"/> are left alone.
    /// </summary>
    public void OrInto(int start, int count, Span<ulong> bits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (bits.Length < ((long)count + 63) >> 6)
        {
            throw new ArgumentException($"{bits.Length} words cannot hold {count} bits.", nameof(bits));
        }

        if (count == 0 || IsEmpty)
        {
            return;
        }

        // Values stop at int.MaxValue, so a window reaching past it simply finds no containers there.
        var end = (long)start + count;
        var lastKey = (int)Math.Min((end - 1) >> 16, MaxKey);
        var keys = _keys.AsSpan();
        var i = keys.BinarySearch((ushort)(start >> 16));
        if (i < 0)
        {
            i = ~i;
        }

        for (; i < keys.Length && keys[i] <= lastKey; i++)
        {
            var keyBase = keys[i] << 16;
            var lo = Math.Max(start - keyBase, 0);
            var hi = (int)Math.Min(end - keyBase, Container.MaxCardinality);
            _containers[i].OrInto(lo, hi, bits, keyBase - start);
        }
    }

    /// <summary>Writes the values in ascending order; returns how many (<see cref="Cardinality"/>).</summary>
    public int CopyTo(Span<int> destination)
    {
        if (destination.Length < _cardinality)
        {
            throw new ArgumentException($"Destination holds {destination.Length} values; the bitmap has {_cardinality}.", nameof(destination));
        }

        var n = 0;
        for (var i = 0; i < _keys.Length; i++)
        {
            n += _containers[i].CopyTo(destination[n..], _keys[i] << 16);
        }

        return n;
    }

    /// <summary>Writes the layout described at the top of this file; <paramref name="destination"/> needs <see cref="SerializedSize"/> bytes.</summary>
    public void Serialize(Span<byte> destination)
    {
        var size = SerializedSize;
        if (destination.Length < size)
        {
            throw new ArgumentException($"Destination holds {destination.Length} bytes; the bitmap needs {size}.", nameof(destination));
        }

        BinaryPrimitives.WriteUInt32LittleEndian(destination, (uint)_keys.Length);
        var position = HeaderSize;
        for (var i = 0; i < _keys.Length; i++)
        {
            var container = _containers[i];
            var header = destination.Slice(position, ContainerHeaderSize);
            BinaryPrimitives.WriteUInt16LittleEndian(header, _keys[i]);
            header[2] = (byte)container.Kind;
            BinaryPrimitives.WriteUInt16LittleEndian(header[3..], (ushort)(container.HeaderCount - 1));
            position += ContainerHeaderSize;
            container.WritePayload(destination.Slice(position, container.PayloadSize));
            position += container.PayloadSize;
        }
    }

    /// <summary>Reads the layout described at the top of this file, checking every count, bound and order.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a whole, well-formed bitmap.</exception>
    public static RoaringBitmap Deserialize(ReadOnlySpan<byte> source)
    {
        if (source.Length < HeaderSize)
        {
            throw Container.Malformed($"{source.Length} bytes cannot hold the {HeaderSize}-byte container count");
        }

        var count = BinaryPrimitives.ReadUInt32LittleEndian(source);
        if (count > MaxContainers)
        {
            throw Container.Malformed($"claims {count} containers but non-negative ints fit in {MaxContainers}");
        }

        // Every container needs at least a header and 2 payload bytes, so a count the bytes cannot back
        // is rejected before allocating for it.
        if (count * (long)(ContainerHeaderSize + sizeof(ushort)) > source.Length - HeaderSize)
        {
            throw Container.Malformed($"claims {count} containers but only {source.Length - HeaderSize} bytes follow the count");
        }

        var keys = new ushort[count];
        var containers = new Container[count];
        var position = HeaderSize;
        long cardinality = 0;
        for (var i = 0; i < keys.Length; i++)
        {
            var remaining = source.Length - position;
            if (remaining < ContainerHeaderSize)
            {
                throw Container.Malformed($"container {i} needs a {ContainerHeaderSize}-byte header but only {remaining} bytes remain");
            }

            var header = source.Slice(position, ContainerHeaderSize);
            var key = BinaryPrimitives.ReadUInt16LittleEndian(header);
            var kind = (ContainerKind)header[2];
            var headerCount = BinaryPrimitives.ReadUInt16LittleEndian(header[3..]) + 1;
            position += ContainerHeaderSize;
            remaining -= ContainerHeaderSize;

            if (key > MaxKey)
            {
                throw Container.Malformed($"container {i} has key {key}, above {MaxKey}, so its values would be negative ints");
            }

            if (i > 0 && key <= keys[i - 1])
            {
                throw Container.Malformed($"container {i} has key {key}, not above the previous container's key {keys[i - 1]}");
            }

            var payloadSize = kind switch
            {
                ContainerKind.Array when headerCount > Container.MaxArrayCardinality => throw Container.Malformed(
                    $"container {i} claims {headerCount} values but an array container holds at most {Container.MaxArrayCardinality}"),
                ContainerKind.Array => headerCount * sizeof(ushort),
                ContainerKind.Bitset => Container.BitsetBytes,
                ContainerKind.Run when headerCount > Container.MaxRunCount => throw Container.Malformed(
                    $"container {i} claims {headerCount} runs but disjoint, non-adjacent runs number at most {Container.MaxRunCount}"),
                ContainerKind.Run => headerCount * 2 * sizeof(ushort),
                _ => throw Container.Malformed($"container {i} has unknown kind {(byte)kind}"),
            };

            if (remaining < payloadSize)
            {
                throw Container.Malformed(
                    $"container {i} ({kind}, count {headerCount}) needs {payloadSize} payload bytes but only {remaining} remain");
            }

            var payload = source.Slice(position, payloadSize);
            position += payloadSize;

            var container = kind switch
            {
                ContainerKind.Array => Canonical(ArrayContainer.Read(payload, headerCount, i)),
                ContainerKind.Bitset => Container.FromWords(BitsetContainer.Read(payload, headerCount, i))!,
                _ => Canonical(RunContainer.Read(payload, headerCount, i)),
            };

            keys[i] = key;
            containers[i] = container;
            cardinality += container.Cardinality;
        }

        if (position != source.Length)
        {
            throw Container.Malformed($"{source.Length - position} bytes follow the last container");
        }

        if (cardinality > int.MaxValue)
        {
            throw Container.Malformed($"holds {cardinality} values, more than an int can count");
        }

        return new RoaringBitmap(keys, containers);
    }

    public bool Equals(RoaringBitmap? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other._cardinality != _cardinality || !_keys.AsSpan().SequenceEqual(other._keys))
        {
            return false;
        }

        // Containers are canonical, so equal sets have containers of the same kind and payload.
        for (var i = 0; i < _containers.Length; i++)
        {
            if (!_containers[i].ContentEquals(other._containers[i]))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as RoaringBitmap);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(_cardinality);
        for (var i = 0; i < _keys.Length; i++)
        {
            hash.Add(_keys[i]);
            hash.Add(_containers[i].Cardinality);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => $"RoaringBitmap({_cardinality} values in {_keys.Length} containers)";

    internal int ContainerCount => _keys.Length;

    /// <summary>The form of the container holding values with high bits <paramref name="key"/>, or null when there is none.</summary>
    internal ContainerKind? ContainerKindOf(int key)
    {
        var i = _keys.AsSpan().BinarySearch((ushort)key);
        return i >= 0 ? _containers[i].Kind : null;
    }

    /// <summary>The first <paramref name="length"/> items, without a copy when that is all of them.</summary>
    private static T[] Trimmed<T>(T[] items, int length) => length == items.Length ? items : items[..length];

    /// <summary>Re-encodes a container read from a file into its smallest form, which writers need not have chosen.</summary>
    private static Container Canonical(Container container)
    {
        switch (container)
        {
            case ArrayContainer array when Container.BestKind(array.Cardinality, Container.CountRuns(array.Values)) != ContainerKind.Array:
                return Container.FromSorted(array.Values);
            case RunContainer run when Container.BestKind(run.Cardinality, run.RunCount) != ContainerKind.Run:
                return Container.FromWords(run.ToWords())!;
            default:
                return container;
        }
    }
}
