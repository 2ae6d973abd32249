using System.Numerics;
using Olap.Columnar.Types;
using Olap.Query.Planning;

namespace Olap.Query.Execution.Expressions;

/// <summary>Builds the node of a scalar function call; argument types are as the binder fixed them.</summary>
internal static class FunctionNodes
{
    public static ExpressionNode Create(BoundFunction function)
    {
        var args = function.Arguments;
        var type = function.Type;
        switch (function.Function.Id)
        {
            case ScalarFunctionId.Abs:
                return Numeric(Compile(args[0]), type, default(DoubleAbsOp), static (o, t) => Integral(o, t, new AbsVisitor()));
            case ScalarFunctionId.Round:
            {
                var digits = (int)Math.Clamp(((BoundConstant)args[1]).Value.Int64, -38, 38);
                var operand = Compile(args[0]);
                var scale = operand.Type.Id == LogicalTypeId.Decimal ? operand.Type.Scale : 0;
                return Numeric(operand, type, new RoundDoubleOp(digits), (o, t) => Integral(o, t, new RoundVisitor(scale, digits)));
            }

            case ScalarFunctionId.Floor or ScalarFunctionId.Ceil:
            {
                var ceil = function.Function.Id == ScalarFunctionId.Ceil;
                var operand = Compile(args[0]);
                return Numeric(operand, type, new FloorCeilDoubleOp(ceil), (o, t) => Integral(o, t, new FloorCeilVisitor(o.Type.Scale, ceil)));
            }

            case ScalarFunctionId.Coalesce:
                return new CoalesceNode(NodeCompiler.CompileAll(args), type);
            case ScalarFunctionId.NullIf:
                return NodeCompiler.CompileNullIf(function);
            case ScalarFunctionId.Length:
                return new LengthNode(Compile(args[0]));
            case ScalarFunctionId.Upper or ScalarFunctionId.Lower:
                return new CaseMapNode(Compile(args[0]), function.Function.Id == ScalarFunctionId.Upper);
            case ScalarFunctionId.Substring:
                return new SubstringNode(Compile(args[0]), Compile(args[1]), args.Count > 2 ? Compile(args[2]) : null);
            case ScalarFunctionId.Concat or ScalarFunctionId.ConcatOperator:
                return new ConcatNode(NodeCompiler.CompileAll(args), function.Function.Id == ScalarFunctionId.ConcatOperator);
            case ScalarFunctionId.Trim or ScalarFunctionId.LeftTrim or ScalarFunctionId.RightTrim:
            {
                var sides = function.Function.Id switch
                {
                    ScalarFunctionId.LeftTrim => TrimSides.Left,
                    ScalarFunctionId.RightTrim => TrimSides.Right,
                    _ => TrimSides.Both,
                };
                var characters = args.Count > 1 ? ((BoundConstant)args[1]).Value.ToString() : " ";
                return new TrimNode(Compile(args[0]), sides, characters);
            }

            case ScalarFunctionId.ExtractYear or ScalarFunctionId.ExtractMonth or ScalarFunctionId.ExtractDay
                or ScalarFunctionId.ExtractQuarter or ScalarFunctionId.ExtractDayOfWeek or ScalarFunctionId.ExtractDayOfYear:
            {
                var operand = Compile(args[0]);
                return operand.Type.Id == LogicalTypeId.Timestamp
                    ? new UnaryNode<long, long, ExtractOp<long>>(operand, type, new(function.Function.Id, timestamp: true))
                    : new UnaryNode<int, long, ExtractOp<int>>(operand, type, new(function.Function.Id, timestamp: false));
            }

            case ScalarFunctionId.DateTrunc:
            {
                var unit = Enum.Parse<TruncUnit>(((BoundConstant)args[0]).Value.ToString(), ignoreCase: true);
                var operand = Compile(args[1]);
                return operand.Type.Id == LogicalTypeId.Timestamp
                    ? new UnaryNode<long, long, DateTruncOp<long>>(operand, type, new(unit, timestamp: true))
                    : new UnaryNode<int, long, DateTruncOp<int>>(operand, type, new(unit, timestamp: false));
            }

            default:
                throw new NotSupportedException($"Scalar function {function.Function.Name} cannot be evaluated.");
        }
    }

    private static ExpressionNode Compile(BoundExpression expression) => NodeCompiler.Compile(expression);

    private static ExpressionNode Numeric<TDoubleOp>(ExpressionNode operand, ColumnType type, TDoubleOp doubleOp, Func<ExpressionNode, ColumnType, ExpressionNode> integral)
        where TDoubleOp : struct, IUnaryOp<double, double>
        => operand.Type.Physical == PhysicalKind.Double
            ? new UnaryNode<double, double, TDoubleOp>(operand, type, doubleOp)
            : integral(operand, type);

    private static ExpressionNode Integral<TVisitor>(ExpressionNode operand, ColumnType type, TVisitor visitor)
        where TVisitor : IIntegralVisitor
        => operand.Type.Physical switch
        {
            PhysicalKind.Int16 => visitor.Create<short>(operand, type),
            PhysicalKind.Int32 => visitor.Create<int>(operand, type),
            PhysicalKind.Int64 => visitor.Create<long>(operand, type),
            PhysicalKind.Int128 => visitor.Create<Int128>(operand, type),
            _ => throw new NotSupportedException($"A {operand.Type} operand is not numeric here."),
        };

    /// <summary>Builds a node for one integral element type (a generic method the type switch can call).</summary>
    private interface IIntegralVisitor
    {
        ExpressionNode Create<T>(ExpressionNode operand, ColumnType type)
            where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T>;
    }

    private readonly struct AbsVisitor : IIntegralVisitor
    {
        public ExpressionNode Create<T>(ExpressionNode operand, ColumnType type)
            where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T>
            => new UnaryNode<T, T, AbsOp<T>>(operand, type, default);
    }

    private readonly struct RoundVisitor(int scale, int digits) : IIntegralVisitor
    {
        public ExpressionNode Create<T>(ExpressionNode operand, ColumnType type)
            where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T>
            => new UnaryNode<T, T, RoundScaledOp<T>>(operand, type, new(scale, digits));
    }

    private readonly struct FloorCeilVisitor(int scale, bool ceil) : IIntegralVisitor
    {
        public ExpressionNode Create<T>(ExpressionNode operand, ColumnType type)
            where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T>
            => new UnaryNode<T, T, FloorCeilScaledOp<T>>(operand, type, new(scale, ceil));
    }
}
