using Olap.Columnar.Predicates;
using Olap.Columnar.Types;
using Olap.Query.Planning;

namespace Olap.Query.Execution.Expressions;

/// <summary>Turns a bound expression tree into executable nodes, choosing typed kernels once.</summary>
internal static class NodeCompiler
{
    public static ExpressionNode Compile(BoundExpression expression) => expression switch
    {
        BoundColumn column => new ColumnNode(column.Index, column.Type),
        BoundConstant constant => new ConstantNode(constant.Value, constant.Type),
        BoundCast cast => CastNodes.Create(Compile(cast.Operand), cast.Type),
        BoundComparison comparison => ComparisonNodes.Create(comparison.Kind, Compile(comparison.Left), Compile(comparison.Right)),
        BoundConjunction conjunction => new ConjunctionNode(conjunction.IsAnd, CompileAll(conjunction.Operands)),
        BoundNot not => new NotNode(Compile(not.Operand)),
        BoundIsNull isNull => new IsNullNode(Compile(isNull.Operand), isNull.Negated),
        BoundArithmetic arithmetic => ArithmeticNode.Create(arithmetic.Operator, Compile(arithmetic.Left), Compile(arithmetic.Right), arithmetic.Type),
        // -x of a DOUBLE is -1.0 * x, so that -(0.0) is -0.0 as in DuckDB; 0 - x would give +0.0.
        BoundNegate negate when negate.Type.Id == Columnar.Types.LogicalTypeId.Double => ArithmeticNode.Create(
            ArithmeticOperator.Multiply, new ConstantNode(Columnar.Types.ScalarValue.FromDouble(-1), negate.Type), Compile(negate.Operand), negate.Type),
        BoundNegate negate => ArithmeticNode.Create(
            ArithmeticOperator.Subtract, new ConstantNode(Zero(negate.Type), negate.Type), Compile(negate.Operand), negate.Type),
        BoundInList inList => InListNode.Create(Compile(inList.Operand), inList.Values, inList.Negated, inList.ListHasNull),
        BoundLike like => new LikeNode(Compile(like.Operand), Compile(like.Pattern), like.Negated),
        BoundCase @case => CompileCase(@case),
        BoundFunction function => FunctionNodes.Create(function),
        _ => throw new NotSupportedException($"{expression.GetType().Name} cannot be evaluated."),
    };

    public static ExpressionNode[] CompileAll(IReadOnlyList<BoundExpression> expressions)
    {
        var nodes = new ExpressionNode[expressions.Count];
        for (var i = 0; i < nodes.Length; i++)
        {
            nodes[i] = Compile(expressions[i]);
        }

        return nodes;
    }

    private static CaseNode CompileCase(BoundCase @case)
    {
        var whens = new ExpressionNode[@case.Whens.Count];
        var thens = new ExpressionNode[@case.Whens.Count];
        for (var i = 0; i < whens.Length; i++)
        {
            whens[i] = Compile(@case.Whens[i].When);
            thens[i] = Compile(@case.Whens[i].Then);
        }

        return new CaseNode(whens, thens, Compile(@case.Else), @case.Type);
    }

    private static ScalarValue Zero(ColumnType type) => type.Physical switch
    {
        PhysicalKind.Double => ScalarValue.FromDouble(0),
        PhysicalKind.Int128 => ScalarValue.FromInt128(0),
        _ => ScalarValue.FromInt64(0),
    };

    /// <summary>NULLIF(a, b) as CASE WHEN a = b THEN NULL ELSE a END; the arguments share the comparison type.</summary>
    internal static ExpressionNode CompileNullIf(BoundFunction function)
    {
        var (left, right) = (function.Arguments[0], function.Arguments[1]);
        var bound = new BoundCase(
            [new BoundCaseWhen(new BoundComparison(ComparisonKind.Equal, left, right), new BoundConstant(ScalarValue.Null, function.Type))],
            left.Type == function.Type ? left : new BoundCast(left, function.Type),
            function.Type);
        return Compile(bound);
    }
}
