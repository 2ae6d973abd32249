using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Query.Execution.Expressions;

/// <summary>
/// Assembles a result from several branch vectors (CASE arms, COALESCE arguments): each live row names the branch
/// that answers it (-1 for NULL), and one pass in row order copies values, so strings append in order too.
/// </summary>
internal sealed class BranchGather(ColumnType type)
{
    private readonly StringVectorWriter _writer = new();
    private int[] _branchOf = new int[VectorSize.Standard];

    public ColumnVector Output { get; } = new(type);

    /// <summary>Branch per row, sized for <paramref name="count"/> rows; the caller fills the live rows.</summary>
    public Span<int> BranchOf(int count)
    {
        if (_branchOf.Length < count)
        {
            _branchOf = new int[count];
        }

        return _branchOf.AsSpan(0, count);
    }

    public ColumnVector Gather(ReadOnlySpan<ColumnVector?> branches, RowSelection rows)
    {
        var count = rows.Count;
        var branchOf = _branchOf;
        if (type.Physical == PhysicalKind.String)
        {
            _writer.Begin(count);
            for (var i = 0; i < rows.LiveCount; i++)
            {
                var row = rows[i];
                var source = branchOf[row] < 0 ? null : branches[branchOf[row]];
                if (source is null || source.IsNull(row))
                {
                    _writer.AppendNull(row);
                }
                else
                {
                    _writer.Append(row, source.GetString(row));
                }
            }

            _writer.Finish(Output);
            return Output;
        }

        VectorResults.PrepareFlatFixed(Output, count);
        for (var i = 0; i < rows.LiveCount; i++)
        {
            var row = rows[i];
            var source = branchOf[row] < 0 ? null : branches[branchOf[row]];
            if (source is null || source.IsNull(row))
            {
                Output.Validity.SetInvalid(row, count);
            }
            else
            {
                VectorResults.CopyFixed(source, Output, row);
            }
        }

        return Output;
    }
}
