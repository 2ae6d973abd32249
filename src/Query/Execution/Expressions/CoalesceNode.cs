using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Query.Execution.Expressions;

/// <summary>COALESCE: each argument runs only on the rows the earlier ones left NULL.</summary>
internal sealed class CoalesceNode : ExpressionNode
{
    private readonly ExpressionNode[] _arguments;
    private readonly BranchGather _gather;
    private readonly ColumnVector?[] _branches;
    private int[] _remaining = new int[VectorSize.Standard];

    public CoalesceNode(ExpressionNode[] arguments, ColumnType type)
        : base(type)
    {
        _arguments = arguments;
        _gather = new BranchGather(type);
        _branches = new ColumnVector?[arguments.Length];
    }

    public override ColumnVector Evaluate(DataChunk chunk, RowSelection rows)
    {
        var count = rows.Count;
        if (_remaining.Length < count)
        {
            _remaining = new int[count];
        }

        var branchOf = _gather.BranchOf(count);
        var remaining = BooleanRows.CopyAll(rows, _remaining);
        for (var i = 0; i < remaining; i++)
        {
            branchOf[_remaining[i]] = -1;
        }

        for (var a = 0; a < _arguments.Length && remaining > 0; a++)
        {
            var vector = _arguments[a].Evaluate(chunk, new RowSelection(count, _remaining.AsSpan(0, remaining)));
            _branches[a] = vector;
            var kept = 0;
            for (var i = 0; i < remaining; i++)
            {
                var row = _remaining[i];
                if (vector.IsNull(row))
                {
                    _remaining[kept++] = row;
                }
                else
                {
                    branchOf[row] = a;
                }
            }

            remaining = kept;
        }

        return _gather.Gather(_branches, rows);
    }
}
