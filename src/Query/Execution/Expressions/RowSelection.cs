namespace Olap.Query.Execution.Expressions;

/// <summary>
/// The rows of a chunk an expression node evaluates: all <see cref="Count"/> rows when <see cref="IsDense"/>, else the
/// ascending row indices of <see cref="Selection"/>. Results are aligned with chunk positions either way.
/// </summary>
internal readonly ref struct RowSelection
{
    public RowSelection(int count)
    {
        Count = count;
        IsDense = true;
        Selection = default;
    }

    public RowSelection(int count, ReadOnlySpan<int> selection)
    {
        Count = count;
        IsDense = false;
        Selection = selection;
    }

    /// <summary>Rows in the chunk's vectors, live or not.</summary>
    public int Count { get; }

    public bool IsDense { get; }

    public ReadOnlySpan<int> Selection { get; }

    public int LiveCount => IsDense ? Count : Selection.Length;

    /// <summary>The chunk row of the <paramref name="i"/>-th live row.</summary>
    public int this[int i] => IsDense ? i : Selection[i];
}
