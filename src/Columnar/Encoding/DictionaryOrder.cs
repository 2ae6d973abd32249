using System.Runtime.CompilerServices;
using Olap.Columnar.Vectors;

namespace Olap.Columnar.Encoding;

/// <summary>
/// The string order of a frozen dictionary's entries, worked out once per dictionary and kept while the dictionary
/// lives: every row group a cube writes from the same axis values then orders its chunk's strings without comparing
/// any. Entries with equal strings share a rank.
/// </summary>
internal sealed class DictionaryOrder
{
    private static readonly ConditionalWeakTable<ColumnVector, DictionaryOrder> s_orders = [];

    private DictionaryOrder(ColumnVector dictionary)
    {
        var entries = new int[dictionary.Count];
        for (var e = 0; e < entries.Length; e++)
        {
            entries[e] = e;
        }

        Array.Sort(entries, (x, y) => dictionary.GetString(x).SequenceCompareTo(dictionary.GetString(y)));
        RankOfEntry = new int[entries.Length];
        var entryOfRank = new List<int>();
        foreach (var entry in entries)
        {
            if (entryOfRank.Count == 0 || !dictionary.GetString(entry).SequenceEqual(dictionary.GetString(entryOfRank[^1])))
            {
                entryOfRank.Add(entry);
            }

            RankOfEntry[entry] = entryOfRank.Count - 1;
        }

        EntryOfRank = [.. entryOfRank];
    }

    /// <summary>Per entry, the rank of its string among the dictionary's distinct strings.</summary>
    public int[] RankOfEntry { get; }

    /// <summary>Per rank, one entry holding that string.</summary>
    public int[] EntryOfRank { get; }

    public int RankCount => EntryOfRank.Length;

    /// <summary>The order of <paramref name="dictionary"/>, which must be frozen (its strings never change).</summary>
    public static DictionaryOrder Of(ColumnVector dictionary)
    {
        if (!dictionary.IsFrozen)
        {
            throw new ArgumentException("Only a frozen dictionary's order can be kept.", nameof(dictionary));
        }

        return s_orders.GetValue(dictionary, static d => new DictionaryOrder(d));
    }
}
