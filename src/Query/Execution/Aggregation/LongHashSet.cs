using System.Runtime.CompilerServices;

namespace Olap.Query.Execution.Aggregation;

/// <summary>An open-addressing set of 64-bit codes: the distinct values of COUNT(DISTINCT) without GROUP BY.</summary>
internal sealed class LongHashSet
{
    private long[] _values = new long[1024];
    private bool[] _used = new bool[1024];
    private int _mask = 1023;

    public int Count { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(long value)
    {
        var slot = Slot(value, _mask);
        while (_used[slot])
        {
            if (_values[slot] == value)
            {
                return;
            }

            slot = (slot + 1) & _mask;
        }

        _used[slot] = true;
        _values[slot] = value;
        if (++Count * 2 > _values.Length)
        {
            Grow();
        }
    }

    /// <summary>Calls <paramref name="visit"/> for every value (merging and final sums; not a hot path).</summary>
    public void ForEach(Action<long> visit)
    {
        for (var i = 0; i < _values.Length; i++)
        {
            if (_used[i])
            {
                visit(_values[i]);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Slot(long value, int mask)
    {
        var hash = ((ulong)value ^ 0x9E3779B97F4A7C15UL) * 0xBF58476D1CE4E5B9UL;
        return (int)(hash ^ (hash >> 31)) & mask;
    }

    private void Grow()
    {
        var values = _values;
        var used = _used;
        _values = new long[values.Length * 2];
        _used = new bool[values.Length * 2];
        _mask = _values.Length - 1;
        for (var i = 0; i < values.Length; i++)
        {
            if (used[i])
            {
                var slot = Slot(values[i], _mask);
                while (_used[slot])
                {
                    slot = (slot + 1) & _mask;
                }

                _used[slot] = true;
                _values[slot] = values[i];
            }
        }
    }
}
