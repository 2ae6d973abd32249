using System.Runtime.CompilerServices;
using Olap.Columnar.Vectors;

namespace Olap.Query.Execution.Expressions;

/// <summary>A unary operation on one value; false makes the row NULL.</summary>
internal interface IUnaryOp<TSource, TResult>
{
    bool TryApply(TSource value, out TResult result);
}

/// <summary>The loop every fixed-width unary kernel runs (casts, ABS, ROUND, EXTRACT), specialized per operator struct.</summary>
internal sealed class UnaryKernel<TSource, TResult>
    where TSource : unmanaged
    where TResult : unmanaged
{
    private TSource[]? _scratch;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Run<TOp>(ColumnVector input, ColumnVector output, RowSelection rows, TOp op)
        where TOp : struct, IUnaryOp<TSource, TResult>
    {
        if (input.Form == VectorForm.Constant)
        {
            if (input.IsNull(0) || !op.TryApply(input.GetValue<TSource>(0), out var value))
            {
                output.SetConstantNull(rows.Count);
            }
            else
            {
                VectorResults.SetConstant(output, rows.Count, value);
            }

            return;
        }

        var values = Operand<TSource>.Read(input, rows, ref _scratch);
        var count = rows.Count;
        var o = output.PrepareFlat<TResult>(count);
        var validity = output.Validity;
        if (!values.HasNulls && rows.IsDense)
        {
            for (var row = 0; row < count; row++)
            {
                if (!op.TryApply(values[row], out o[row]))
                {
                    validity.SetInvalid(row, count);
                }
            }

            return;
        }

        for (var i = 0; i < rows.LiveCount; i++)
        {
            var row = rows[i];
            if (!values.IsValid(row) || !op.TryApply(values[row], out o[row]))
            {
                validity.SetInvalid(row, count);
            }
        }
    }
}

/// <summary>A node applying one unary operator struct to its operand.</summary>
internal sealed class UnaryNode<TSource, TResult, TOp>(ExpressionNode operand, Olap.Columnar.Types.ColumnType type, TOp op) : ExpressionNode(type)
    where TSource : unmanaged
    where TResult : unmanaged
    where TOp : struct, IUnaryOp<TSource, TResult>
{
    private readonly ColumnVector _output = new(type);
    private readonly UnaryKernel<TSource, TResult> _kernel = new();

    public override ColumnVector Evaluate(DataChunk chunk, RowSelection rows)
    {
        _kernel.Run(operand.Evaluate(chunk, rows), _output, rows, op);
        return _output;
    }
}
