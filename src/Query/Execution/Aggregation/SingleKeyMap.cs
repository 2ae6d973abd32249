using System.Runtime.CompilerServices;

namespace Olap.Query.Execution.Aggregation;

/// <summary>
/// Open addressing from one 64-bit key code to a group id, keys stored in the slots themselves so a lookup touches
/// one cache line; the grouping of a single high-cardinality key.
/// </summary>
internal sealed class SingleKeyMap
{
    private long[] _keys;
    private int[] _groups;
    private int _mask;
    private int _count;

    public SingleKeyMap(int capacity = 1024)
    {
        var size = 16;
        while (size < capacity * 2)
        {
            size <<= 1;
        }

        _keys = new long[size];
        _groups = new int[size];
        Array.Fill(_groups, -1);
        _mask = size - 1;
    }

    /// <summary>The group of <paramref name="key"/>, or -1 after reserving its slot: the caller then calls <see cref="Set"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int FindOrReserve(long key, out int slot)
    {
        slot = Mix(key) & _mask;
        while (true)
        {
            var group = _groups[slot];
            if (group < 0 || _keys[slot] == key)
            {
                return group;
            }

            slot = (slot + 1) & _mask;
        }
    }

    public void Set(int slot, long key, int group)
    {
        _keys[slot] = key;
        _groups[slot] = group;
        if (++_count * 2 > _groups.Length)
        {
            Grow();
        }
    }

    public long MemoryBytes => (long)_keys.Length * (sizeof(long) + sizeof(int));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Mix(long key)
    {
        // MurmurHash3's 64-bit finalizer: consecutive keys spread over the whole table.
        var h = (ulong)key;
        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCDUL;
        h ^= h >> 33;
        h *= 0xC4CEB9FE1A85EC53UL;
        h ^= h >> 33;
        return (int)h;
    }

    private void Grow()
    {
        var keys = _keys;
        var groups = _groups;
        _keys = new long[keys.Length * 2];
        _groups = new int[keys.Length * 2];
        Array.Fill(_groups, -1);
        _mask = _keys.Length - 1;
        for (var i = 0; i < keys.Length; i++)
        {
            if (groups[i] >= 0)
            {
                var slot = Mix(keys[i]) & _mask;
                while (_groups[slot] >= 0)
                {
                    slot = (slot + 1) & _mask;
                }

                _keys[slot] = keys[i];
                _groups[slot] = groups[i];
            }
        }
    }
}
