using System.Numerics;

namespace Olap.Columnar.Encoding;

/// <summary>
/// Numbers 64-bit value patterns in order of first appearance: an open-addressing table sized once for the most
/// entries a dictionary may have, so the chunk analysis neither rehashes nor calls through an equality comparer.
/// </summary>
internal sealed class ValueCodeTable
{
    private readonly long[] _slotKeys;
    private readonly int[] _slotCodes;
    private readonly long[] _keys;
    private readonly int _shift;

    [ThreadStatic]
    private static ValueCodeTable? t_cached;

    /// <param name="maxEntries">The most entries that will be added; the table never grows.</param>
    public ValueCodeTable(int maxEntries)
    {
        var capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, maxEntries * 2));
        _slotKeys = new long[capacity];
        _slotCodes = new int[capacity];
        _keys = new long[Math.Max(1, maxEntries)];
        _shift = 64 - BitOperations.Log2((uint)capacity);
    }

    public int Count { get; private set; }

    /// <summary>
    /// An empty table for up to <paramref name="maxEntries"/> entries, reused per thread: a wide chunk's table is a few
    /// megabytes, too much to allocate and zero for every column chunk.
    /// </summary>
    public static ValueCodeTable Rent(int maxEntries)
    {
        if (maxEntries < 4096)
        {
            return new ValueCodeTable(maxEntries);
        }

        var table = t_cached;
        if (table is null || table._keys.Length < maxEntries)
        {
            table = t_cached = new ValueCodeTable(maxEntries);
        }
        else
        {
            table._slotCodes.AsSpan().Clear();
            table.Count = 0;
        }

        return table;
    }

    /// <summary>The keys in order of first appearance: key k has code k.</summary>
    public ReadOnlySpan<long> Keys => _keys.AsSpan(0, Count);

    public int GetOrAdd(long key, out bool added)
    {
        var mask = _slotKeys.Length - 1;
        var slot = (int)((ulong)(key * unchecked((long)0x9E3779B97F4A7C15)) >> _shift);
        while (true)
        {
            var code = _slotCodes[slot] - 1;
            if (code < 0)
            {
                code = Count++;
                _slotKeys[slot] = key;
                _slotCodes[slot] = code + 1;
                _keys[code] = key;
                added = true;
                return code;
            }

            if (_slotKeys[slot] == key)
            {
                added = false;
                return code;
            }

            slot = (slot + 1) & mask;
        }
    }
}
