using Olap.Columnar.Predicates;
using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Columnar.Encoding;

/// <summary>
/// The values of one column chunk as stored, opened for reading: rows decode into vectors, and predicates are
/// evaluated on the encoded form where the encoding allows. NULL rows hold an arbitrary placeholder here; the chunk's
/// validity mask, kept beside the payload, decides which rows are NULL.
/// </summary>
public abstract class EncodedColumn
{
    protected EncodedColumn(ColumnType type, int rowCount)
    {
        Type = type;
        RowCount = rowCount;
    }

    public ColumnType Type { get; }

    public int RowCount { get; }

    public abstract EncodingKind Kind { get; }

    /// <summary>
    /// Makes <paramref name="target"/> hold rows [start, start + count): flat, constant or dictionary form, in place
    /// where the layout allows. The target's validity is left all-valid.
    /// </summary>
    public abstract void Decode(int start, int count, ColumnVector target);

    /// <summary>
    /// Like <see cref="Decode"/> into a flat vector, but only rows whose bit is set in <paramref name="selected"/> are
    /// decoded (bit i = row start + i); the others hold zero. False, with nothing done, where the encoding has no
    /// cheaper way to reach single rows than decoding all of them.
    /// </summary>
    public virtual bool TryDecodeSelected(int start, int count, ReadOnlySpan<ulong> selected, ColumnVector target) => false;

    /// <summary>
    /// Writes bit i of <paramref name="bits"/> (bit i &amp; 63 of word i &gt;&gt; 6) = whether row start + i matches
    /// <paramref name="predicate"/>, for i in [0, count); bits past count in the last word are zero.
    /// </summary>
    public abstract void Filter(ColumnPredicate predicate, int start, int count, Span<ulong> bits);

    protected void CheckRange(int start, int count)
    {
        if (start < 0 || count < 0 || start > RowCount - count)
        {
            throw new ArgumentOutOfRangeException(nameof(start), $"Rows [{start}, {start + count}) are outside the chunk's {RowCount} rows.");
        }
    }

    protected static void ClearTail(Span<ulong> bits, int count)
    {
        if ((count & 63) != 0)
        {
            bits[count >> 6] &= (1UL << (count & 63)) - 1;
        }
    }
}
