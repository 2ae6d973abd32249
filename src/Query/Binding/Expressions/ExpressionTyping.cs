using Olap.Columnar.Predicates;
using Olap.Columnar.Types;
using Olap.Query.Parsing.Ast;
using Olap.Query.Planning;

namespace Olap.Query.Binding.Expressions;

// TEMPORARY: replaced by the full typing rules being written on branch `expr`.
public static class ExpressionTyping
{
    public static bool TryGetCommonType(ColumnType a, ColumnType b, out ColumnType common)
    {
        common = a;
        if (a == b) return true;
        if (a.IsIntegral && b.IsIntegral && a.Id != LogicalTypeId.Decimal && b.Id != LogicalTypeId.Decimal) { common = ColumnType.BigInt; return true; }
        return false;
    }

    public static BoundExpression Cast(BoundExpression e, ColumnType target) => e.Type == target ? e : new BoundCast(e, target);

    public static BoundExpression BindExplicitCast(BoundExpression e, ColumnType target, SqlPosition position) => Cast(e, target);

    public static BoundExpression Comparison(ComparisonKind kind, BoundExpression left, BoundExpression right, SqlPosition position)
    {
        if (!TryGetCommonType(left.Type, right.Type, out var common)) throw new BindException($"cannot compare {left.Type} with {right.Type}", position);
        return new BoundComparison(kind, Cast(left, common), Cast(right, common));
    }

    public static BoundExpression Arithmetic(ArithmeticOperator op, BoundExpression left, BoundExpression right, SqlPosition position)
    {
        if (!TryGetCommonType(left.Type, right.Type, out var common)) throw new BindException($"no arithmetic for {left.Type} and {right.Type}", position);
        return new BoundArithmetic(op, Cast(left, common), Cast(right, common), common);
    }

    public static BoundExpression Negate(BoundExpression operand, SqlPosition position) => new BoundNegate(operand);

    public static BoundExpression Not(BoundExpression operand, SqlPosition position) => new BoundNot(operand);

    public static BoundExpression And(BoundExpression left, BoundExpression right, SqlPosition position) => new BoundConjunction(true, [left, right]);

    public static BoundExpression Or(BoundExpression left, BoundExpression right, SqlPosition position) => new BoundConjunction(false, [left, right]);

    public static BoundExpression Between(BoundExpression value, BoundExpression low, BoundExpression high, bool negated, SqlPosition position)
    {
        var range = new BoundConjunction(true, [Comparison(ComparisonKind.GreaterThanOrEqual, value, low, position), Comparison(ComparisonKind.LessThanOrEqual, value, high, position)]);
        return negated ? new BoundNot(range) : range;
    }

    public static BoundExpression InList(BoundExpression value, IReadOnlyList<BoundExpression> items, bool negated, SqlPosition position)
        => new BoundInList(value, items.Select(i => ((BoundConstant)Cast(i, value.Type)).Value).ToList(), negated, false);

    public static BoundExpression Like(BoundExpression value, BoundExpression pattern, bool negated, SqlPosition position) => new BoundLike(value, pattern, negated);

    public static BoundExpression Case(IReadOnlyList<BoundCaseWhen> whens, BoundExpression @else, SqlPosition position) => new BoundCase(whens, @else, @else.Type);

    public static BoundExpression Function(string name, IReadOnlyList<BoundExpression> arguments, SqlPosition position)
        => throw new BindException($"function {name} does not exist", position);
}
