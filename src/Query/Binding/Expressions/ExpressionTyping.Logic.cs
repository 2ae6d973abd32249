using Olap.Columnar.Predicates;
using Olap.Columnar.Types;
using Olap.Query.Parsing.Ast;
using Olap.Query.Planning;

namespace Olap.Query.Binding.Expressions;

public static partial class ExpressionTyping
{
    public static BoundExpression Not(BoundExpression operand, SqlPosition position)
        => new BoundNot(AsCondition(operand, "NOT", position));

    /// <summary>left AND right; nested ANDs flatten into one conjunction so the planner sees every term.</summary>
    public static BoundExpression And(BoundExpression left, BoundExpression right, SqlPosition position)
        => Conjunction(true, AsCondition(left, "AND", position), AsCondition(right, "AND", position));

    public static BoundExpression Or(BoundExpression left, BoundExpression right, SqlPosition position)
        => Conjunction(false, AsCondition(left, "OR", position), AsCondition(right, "OR", position));

    public static BoundExpression IsNull(BoundExpression operand, bool negated, SqlPosition position)
    {
        ArgumentNullException.ThrowIfNull(operand);
        _ = position;
        return new BoundIsNull(operand, negated);
    }

    /// <summary>
    /// value [NOT] IN (items). Constant items are cast to the type value and items meet in and become a
    /// <see cref="BoundInList"/>; otherwise the test expands to ORed equalities (NOT of them when negated).
    /// </summary>
    public static BoundExpression InList(BoundExpression value, IReadOnlyList<BoundExpression> items, bool negated, SqlPosition position)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            throw new BindException("IN needs at least one value", position);
        }

        var allConstant = true;
        foreach (var item in items)
        {
            allConstant &= item is BoundConstant;
        }

        if (!allConstant)
        {
            BoundExpression any = Comparison(ComparisonKind.Equal, value, items[0], position);
            for (var i = 1; i < items.Count; i++)
            {
                any = Conjunction(false, any, Comparison(ComparisonKind.Equal, value, items[i], position));
            }

            return negated ? new BoundNot(any) : any;
        }

        var type = value.Type;
        var typed = value;
        foreach (var item in items)
        {
            type = ComparisonType(typed, item, position);
            typed = new BoundCast(value, type);
        }

        var values = new List<ScalarValue>(items.Count);
        var hasNull = false;
        foreach (var item in items)
        {
            var constant = (BoundConstant)Cast(item, type, position);
            if (constant.Value.IsNull)
            {
                hasNull = true;
            }
            else if (!values.Contains(constant.Value))
            {
                values.Add(constant.Value);
            }
        }

        return new BoundInList(Cast(value, type, position), values, negated, hasNull);
    }

    /// <summary>
    /// value [NOT] BETWEEN low AND high as value &gt;= low AND value &lt;= high (value &lt; low OR value &gt; high), so the
    /// planner finds a range on a column.
    /// </summary>
    public static BoundExpression Between(BoundExpression value, BoundExpression low, BoundExpression high, bool negated, SqlPosition position)
        => negated
            ? Conjunction(false, Comparison(ComparisonKind.LessThan, value, low, position), Comparison(ComparisonKind.GreaterThan, value, high, position))
            : Conjunction(true, Comparison(ComparisonKind.GreaterThanOrEqual, value, low, position), Comparison(ComparisonKind.LessThanOrEqual, value, high, position));

    /// <summary>value [NOT] LIKE pattern; both must be VARCHAR (DuckDB casts neither side implicitly).</summary>
    public static BoundExpression Like(BoundExpression value, BoundExpression pattern, bool negated, SqlPosition position)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(pattern);
        value = NullAs(value, ColumnType.Varchar);
        pattern = NullAs(pattern, ColumnType.Varchar);
        if (value.Type.Id != LogicalTypeId.Varchar || pattern.Type.Id != LogicalTypeId.Varchar)
        {
            throw new BindException($"LIKE needs VARCHAR operands, not {value.Type} and {pattern.Type}; add an explicit cast", position);
        }

        return new BoundLike(value, pattern, negated);
    }

    /// <summary>
    /// Searched CASE (the binder turns a simple CASE into equalities). Conditions must be BOOLEAN; THEN and ELSE meet in
    /// one type, string and NULL literals adapting to it.
    /// </summary>
    public static BoundExpression Case(IReadOnlyList<BoundCaseWhen> whens, BoundExpression? @else, SqlPosition position)
    {
        ArgumentNullException.ThrowIfNull(whens);
        var results = new List<BoundExpression>(whens.Count + 1);
        foreach (var when in whens)
        {
            results.Add(when.Then);
        }

        if (@else is not null)
        {
            results.Add(@else);
        }

        var type = ResultType(results, "CASE expression", position);
        var bound = new List<BoundCaseWhen>(whens.Count);
        foreach (var when in whens)
        {
            bound.Add(new BoundCaseWhen(AsCondition(when.When, "CASE WHEN", position), Cast(when.Then, type, position)));
        }

        var boundElse = @else is null ? new BoundConstant(ScalarValue.Null, type) : Cast(@else, type, position);
        return new BoundCase(bound, boundElse, type);
    }

    /// <summary>
    /// The type several results meet in (CASE branches, COALESCE arguments). NULL and string literals adapt; a VARCHAR
    /// expression mixes only with VARCHAR.
    /// </summary>
    private static ColumnType ResultType(IReadOnlyList<BoundExpression> results, string context, SqlPosition position)
    {
        ColumnType? type = null;
        foreach (var result in results)
        {
            if (!IsAdaptable(result))
            {
                type = type is not { } current ? result.Type
                    : TryGetCommonType(current, result.Type, out var common) ? common
                    : throw new BindException($"Cannot mix values of type {current} and {result.Type} in {context} - an explicit cast is required", position);
            }
        }

        if (type is { } found)
        {
            return found;
        }

        // Only literals: strings make VARCHAR, else the first NULL's type.
        foreach (var result in results)
        {
            if (!(result is BoundConstant { Value.IsNull: true }))
            {
                return result.Type;
            }
        }

        return results[0].Type;
    }

    /// <summary>A condition: BOOLEAN, or an integer or string literal DuckDB casts to BOOLEAN implicitly.</summary>
    private static BoundExpression AsCondition(BoundExpression e, string context, SqlPosition position)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Type.Id == LogicalTypeId.Boolean)
        {
            return e;
        }

        if (IsInteger(e.Type) || IsAdaptable(e))
        {
            return Cast(e, ColumnType.Boolean, position);
        }

        throw new BindException($"{context} needs a BOOLEAN operand, not {e.Type}", position);
    }

    private static BoundExpression NullAs(BoundExpression e, ColumnType type)
        => e is BoundConstant { Value.IsNull: true } ? new BoundConstant(ScalarValue.Null, type) : e;

    private static BoundConjunction Conjunction(bool isAnd, BoundExpression left, BoundExpression right)
    {
        var operands = new List<BoundExpression>();
        foreach (var side in (ReadOnlySpan<BoundExpression>)[left, right])
        {
            if (side is BoundConjunction nested && nested.IsAnd == isAnd)
            {
                operands.AddRange(nested.Operands);
            }
            else
            {
                operands.Add(side);
            }
        }

        return new BoundConjunction(isAnd, operands);
    }
}
