using System.Runtime.CompilerServices;
using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Query.Execution.Aggregation;

/// <summary>
/// Maps group keys to dense group ids with open addressing over encoded keys (one 64-bit code per key column plus a
/// NULL mask), and keeps each group's key values for the output. One table per worker; tables merge by feeding one's
/// keys into another. A single key whose codes stay within a window of <see cref="DirectWindow"/> values (a year,
/// a small integer, the interned ids of a low-cardinality string) is looked up in an array instead of hashed, until
/// a code falls outside the window.
/// </summary>
internal sealed class GroupTable
{
    private readonly KeyEncoder[] _encoders;
    private readonly int _width;
    // Per-chunk scratch: each looked-up row's code and NULL flag per key. Sized to the chunks seen (a cube query's
    // chunks hold a few rows), not to a whole vector: a table per worker per query made it tens of kilobytes to zero.
    private readonly long[][] _codes;
    private readonly bool[][] _nulls;
    private long[] _keys;
    private int[] _slots;
    private int _mask;

    private const int DirectWindow = 1 << 16;
    private const int InitialGroups = 64;

    // Rows (of the keys being looked up) that started new groups, whose key values are still to be copied.
    private int[] _pendingRows = new int[InitialGroups];
    private readonly ColumnBuilder[] _keyValues;
    private readonly bool[] _stringKey;
    private int _pendingCount;
    private int[]? _direct;
    private long _directBase;
    private int _nullGroup = -1;
    private bool _hashed;
    private SingleKeyMap? _single;

    // Packed multi-key mode (see FindOrAddPacked): bits per key, each key's base code, the map of packed values.
    private readonly int _packBits;
    private long[]? _packBases;
    private bool[]? _packHasBase;
    private SingleKeyMap? _packed;
    private bool _packFailed;

    public GroupTable(IReadOnlyList<ColumnType> keyTypes)
    {
        _encoders = [.. keyTypes.Select(t => new KeyEncoder(t))];
        _width = keyTypes.Count + 1;
        _codes = [.. keyTypes.Select(_ => new long[InitialGroups])];
        _nulls = [.. keyTypes.Select(_ => new bool[InitialGroups])];
        // Small to start (a cube's answer has a handful of groups); the tables double as groups arrive.
        _keyValues = [.. keyTypes.Select(t => new ColumnBuilder(t, InitialGroups))];
        _stringKey = [.. keyTypes.Select(t => t.Physical == PhysicalKind.String)];
        _keys = new long[InitialGroups * _width];
        _slots = new int[2 * InitialGroups];
        Array.Fill(_slots, -1);
        _mask = _slots.Length - 1;

        // A NULL bit per key and the same number of value bits each: 31 for two keys, 20 for three, 15 for four.
        _packBits = keyTypes.Count >= 2 ? (64 - keyTypes.Count) / keyTypes.Count : 0;
        _packFailed = _packBits < 8;
    }

    public int GroupCount { get; private set; }

    /// <summary>
    /// Each group's values of key <paramref name="key"/>, row g for group g. A string key is a dictionary vector: the
    /// group's interned id over the distinct strings, which are kept once (a group does not copy its strings).
    /// </summary>
    public ColumnVector KeyVector(int key)
    {
        if (!_stringKey[key])
        {
            return _keyValues[key].ToVector();
        }

        var interner = _encoders[key].Interner!;
        var entries = new ColumnBuilder(_keyValues[key].Type, interner.Count);
        for (var id = 0; id < interner.Count; id++)
        {
            entries.AppendString(interner.Get(id));
        }

        if (interner.Count == 0)
        {
            // Only NULL keys: their code 0 must still name an entry, for readers that look codes up before validity.
            entries.AppendString(ReadOnlySpan<byte>.Empty);
        }

        var dictionary = entries.ToVector();
        dictionary.Freeze();
        var codes = new int[GroupCount];
        var vector = new ColumnVector(_keyValues[key].Type);
        for (var group = 0; group < codes.Length; group++)
        {
            codes[group] = (int)_keys[(group * _width) + key];
        }

        vector.ReferenceDictionary(codes.Length, dictionary, codes);
        for (var group = 0; group < codes.Length; group++)
        {
            if ((_keys[(group * _width) + _width - 1] & (1L << key)) != 0)
            {
                vector.Validity.SetInvalid(group, codes.Length);
            }
        }

        return vector;
    }

