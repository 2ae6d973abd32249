using Olap.Query.Execution.Expressions;
using Olap.Query.Planning.Logical;

namespace Olap.Query.Planning.Optimizer;

/// <summary>
/// Evaluates constant subexpressions once at plan time (<c>DATE '1994-01-01' + 365</c>, <c>CAST('5' AS INTEGER)</c>),
/// so scans see plain constants they can push into storage.
/// </summary>
internal static class ConstantFolding
{
    public static LogicalOperator Fold(LogicalOperator plan) => plan switch
    {
        LogicalFilter filter => new LogicalFilter(Fold(filter.Child), Fold(filter.Predicate)),
        LogicalProjection projection => new LogicalProjection(Fold(projection.Child), [.. projection.Expressions.Select(Fold)], projection.Columns),
        LogicalAggregate aggregate => new LogicalAggregate(
            Fold(aggregate.Child),
            [.. aggregate.Groups.Select(Fold)],
            [.. aggregate.Aggregates.Select(a => a with { Argument = a.Argument is null ? null : Fold(a.Argument) })],
            aggregate.Columns),
        LogicalJoin join => new LogicalJoin(join.Kind, Fold(join.Left), Fold(join.Right), [.. join.LeftKeys.Select(Fold)], [.. join.RightKeys.Select(Fold)], join.Residual is null ? null : Fold(join.Residual)),
        LogicalOrder order => new LogicalOrder(Fold(order.Child), order.Keys),
        LogicalLimit limit => new LogicalLimit(Fold(limit.Child), limit.Limit, limit.Offset),
        LogicalUnionAll union => new LogicalUnionAll([.. union.Inputs.Select(Fold)], union.Columns),
        _ => plan,
    };

    public static BoundExpression Fold(BoundExpression expression)
    {
        if (expression is BoundConstant or BoundColumn)
        {
            return expression;
        }

        if (expression.IsConstant)
        {
            try
            {
                return new BoundConstant(ExpressionExecutor.EvaluateConstant(expression), expression.Type);
            }
            catch (QueryExecutionException)
            {
                // An error (overflow, bad cast) is raised when the query runs and reaches the expression, not at plan time.
                return expression;
            }
        }

        return Rebuild(expression);
    }

    private static BoundExpression Rebuild(BoundExpression expression) => expression switch
    {
        BoundCast cast => cast with { Operand = Fold(cast.Operand) },
        BoundComparison comparison => comparison with { Left = Fold(comparison.Left), Right = Fold(comparison.Right) },
        BoundConjunction conjunction => conjunction with { Operands = [.. conjunction.Operands.Select(Fold)] },
        BoundNot not => not with { Operand = Fold(not.Operand) },
        BoundIsNull isNull => isNull with { Operand = Fold(isNull.Operand) },
        BoundArithmetic arithmetic => arithmetic with { Left = Fold(arithmetic.Left), Right = Fold(arithmetic.Right) },
        BoundNegate negate => negate with { Operand = Fold(negate.Operand) },
        BoundInList inList => inList with { Operand = Fold(inList.Operand) },
        BoundLike like => like with { Operand = Fold(like.Operand), Pattern = Fold(like.Pattern) },
        BoundCase @case => @case with { Whens = [.. @case.Whens.Select(w => new BoundCaseWhen(Fold(w.When), Fold(w.Then)))], Else = Fold(@case.Else) },
        BoundFunction function => function with { Arguments = [.. function.Arguments.Select(Fold)] },
        _ => expression,
    };
}
