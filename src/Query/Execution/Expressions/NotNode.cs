using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Query.Execution.Expressions;

/// <summary>NOT of a BOOLEAN operand; NOT NULL is NULL.</summary>
internal sealed class NotNode(ExpressionNode operand) : ExpressionNode(ColumnType.Boolean)
{
    private readonly ColumnVector _output = new(ColumnType.Boolean);
    private byte[]? _scratch;

    public override ColumnVector Evaluate(DataChunk chunk, RowSelection rows)
    {
        var input = operand.Evaluate(chunk, rows);
        if (input.Form == VectorForm.Constant)
        {
            if (input.IsNull(0))
            {
                _output.SetConstantNull(rows.Count);
            }
            else
            {
                VectorResults.SetConstant(_output, rows.Count, (byte)(input.Values<byte>()[0] == 0 ? 1 : 0));
            }

            return _output;
        }

        var values = Operand<byte>.Read(input, rows, ref _scratch);
        var output = _output.PrepareFlat<byte>(rows.Count);
        for (var i = 0; i < rows.LiveCount; i++)
        {
            var row = rows[i];
            output[row] = (byte)(values[row] == 0 ? 1 : 0);
        }

        VectorResults.CopyRowValidity(input, _output, rows.Count);
        return _output;
    }
}
