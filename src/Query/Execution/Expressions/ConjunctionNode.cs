using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Query.Execution.Expressions;

/// <summary>
/// AND / OR of BOOLEAN operands with three-valued logic (FALSE AND NULL = FALSE, TRUE OR NULL = TRUE). Each operand
/// runs only on the rows the earlier ones left undecided, so <c>x &lt;&gt; 0 AND 10 // x &gt; 1</c> never divides by a
/// zero it filtered out, and <see cref="Select"/> narrows the selection operand by operand.
/// </summary>
internal sealed class ConjunctionNode(bool isAnd, ExpressionNode[] operands) : ExpressionNode(ColumnType.Boolean)
{
    private readonly ColumnVector _output = new(ColumnType.Boolean);
    private int[] _active = new int[VectorSize.Standard];
    private int[] _next = new int[VectorSize.Standard];
    private byte[] _sawNull = new byte[VectorSize.Standard];

    public override ColumnVector Evaluate(DataChunk chunk, RowSelection rows)
    {
        var count = rows.Count;
        Ensure(count);
        var values = _output.PrepareFlat<byte>(count);
        // The value every row keeps unless an operand decides it: TRUE for AND, FALSE for OR.
        var undecided = isAnd ? (byte)1 : (byte)0;
        var active = BooleanRows.CopyAll(rows, _active);
        for (var i = 0; i < active; i++)
        {
            values[_active[i]] = undecided;
            _sawNull[_active[i]] = 0;
        }

        foreach (var operand in operands)
        {
            if (active == 0)
            {
                break;
            }

            var vector = operand.Evaluate(chunk, new RowSelection(count, _active.AsSpan(0, active)));
            var kept = 0;
            for (var i = 0; i < active; i++)
            {
                var row = _active[i];
                if (vector.IsNull(row))
                {
                    _sawNull[row] = 1;
                    _next[kept++] = row;
                }
                else if ((vector.GetValue<byte>(row) != 0) == isAnd)
                {
                    _next[kept++] = row;
                }
                else
                {
                    values[row] = (byte)(1 - undecided);
                }
            }

            (_active, _next) = (_next, _active);
            active = kept;
        }

        for (var i = 0; i < active; i++)
        {
            if (_sawNull[_active[i]] != 0)
            {
                _output.Validity.SetInvalid(_active[i], count);
            }
        }

        return _output;
    }

    public override int Select(DataChunk chunk, RowSelection rows, Span<int> result)
    {
        var count = rows.Count;
        Ensure(count);
        if (isAnd)
        {
            var active = BooleanRows.CopyAll(rows, _active);
            foreach (var operand in operands)
            {
                if (active == 0)
                {
                    return 0;
                }

                active = operand.Select(chunk, new RowSelection(count, _active.AsSpan(0, active)), _next);
                (_active, _next) = (_next, _active);
            }

            _active.AsSpan(0, active).CopyTo(result);
            return active;
        }

        // OR: each operand sees the rows not yet TRUE; the union is read back in row order from a mark per row.
        var remaining = BooleanRows.CopyAll(rows, _active);
        for (var i = 0; i < remaining; i++)
        {
            _sawNull[_active[i]] = 0;
        }

        foreach (var operand in operands)
        {
            if (remaining == 0)
            {
                break;
            }

            var matched = operand.Select(chunk, new RowSelection(count, _active.AsSpan(0, remaining)), _next);
            var m = 0;
            var kept = 0;
            for (var i = 0; i < remaining; i++)
            {
                var row = _active[i];
                if (m < matched && _next[m] == row)
                {
                    _sawNull[row] = 1;
                    m++;
                }
                else
                {
                    _active[kept++] = row;
                }
            }

            remaining = kept;
        }

        var total = 0;
        for (var i = 0; i < rows.LiveCount; i++)
        {
            var row = rows[i];
            if (_sawNull[row] != 0)
            {
                result[total++] = row;
            }
        }

        return total;
    }

    private void Ensure(int count)
    {
        if (_active.Length < count)
        {
            _active = new int[count];
            _next = new int[count];
            _sawNull = new byte[count];
        }
    }
}
