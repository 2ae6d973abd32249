using System.Numerics;
using Olap.Columnar.Types;
using Olap.Columnar.Vectors;
using Olap.Query.Planning;

namespace Olap.Query.Execution.Expressions;

/// <summary>
/// <c>left op right</c> on operands the binder already cast to the computation type: integers and DECIMALs (scaled
/// integers; a product's scale is the sum of the operands' scales) with overflow checks, DOUBLE, and DATE ± days.
/// </summary>
internal abstract class ArithmeticNode(ExpressionNode left, ExpressionNode right, ColumnType type) : ExpressionNode(type)
{
    protected ExpressionNode Left { get; } = left;

    protected ExpressionNode Right { get; } = right;

    protected ColumnVector Output { get; } = new(type);

    public static ExpressionNode Create(ArithmeticOperator op, ExpressionNode left, ExpressionNode right, ColumnType type)
    {
        if (type.Id == LogicalTypeId.Double)
        {
            return op switch
            {
                ArithmeticOperator.Add => new Typed<double, double, double, DoubleAdd>(left, right, type, default),
                ArithmeticOperator.Subtract => new Typed<double, double, double, DoubleSubtract>(left, right, type, default),
                ArithmeticOperator.Multiply => new Typed<double, double, double, DoubleMultiply>(left, right, type, default),
                ArithmeticOperator.Modulo => new Typed<double, double, double, DoubleModulo>(left, right, type, default),
                // DuckDB's // on DOUBLE is plain division (7.0 // 2 = 3.5).
                _ => new Typed<double, double, double, DoubleDivide>(left, right, type, default),
            };
        }

        if (left.Type.Id == LogicalTypeId.Date)
        {
            return right.Type.Id == LogicalTypeId.Date
                ? new Typed<int, int, long, DateDifference>(left, right, type, default)
                : op == ArithmeticOperator.Add
                    ? new Typed<int, int, int, CheckedAdd<int>>(left, right, type, new CheckedAdd<int>(0, "DATE"))
                    : new Typed<int, int, int, CheckedSubtract<int>>(left, right, type, new CheckedSubtract<int>(0, "DATE"));
        }

        return type.Physical switch
        {
            PhysicalKind.Int16 => Integral<short>(op, left, right, type, 0),
            PhysicalKind.Int32 => Integral<int>(op, left, right, type, 0),
            PhysicalKind.Int64 => Integral(op, left, right, type, type.Id == LogicalTypeId.Decimal ? Pow10.Int64(type.Precision) : 0L),
            PhysicalKind.Int128 => Integral(op, left, right, type, type.Id == LogicalTypeId.Decimal ? Pow10.Int128(type.Precision) : Int128.Zero),
            _ => throw new NotSupportedException($"Arithmetic producing {type} is not supported."),
        };
    }

    private static ExpressionNode Integral<T>(ArithmeticOperator op, ExpressionNode left, ExpressionNode right, ColumnType type, T bound)
        where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T>
    {
        var name = VectorResults.PhysicalName(type);
        return op switch
        {
            ArithmeticOperator.Add => new Typed<T, T, T, CheckedAdd<T>>(left, right, type, new CheckedAdd<T>(bound, name)),
            ArithmeticOperator.Subtract => new Typed<T, T, T, CheckedSubtract<T>>(left, right, type, new CheckedSubtract<T>(bound, name)),
            ArithmeticOperator.Multiply => new Typed<T, T, T, CheckedMultiply<T>>(left, right, type, new CheckedMultiply<T>(bound, name)),
            ArithmeticOperator.Modulo => new Typed<T, T, T, IntegerModulo<T>>(left, right, type, default),
            ArithmeticOperator.IntegerDivide => new Typed<T, T, T, IntegerDivide<T>>(left, right, type, default),
            _ => throw new NotSupportedException($"{op} producing {type} is not supported (the binder computes / in DOUBLE)."),
        };
    }

    private sealed class Typed<TLeft, TRight, TResult, TOp>(ExpressionNode left, ExpressionNode right, ColumnType type, TOp op)
        : ArithmeticNode(left, right, type)
        where TLeft : unmanaged
        where TRight : unmanaged
        where TResult : unmanaged
        where TOp : struct, IBinaryOp<TLeft, TRight, TResult>
    {
        private readonly BinaryKernel<TLeft, TRight, TResult> _kernel = new();

        public override ColumnVector Evaluate(DataChunk chunk, RowSelection rows)
        {
            var l = Left.Evaluate(chunk, rows);
            var r = Right.Evaluate(chunk, rows);
            _kernel.Run(l, r, Output, rows, op);
            return Output;
        }
    }
}