    /// <summary>Writes the group id of each of <paramref name="rows"/> to <paramref name="groupIds"/>, adding new groups.</summary>
    public void FindOrAdd(ReadOnlySpan<ColumnVector> keys, ReadOnlySpan<int> rows, Span<int> groupIds)
    {
        FindOrAddGroups(keys, rows, groupIds);

        // New groups' key values are copied in one gather per key, not value by value as they are found; string
        // keys need no copy, their interned ids are in the groups' tuples.
        if (_pendingCount > 0)
        {
            var pending = _pendingRows.AsSpan(0, _pendingCount);
            for (var k = 0; k < keys.Length; k++)
            {
                if (!_stringKey[k])
                {
                    _keyValues[k].AppendGather(keys[k], pending);
                }
            }

            _pendingCount = 0;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void FindOrAddGroups(ReadOnlySpan<ColumnVector> keys, ReadOnlySpan<int> rows, Span<int> groupIds)
    {
        if (_codes[0].Length < rows.Length)
        {
            var size = Math.Max(rows.Length, Math.Min(VectorSize.Standard, _codes[0].Length * 4));
            for (var k = 0; k < _codes.Length; k++)
            {
                _codes[k] = new long[size];
                _nulls[k] = new bool[size];
            }
        }

        for (var k = 0; k < _encoders.Length; k++)
        {
            _encoders[k].Encode(keys[k], rows, _codes[k], _nulls[k], add: true);
        }

        if (_encoders.Length == 1)
        {
            var done = _hashed ? 0 : FindOrAddDirect(keys[0], rows, groupIds);
            if (done < rows.Length)
            {
                FindOrAddSingleHashed(keys[0], rows, groupIds, done);
            }

            return;
        }

        var first = _packFailed ? 0 : FindOrAddPacked(keys, rows, groupIds);
        Span<long> tuple = stackalloc long[_width];
        for (var i = first; i < rows.Length; i++)
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

    /// <summary>
    /// Array lookup for a single key, row by row; returns how many rows it placed. A code outside the window ends
    /// direct mode for good (the groups found so far are kept) and the caller hashes the remaining rows.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int FindOrAddDirect(ColumnVector keys, ReadOnlySpan<int> rows, Span<int> groupIds)
    {
        var codes = _codes[0].AsSpan(0, rows.Length);
        var nulls = _nulls[0].AsSpan(0, rows.Length);
        if (_direct is null)
        {
            var first = -1;
            for (var i = 0; i < nulls.Length && first < 0; i++)
            {
                first = nulls[i] ? -1 : i;
            }

            if (first < 0 && GroupCount == 0 && rows.Length > 0 && _nullGroup < 0)
            {
                // Only NULLs so far: nothing to anchor the window on yet.
                for (var i = 0; i < rows.Length; i++)
                {
                    groupIds[i] = NullGroup(keys, rows[i]);
                }

                return rows.Length;
            }

            if (first >= 0)
            {
                _direct = new int[DirectWindow];
                Array.Fill(_direct, -1);
                _directBase = codes[first] - (DirectWindow / 2);
            }
        }

        var direct = _direct;
        var baseCode = _directBase;
        for (var i = 0; i < codes.Length; i++)
        {
            if (nulls[i])
            {
                groupIds[i] = NullGroup(keys, rows[i]);
                continue;
            }

            var offset = (ulong)(codes[i] - baseCode);
            if (offset >= DirectWindow)
            {
                SwitchToHashing();
                return i;
            }

            ref var slot = ref direct![(int)offset];
            if (slot < 0)
            {
                slot = AddGroup([codes[i], 0], keys, rows[i]);
            }

            groupIds[i] = slot;
        }

        return codes.Length;
    }

    /// <summary>
    /// Several keys whose codes each stay within 2^<see cref="_packBits"/> of a base (years, interned strings, small
    /// integers: SSB's d_year, c_nation, p_brand1) are packed into one 64-bit value, with a NULL bit per key on
    /// top, and looked up in a <see cref="SingleKeyMap"/>: one hash and one compare per row instead of a tuple.
    /// Returns how many rows it placed; a code out of reach ends packing for good and the caller hashes tuples.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int FindOrAddPacked(ReadOnlySpan<ColumnVector> keys, ReadOnlySpan<int> rows, Span<int> groupIds)
    {
        var width = _encoders.Length;
        var bits = _packBits;
        var limit = 1UL << bits;
        var bases = _packBases ??= new long[width];
        var hasBase = _packHasBase ??= new bool[width];
        var map = _packed ??= new SingleKeyMap(InitialGroups);
        Span<long> tuple = stackalloc long[_width];
        for (var i = 0; i < rows.Length; i++)
        {
            var packed = 0L;
            for (var k = 0; k < width; k++)
            {
                if (_nulls[k][i])
                {
                    packed |= 1L << ((width * bits) + k);
                    continue;
                }

                var code = _codes[k][i];
                if (!hasBase[k])
                {
                    // Room on both sides of the first code: later codes may be smaller (an earlier year).
                    var half = 1L << (bits - 1);
                    bases[k] = code >= long.MinValue + half ? code - half : long.MinValue;
                    hasBase[k] = true;
                }

                if (code < bases[k] || (ulong)(code - bases[k]) >= limit)
                {
                    StopPacking();
                    return i;
                }

                packed |= (code - bases[k]) << (k * bits);
            }

            var group = map.FindOrReserve(packed, out var slot);
            if (group < 0)
            {
                long nullMask = 0;
                for (var k = 0; k < width; k++)
                {
                    var isNull = _nulls[k][i];
                    tuple[k] = isNull ? 0 : _codes[k][i];
                    nullMask |= isNull ? 1L << k : 0;
                }

                tuple[^1] = nullMask;
                group = AddGroup(tuple, keys, rows[i]);
                map.Set(slot, packed, group);
            }

            groupIds[i] = group;
        }

        return rows.Length;
    }

    /// <summary>Leaves packed mode for good: the tuple hash index is built over the groups found so far.</summary>
    private void StopPacking()
    {
        _packFailed = true;
        _packed = null;
        RebuildSlots();
    }

    private int NullGroup(ColumnVector keys, int row)
    {
        if (_nullGroup < 0)
        {
            _nullGroup = AddGroup([0, 1], keys, row);
        }

        return _nullGroup;
    }

    /// <summary>Leaves direct mode for good: the groups found so far move into the hash map.</summary>
    private void SwitchToHashing()
    {
        _hashed = true;
        _direct = null;
        _single = new SingleKeyMap(Math.Max(1024, GroupCount * 2));
        for (var group = 0; group < GroupCount; group++)
        {
            if (_keys[(group * _width) + 1] == 0)
            {
                _single.FindOrReserve(_keys[group * _width], out var slot);
                _single.Set(slot, _keys[group * _width], group);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void FindOrAddSingleHashed(ColumnVector keys, ReadOnlySpan<int> rows, Span<int> groupIds, int start)
    {
        if (_single is null)
        {
            SwitchToHashing();
        }

        var map = _single!;
        var codes = _codes[0];
        var nulls = _nulls[0];
        for (var i = start; i < rows.Length; i++)
        {
            if (nulls[i])
            {
                groupIds[i] = NullGroup(keys, rows[i]);
                continue;
            }

            var code = codes[i];
            var group = map.FindOrReserve(code, out var slot);
            if (group < 0)
            {
                group = AddGroup([code, 0], keys, rows[i]);
                map.Set(slot, code, group);
            }

            groupIds[i] = group;
        }
    }

    private int AddGroup(ReadOnlySpan<long> tuple, ReadOnlySpan<ColumnVector> keys, int row)
    {
        var group = GroupCount++;
        if ((group + 1) * _width > _keys.Length)
        {
            Array.Resize(ref _keys, _keys.Length * 2);
        }

        tuple.CopyTo(_keys.AsSpan(group * _width));
        if (_pendingCount == _pendingRows.Length)
        {
            Array.Resize(ref _pendingRows, _pendingRows.Length * 2);
        }

        _pendingRows[_pendingCount++] = row;
        return group;
    }

    private int AddGroup(ReadOnlySpan<long> tuple, ColumnVector key, int row) => AddGroup(tuple, new ReadOnlySpan<ColumnVector>(in key), row);

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
        var group = AddGroup(tuple, keys, row);
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
        RebuildSlots();
    }

    private void RebuildSlots()
    {
        while (GroupCount * 2 > _slots.Length)
        {
            _slots = new int[_slots.Length * 2];
        }

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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
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
    public long MemoryBytes => ((long)_keys.Length * sizeof(long)) + ((long)_slots.Length * sizeof(int)) + (_single?.MemoryBytes ?? 0) + (_packed?.MemoryBytes ?? 0) + (_direct is null ? 0 : (long)_direct.Length * sizeof(int));
}
