using System.Numerics;
using System.Runtime.CompilerServices;
using Olap.Columnar.Predicates;
using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Query.Execution.Expressions;

/// <summary>A comparison of two fixed-width operands of one type; NULL when either is NULL.</summary>
internal sealed class ComparisonNode<T, TKind>(ExpressionNode left, ExpressionNode right) : ExpressionNode(ColumnType.Boolean)
    where T : unmanaged, IComparisonOperators<T, T, bool>
    where TKind : struct, IComparisonOp
{
    private readonly ColumnVector _output = new(ColumnType.Boolean);
    private readonly BinaryKernel<T, T, byte> _kernel = new();

    public override ColumnVector Evaluate(DataChunk chunk, RowSelection rows)
    {
        var l = left.Evaluate(chunk, rows);
        var r = right.Evaluate(chunk, rows);
        _kernel.Run(l, r, _output, rows, default(CompareOp<T, TKind>));
        return _output;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override int Select(DataChunk chunk, RowSelection rows, Span<int> result)
    {
        var l = left.Evaluate(chunk, rows);
        var r = right.Evaluate(chunk, rows);
        // The common filter shape, a flat column against a constant: one branch-free loop straight to the selection.
        if (l.Form == VectorForm.Flat && r.Form == VectorForm.Constant && l.Validity.AllValid)
        {
            if (r.IsNull(0))
            {
                return 0;
            }

            var values = l.Values<T>();
            var constant = r.Values<T>()[0];
            var count = 0;
            if (rows.IsDense)
            {
                for (var row = 0; row < rows.Count; row++)
                {
                    result[count] = row;
                    count += CompareOp<T, TKind>.Compare(values[row], constant) ? 1 : 0;
                }
            }
            else
            {
                foreach (var row in rows.Selection)
                {
                    result[count] = row;
                    count += CompareOp<T, TKind>.Compare(values[row], constant) ? 1 : 0;
                }
            }

            return count;
        }

        _kernel.Run(l, r, _output, rows, default(CompareOp<T, TKind>));
        return BooleanRows.SelectTrue(_output, rows, result);
    }
}

/// <summary>Builds the comparison node for a kind and an operand type.</summary>
internal static class ComparisonNodes
{
    public static ExpressionNode Create(ComparisonKind kind, ExpressionNode left, ExpressionNode right)
        => kind switch
        {
            ComparisonKind.Equal => Create<EqualOp>(left, right),
            ComparisonKind.NotEqual => Create<NotEqualOp>(left, right),
            ComparisonKind.LessThan => Create<LessThanOp>(left, right),
            ComparisonKind.LessThanOrEqual => Create<LessThanOrEqualOp>(left, right),
            ComparisonKind.GreaterThan => Create<GreaterThanOp>(left, right),
            ComparisonKind.GreaterThanOrEqual => Create<GreaterThanOrEqualOp>(left, right),
            _ => throw new NotSupportedException($"Comparison {kind} is bound as other expressions."),
        };

    private static ExpressionNode Create<TKind>(ExpressionNode left, ExpressionNode right)
        where TKind : struct, IComparisonOp
        => left.Type.Physical switch
        {
            PhysicalKind.Int8 => new ComparisonNode<byte, TKind>(left, right),
            PhysicalKind.Int16 => new ComparisonNode<short, TKind>(left, right),
            PhysicalKind.Int32 => new ComparisonNode<int, TKind>(left, right),
            PhysicalKind.Int64 => new ComparisonNode<long, TKind>(left, right),
            PhysicalKind.Int128 => new ComparisonNode<Int128, TKind>(left, right),
            PhysicalKind.Double => new ComparisonNode<double, TKind>(left, right),
            _ => new StringComparisonNode<TKind>(left, right),
        };
}
