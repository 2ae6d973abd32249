using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Query.Execution.Expressions;

/// <summary>operand IS [NOT] NULL; never NULL itself.</summary>
internal sealed class IsNullNode(ExpressionNode operand, bool negated) : ExpressionNode(ColumnType.Boolean)
{
    private readonly ColumnVector _output = new(ColumnType.Boolean);

    public override ColumnVector Evaluate(DataChunk chunk, RowSelection rows)
    {
        var input = operand.Evaluate(chunk, rows);
        if (input.Form == VectorForm.Constant || input.Validity.AllValid)
        {
            VectorResults.SetConstant(_output, rows.Count, (byte)(input.IsNull(0) != negated ? 1 : 0));
            return _output;
        }

        var output = _output.PrepareFlat<byte>(rows.Count);
        for (var i = 0; i < rows.LiveCount; i++)
        {
            var row = rows[i];
            output[row] = (byte)(input.IsNull(row) != negated ? 1 : 0);
        }

        return _output;
    }
}
