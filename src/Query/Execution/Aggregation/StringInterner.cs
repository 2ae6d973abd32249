using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Olap.Query.Execution.Aggregation;

/// <summary>Gives each distinct byte string a dense id: string keys become integers for grouping and joins.</summary>
internal sealed class StringInterner
{
    private byte[] _heap = new byte[256];
    private int _heapLength;
    private readonly List<int> _offsets = [0];
    private int[] _slots = new int[64];
    private ulong[] _hashes = new ulong[64];

    public StringInterner() => Array.Fill(_slots, -1);

    public int Count => _offsets.Count - 1;

    public ReadOnlySpan<byte> Get(int id) => _heap.AsSpan(_offsets[id], _offsets[id + 1] - _offsets[id]);

    /// <summary>The id of <paramref name="value"/>, adding it when new.</summary>
    public int Intern(ReadOnlySpan<byte> value) => Find(value, add: true);

    /// <summary>The id of <paramref name="value"/>, or -1 when it was never interned.</summary>
    public int Lookup(ReadOnlySpan<byte> value) => Find(value, add: false);

    private int Find(ReadOnlySpan<byte> value, bool add)
    {
        var hash = XxHash3.HashToUInt64(value);
        var mask = _slots.Length - 1;
        var slot = (int)(hash & (ulong)mask);
        while (true)
        {
            var id = _slots[slot];
            if (id < 0)
            {
                if (!add)
                {
                    return -1;
                }

                return Add(value, hash, slot);
            }

            if (_hashes[slot] == hash && Get(id).SequenceEqual(value))
            {
                return id;
            }

            slot = (slot + 1) & mask;
        }
    }

    private int Add(ReadOnlySpan<byte> value, ulong hash, int slot)
    {
        if (_heapLength + value.Length > _heap.Length)
        {
            Array.Resize(ref _heap, Math.Max(_heap.Length * 2, _heapLength + value.Length));
        }

        value.CopyTo(_heap.AsSpan(_heapLength));
        _heapLength += value.Length;
        _offsets.Add(_heapLength);
        var id = Count - 1;
        _slots[slot] = id;
        _hashes[slot] = hash;
        if (Count * 2 > _slots.Length)
        {
            Grow();
        }

        return id;
    }

    private void Grow()
    {
        var slots = new int[_slots.Length * 2];
        var hashes = new ulong[slots.Length];
        Array.Fill(slots, -1);
        var mask = slots.Length - 1;
        for (var old = 0; old < _slots.Length; old++)
        {
            var id = _slots[old];
            if (id < 0)
            {
                continue;
            }

            var slot = (int)(_hashes[old] & (ulong)mask);
            while (slots[slot] >= 0)
            {
                slot = (slot + 1) & mask;
            }

            slots[slot] = id;
            hashes[slot] = _hashes[old];
        }

        _slots = slots;
        _hashes = hashes;
    }

    /// <summary>Bytes held, for EXPLAIN ANALYZE.</summary>
    public long MemoryBytes => _heap.Length + ((long)_slots.Length * (sizeof(int) + sizeof(ulong))) + (CollectionsMarshal.AsSpan(_offsets).Length * sizeof(int));
}
