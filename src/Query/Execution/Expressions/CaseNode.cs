using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Query.Execution.Expressions;

/// <summary>
/// Searched CASE: each WHEN runs on the rows no earlier WHEN took, its THEN only on the rows it selected (so a THEN
/// never fails on rows it does not answer), and ELSE on the rest.
/// </summary>
internal sealed class CaseNode : ExpressionNode
{
    private readonly ExpressionNode[] _whens;
    private readonly ExpressionNode[] _thens;
    private readonly ExpressionNode _else;
    private readonly BranchGather _gather;
    private readonly ColumnVector?[] _branches;
    private int[] _remaining = new int[VectorSize.Standard];
    private int[] _matched = new int[VectorSize.Standard];
    private int[] _next = new int[VectorSize.Standard];

    public CaseNode(ExpressionNode[] whens, ExpressionNode[] thens, ExpressionNode @else, ColumnType type)
        : base(type)
    {
        _whens = whens;
        _thens = thens;
        _else = @else;
        _gather = new BranchGather(type);
        _branches = new ColumnVector?[thens.Length + 1];
    }

    public override ColumnVector Evaluate(DataChunk chunk, RowSelection rows)
    {
        var count = rows.Count;
        if (_remaining.Length < count)
        {
            _remaining = new int[count];
            _matched = new int[count];
            _next = new int[count];
        }

        var branchOf = _gather.BranchOf(count);
        var remaining = BooleanRows.CopyAll(rows, _remaining);
        Array.Clear(_branches);
        for (var w = 0; w < _whens.Length && remaining > 0; w++)
        {
            var matched = _whens[w].Select(chunk, new RowSelection(count, _remaining.AsSpan(0, remaining)), _matched);
            if (matched == 0)
            {
                continue;
            }

            _branches[w] = _thens[w].Evaluate(chunk, new RowSelection(count, _matched.AsSpan(0, matched)));
            var m = 0;
            var kept = 0;
            for (var i = 0; i < remaining; i++)
            {
                var row = _remaining[i];
                if (m < matched && _matched[m] == row)
                {
                    branchOf[row] = w;
                    m++;
                }
                else
                {
                    _next[kept++] = row;
                }
            }

            (_remaining, _next) = (_next, _remaining);
            remaining = kept;
        }

        if (remaining > 0)
        {
            _branches[^1] = _else.Evaluate(chunk, new RowSelection(count, _remaining.AsSpan(0, remaining)));
            for (var i = 0; i < remaining; i++)
            {
                branchOf[_remaining[i]] = _thens.Length;
            }
        }

        return _gather.Gather(_branches, rows);
    }
}
