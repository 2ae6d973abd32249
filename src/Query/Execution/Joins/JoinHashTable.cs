namespace Olap.Query.Execution.Joins;

/// <summary>
/// The build side's keys, encoded as 64-bit codes per key column, chained by key: <see cref="Find(ReadOnlySpan{long})"/> gives the first
/// build row with a key and <see cref="Next"/> the following ones. A single integer key whose values span a small
/// range is looked up in a direct-mapped array instead of by hashing.
/// </summary>
internal sealed class JoinHashTable
{
    private const int DirectRangeLimit = 1 << 22;

    private readonly int _width;
    private readonly long[] _keys;
    private readonly int[] _next;
    private readonly int[] _heads;
    private readonly int _mask;
    private readonly long _directMin;
    private readonly bool _direct;

    /// <summary>Builds the table over <paramref name="rowCount"/> rows whose codes are <paramref name="keys"/> (row-major); rows with <paramref name="skip"/> set (NULL keys) never match.</summary>
    public JoinHashTable(long[] keys, int width, int rowCount, bool[] skip)
    {
        _width = width;
        _keys = keys;
        _next = new int[rowCount];
        var unique = true;
        if (width == 1 && TryRange(keys, rowCount, skip, out var min, out var max) && max - min < Math.Max(DirectRangeLimit / 4, 4L * rowCount) && max - min < DirectRangeLimit)
        {
            _direct = true;
            _directMin = min;
            _heads = new int[max - min + 1];
            Array.Fill(_heads, -1);

            // Insert from the last row so that chains list rows in build order.
            for (var row = rowCount - 1; row >= 0; row--)
            {
                if (skip[row])
                {
                    continue;
                }

                ref var head = ref _heads[keys[row] - min];
                unique &= head < 0;
                _next[row] = head;
                head = row;
            }
        }
        else
        {
            var capacity = 16;
            while (capacity < rowCount * 2)
            {
                capacity <<= 1;
            }

            _heads = new int[capacity];
            Array.Fill(_heads, -1);
            _mask = capacity - 1;
            for (var row = rowCount - 1; row >= 0; row--)
            {
                if (skip[row])
                {
                    continue;
                }

                var tuple = keys.AsSpan(row * width, width);
                var slot = (int)Hash(tuple) & _mask;
                while (true)
                {
                    var head = _heads[slot];
                    if (head < 0)
                    {
                        _heads[slot] = row;
                        _next[row] = -1;
                        break;
                    }

                    if (keys.AsSpan(head * width, width).SequenceEqual(tuple))
                    {
                        unique = false;
                        _next[row] = head;
                        _heads[slot] = row;
                        break;
                    }

                    slot = (slot + 1) & _mask;
                }
            }
        }

        IsUnique = unique;
    }

    /// <summary>True when no two build rows share a key: every probe row matches at most once.</summary>
    public bool IsUnique { get; }

    public bool IsDirect => _direct;

    /// <summary>The first build row whose key equals <paramref name="tuple"/>, or -1.</summary>
    public int Find(ReadOnlySpan<long> tuple)
    {
        if (_direct)
        {
            var offset = tuple[0] - _directMin;
            return (ulong)offset < (ulong)_heads.Length ? _heads[offset] : -1;
        }

        var slot = (int)Hash(tuple) & _mask;
        while (true)
        {
            var head = _heads[slot];
            if (head < 0 || _keys.AsSpan(head * _width, _width).SequenceEqual(tuple))
            {
                return head;
            }

            slot = (slot + 1) & _mask;
        }
    }

    /// <summary>The first build row of a single-column key.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public int Find(long key)
    {
        if (_direct)
        {
            var offset = key - _directMin;
            return (ulong)offset < (ulong)_heads.Length ? _heads[offset] : -1;
        }

        var slot = (int)Hash(key) & _mask;
        while (true)
        {
            var head = _heads[slot];
            if (head < 0 || _keys[head] == key)
            {
                return head;
            }

            slot = (slot + 1) & _mask;
        }
    }

    /// <summary>The first build row of <paramref name="key"/> in a direct-mapped table (<see cref="IsDirect"/>).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public int FindDirect(long key)
    {
        var offset = key - _directMin;
        return (ulong)offset < (ulong)_heads.Length ? _heads[offset] : -1;
    }

    public int Next(int row) => _next[row];

    public long MemoryBytes => ((long)_heads.Length + _next.Length) * sizeof(int) + ((long)_keys.Length * sizeof(long));

    private static bool TryRange(long[] keys, int rowCount, bool[] skip, out long min, out long max)
    {
        min = long.MaxValue;
        max = long.MinValue;
        for (var row = 0; row < rowCount; row++)
        {
            if (!skip[row])
            {
                min = Math.Min(min, keys[row]);
                max = Math.Max(max, keys[row]);
            }
        }

        return min <= max && max - min >= 0;
    }

    private static ulong Hash(long key)
    {
        // The same value Hash(ReadOnlySpan) gives a one-element tuple.
        var hash = (0x9E3779B97F4A7C15UL ^ (ulong)key) * 0xBF58476D1CE4E5B9UL;
        hash ^= hash >> 31;
        return hash ^ (hash >> 29);
    }

    private static ulong Hash(ReadOnlySpan<long> tuple)
    {
        var hash = 0x9E3779B97F4A7C15UL;
        foreach (var value in tuple)
        {
            hash = (hash ^ (ulong)value) * 0xBF58476D1CE4E5B9UL;
            hash ^= hash >> 31;
        }

        return hash ^ (hash >> 29);
    }
}
