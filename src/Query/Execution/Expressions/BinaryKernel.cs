using System.Runtime.CompilerServices;
using Olap.Columnar.Vectors;

namespace Olap.Query.Execution.Expressions;

/// <summary>A binary operation on one pair of values; false makes the row NULL (division by zero).</summary>
internal interface IBinaryOp<TLeft, TRight, TResult>
{
    bool TryApply(TLeft left, TRight right, out TResult result);
}

/// <summary>
/// The one loop every binary fixed-width kernel runs: the JIT specializes it per operator struct, so there is no
/// delegate per row. Rows with a NULL operand are skipped (their values may be garbage that would overflow).
/// </summary>
internal sealed class BinaryKernel<TLeft, TRight, TResult>
    where TLeft : unmanaged
    where TRight : unmanaged
    where TResult : unmanaged
{
    private TLeft[]? _leftScratch;
    private TRight[]? _rightScratch;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Run<TOp>(ColumnVector left, ColumnVector right, ColumnVector output, RowSelection rows, TOp op)
        where TOp : struct, IBinaryOp<TLeft, TRight, TResult>
    {
        if (left.Form == VectorForm.Constant && right.Form == VectorForm.Constant)
        {
            if (left.IsNull(0) || right.IsNull(0) || !op.TryApply(left.GetValue<TLeft>(0), right.GetValue<TRight>(0), out var value))
            {
                output.SetConstantNull(rows.Count);
            }
            else
            {
                VectorResults.SetConstant(output, rows.Count, value);
            }

            return;
        }

        var l = Operand<TLeft>.Read(left, rows, ref _leftScratch);
        var r = Operand<TRight>.Read(right, rows, ref _rightScratch);
        var count = rows.Count;
        var o = output.PrepareFlat<TResult>(count);
        var validity = output.Validity;
        if (!l.HasNulls && !r.HasNulls)
        {
            if (rows.IsDense)
            {
                for (var row = 0; row < count; row++)
                {
                    if (!op.TryApply(l[row], r[row], out o[row]))
                    {
                        validity.SetInvalid(row, count);
                    }
                }
            }
            else
            {
                foreach (var row in rows.Selection)
                {
                    if (!op.TryApply(l[row], r[row], out o[row]))
                    {
                        validity.SetInvalid(row, count);
                    }
                }
            }

            return;
        }

        for (var i = 0; i < rows.LiveCount; i++)
        {
            var row = rows[i];
            if (!l.IsValid(row) || !r.IsValid(row) || !op.TryApply(l[row], r[row], out o[row]))
            {
                validity.SetInvalid(row, count);
            }
        }
    }
}
