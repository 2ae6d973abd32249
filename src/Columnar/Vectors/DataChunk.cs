namespace Olap.Columnar.Vectors;

/// <summary>
/// Up to <see cref="VectorSize.Standard"/> rows as one <see cref="ColumnVector"/> per column, plus an optional
/// <see cref="SelectionVector"/> naming the live rows. Filters set the selection; they do not copy columns.
/// </summary>
public sealed class DataChunk
{
    // Made on first use: many chunks (results, aggregate output, unfiltered scans) never select.
    private SelectionVector? _selection;

    public DataChunk(IReadOnlyList<Types.ColumnType> types, int capacity = VectorSize.Standard)
    {
        Columns = new ColumnVector[types.Count];
        for (var i = 0; i < Columns.Length; i++)
        {
            Columns[i] = new ColumnVector(types[i]);
        }

        Capacity = capacity;
    }

    public ColumnVector[] Columns { get; }

    public int Capacity { get; }

    /// <summary>Rows in the vectors, selected or not.</summary>
    public int Count { get; private set; }

    /// <summary>The live rows, or null when every row is live.</summary>
    public SelectionVector? Selection { get; private set; }

    /// <summary>Rows that are live: the selection's count, or <see cref="Count"/> when there is no selection.</summary>
    public int LiveCount => Selection?.Count ?? Count;

    /// <summary>
    /// Where this chunk's rows stand in their source's storage order (scans number their chunks); results of
    /// parallel workers are put back in this order, so a plain scan returns rows in insertion order.
    /// </summary>
    public long Sequence { get; set; }

    public void SetCount(int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Capacity);
        Count = count;
        Selection = null;
    }

    /// <summary>The chunk's own selection vector, to fill and then pass to <see cref="Select"/>.</summary>
    public SelectionVector SelectionStorage => _selection ??= new SelectionVector(Capacity);

    /// <summary>Restricts the live rows to those whose bits are set (bit i = row i).</summary>
    public void Select(ReadOnlySpan<ulong> bits)
    {
        var selection = SelectionStorage;
        selection.SetFromBits(bits, Count);
        Selection = selection;
    }

    public void ClearSelection() => Selection = null;

    /// <summary>Makes the first <paramref name="count"/> indices of <see cref="SelectionStorage"/> the live rows.</summary>
    public void UseSelectionStorage(int count)
    {
        var selection = SelectionStorage;
        selection.SetCount(count);
        Selection = selection;
    }

    /// <summary>Copies <paramref name="rows"/> (ascending, each below <see cref="Count"/>) into this chunk's selection and makes them the live rows.</summary>
    public void SetSelection(ReadOnlySpan<int> rows)
    {
        rows.CopyTo(SelectionStorage.Storage);
        UseSelectionStorage(rows.Length);
    }
}
