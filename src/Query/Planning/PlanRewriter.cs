using Olap.Columnar.Predicates;
using Olap.Columnar.Types;

namespace Olap.Query.Planning;

/// <summary>Helpers that take bound expressions apart and put them back together with remapped column positions.</summary>
internal static class PlanRewriter
{
    public static IEnumerable<BoundExpression> Conjuncts(BoundExpression expression)
    {
        if (expression is BoundConjunction { IsAnd: true } and)
        {
            foreach (var operand in and.Operands)
            {
                foreach (var inner in Conjuncts(operand))
                {
                    yield return inner;
                }
            }
        }
        else
        {
            yield return expression;
        }
    }

    public static BoundExpression? And(IReadOnlyList<BoundExpression> conjuncts) => conjuncts.Count switch
    {
        0 => null,
        1 => conjuncts[0],
        _ => new BoundConjunction(true, conjuncts),
    };

    /// <summary>Adds the column positions <paramref name="expression"/> reads to <paramref name="columns"/>.</summary>
    public static void CollectColumns(BoundExpression expression, HashSet<int> columns)
    {
        if (expression is BoundColumn column)
        {
            columns.Add(column.Index);
            return;
        }

        foreach (var child in expression.Children)
        {
            CollectColumns(child, columns);
        }
    }

    public static HashSet<int> Columns(BoundExpression expression)
    {
        var columns = new HashSet<int>();
        CollectColumns(expression, columns);
        return columns;
    }

    /// <summary>Rewrites every column reference through <paramref name="map"/>.</summary>
    public static BoundExpression Replace(BoundExpression expression, Func<BoundColumn, BoundExpression> map) => expression switch
    {
        BoundColumn column => map(column),
        BoundConstant => expression,
        BoundCast cast => cast with { Operand = Replace(cast.Operand, map) },
        BoundComparison comparison => comparison with { Left = Replace(comparison.Left, map), Right = Replace(comparison.Right, map) },
        BoundConjunction conjunction => conjunction with { Operands = conjunction.Operands.Select(o => Replace(o, map)).ToList() },
        BoundNot not => not with { Operand = Replace(not.Operand, map) },
        BoundIsNull isNull => isNull with { Operand = Replace(isNull.Operand, map) },
        BoundArithmetic arithmetic => arithmetic with { Left = Replace(arithmetic.Left, map), Right = Replace(arithmetic.Right, map) },
        BoundNegate negate => negate with { Operand = Replace(negate.Operand, map) },
        BoundInList inList => inList with { Operand = Replace(inList.Operand, map) },
        BoundLike like => like with { Operand = Replace(like.Operand, map), Pattern = Replace(like.Pattern, map) },
        BoundCase @case => @case with
        {
            Whens = @case.Whens.Select(w => new BoundCaseWhen(Replace(w.When, map), Replace(w.Then, map))).ToList(),
            Else = Replace(@case.Else, map),
        },
        BoundFunction function => function with { Arguments = function.Arguments.Select(a => Replace(a, map)).ToList() },
        _ => throw new InvalidOperationException($"Cannot rewrite {expression.GetType().Name}."),
    };

    /// <summary>Shifts every column reference by <paramref name="delta"/>.</summary>
    public static BoundExpression Shift(BoundExpression expression, int delta)
        => delta == 0 ? expression : Replace(expression, c => c with { Index = c.Index + delta });

    /// <summary>
    /// Splits <c>a = b</c> where one side reads only columns below <paramref name="leftWidth"/> and the other only
    /// columns at or above it; the right key comes back shifted to the right input's positions.
    /// </summary>
    public static bool TrySplitEquality(BoundExpression conjunct, int leftWidth, out BoundExpression leftKey, out BoundExpression rightKey)
    {
        leftKey = rightKey = null!;
        if (conjunct is not BoundComparison { Kind: ComparisonKind.Equal } equal)
        {
            return false;
        }

        var a = Columns(equal.Left);
        var b = Columns(equal.Right);
        if (a.Count == 0 || b.Count == 0)
        {
            return false;
        }

        if (a.All(c => c < leftWidth) && b.All(c => c >= leftWidth))
        {
            leftKey = equal.Left;
            rightKey = Shift(equal.Right, -leftWidth);
            return true;
        }

        if (b.All(c => c < leftWidth) && a.All(c => c >= leftWidth))
        {
            leftKey = equal.Right;
            rightKey = Shift(equal.Left, -leftWidth);
            return true;
        }

        return false;
    }

    public static BoundConstant True => new(ScalarValue.FromInt64(1), ColumnType.Boolean);
}
