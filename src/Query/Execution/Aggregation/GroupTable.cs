using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Query.Execution.Aggregation;

/// <summary>
/// Maps group keys to dense group ids with open addressing over encoded keys (one 64-bit code per key column plus a
/// NULL mask), and keeps each group's key values for the output. One table per worker; tables merge by feeding one's
/// keys into another.
/// </summary>
internal sealed class GroupTable
{
    private readonly KeyEncoder[] _encoders;
    private readonly int _width;
    private readonly long[][] _codes;
    private readonly bool[][] _nulls;
    private long[] _keys;
    private int[] _slots;
    private int _mask;

    public GroupTable(IReadOnlyList<ColumnType> keyTypes)
    {
        _encoders = [.. keyTypes.Select(t => new KeyEncoder(t))];
        _width = keyTypes.Count + 1;
        _codes = [.. keyTypes.Select(_ => new long[VectorSize.Standard])];
        _nulls = [.. keyTypes.Select(_ => new bool[VectorSize.Standard])];
        KeyValues = [.. keyTypes.Select(t => new ColumnBuilder(t))];
        _keys = new long[1024 * _width];
        _slots = new int[2048];
        Array.Fill(_slots, -1);
        _mask = _slots.Length - 1;
    }

    public int GroupCount { get; private set; }

    /// <summary>Each group's key values, row g for group g.</summary>
    public ColumnBuilder[] KeyValues { get; }

    /// <summary>Writes the group id of each of <paramref name="rows"/> to <paramref name="groupIds"/>, adding new groups.</summary>
    public void FindOrAdd(ReadOnlySpan<ColumnVector> keys, ReadOnlySpan<int> rows, Span<int> groupIds)
    {
        for (var k = 0; k < _encoders.Length; k++)
        {
            _encoders[k].Encode(keys[k], rows, _codes[k], _nulls[k], add: true);
        }

        Span<long> tuple = stackalloc long[_width];
        for (var i = 0; i < rows.Length; i++)
        {
            long nullMask = 0;
            for (var k = 0; k < _encoders.Length; k++)
            {
                var isNull = _nulls[k][i];
                tuple[k] = isNull ? 0 : _codes[k][i];
                nullMask |= isNull ? 1L << k : 0;
            }

            tuple[^1] = nullMask;
            groupIds[i] = FindOrAdd(tuple, keys, rows[i]);
        }
    }

    private int FindOrAdd(ReadOnlySpan<long> tuple, ReadOnlySpan<ColumnVector> keys, int row)
    {
        var hash = Hash(tuple);
        var slot = (int)hash & _mask;
        while (true)
        {
            var group = _slots[slot];
            if (group < 0)
            {
                return Add(tuple, keys, row, slot);
            }

            if (_keys.AsSpan(group * _width, _width).SequenceEqual(tuple))
            {
                return group;
            }

            slot = (slot + 1) & _mask;
        }
    }

    private int Add(ReadOnlySpan<long> tuple, ReadOnlySpan<ColumnVector> keys, int row, int slot)
    {
        var group = GroupCount++;
        if ((group + 1) * _width > _keys.Length)
        {
            Array.Resize(ref _keys, _keys.Length * 2);
        }

        tuple.CopyTo(_keys.AsSpan(group * _width));
        for (var k = 0; k < keys.Length; k++)
        {
            KeyValues[k].AppendFrom(keys[k], row);
        }

        _slots[slot] = group;
        if (GroupCount * 2 > _slots.Length)
        {
            Grow();
        }

        return group;
    }

    private void Grow()
    {
        _slots = new int[_slots.Length * 2];
        Array.Fill(_slots, -1);
        _mask = _slots.Length - 1;
        for (var group = 0; group < GroupCount; group++)
        {
            var slot = (int)Hash(_keys.AsSpan(group * _width, _width)) & _mask;
            while (_slots[slot] >= 0)
            {
                slot = (slot + 1) & _mask;
            }

            _slots[slot] = group;
        }
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

    /// <summary>Bytes held, for EXPLAIN ANALYZE.</summary>
    public long MemoryBytes => ((long)_keys.Length * sizeof(long)) + ((long)_slots.Length * sizeof(int));
}
