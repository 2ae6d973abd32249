using Olap.Columnar.Predicates;
using Olap.Columnar.Types;
using Olap.Query.Binding.Expressions;
using Olap.Query.Parsing.Ast;
using Olap.Query.Planning;

namespace Olap.Query.Binding;

/// <summary>
/// Binds parsed expressions over a scope: resolves names, then lets <see cref="ExpressionTyping"/> check types and
/// insert casts. Subqueries are uncorrelated, so they are run once here and replaced by their values.
/// Subclasses change how names and aggregates bind (after GROUP BY, in ORDER BY).
/// </summary>
internal class ExpressionBinder(BindScope scope, QueryBinder queries, string clause)
{
    private static readonly HashSet<string> s_aggregates = new(StringComparer.OrdinalIgnoreCase) { "count", "sum", "avg", "min", "max" };

    protected BindScope Scope { get; } = scope;

    protected QueryBinder Queries { get; } = queries;

    /// <summary>The clause being bound, for messages ("WHERE", "GROUP BY", ...).</summary>
    protected string Clause { get; } = clause;

    public static bool IsAggregateName(string name) => s_aggregates.Contains(name);

    public virtual BoundExpression Bind(ParsedExpression expression) => BindCore(expression);

    protected BoundExpression BindCore(ParsedExpression expression)
    {
        switch (expression)
        {
            case LiteralExpression literal:
            {
                var bound = LiteralBinder.Bind(literal);
                return new BoundConstant(bound.Value, bound.Type ?? ColumnType.Integer);
            }

            case ColumnReferenceExpression reference:
                return BindColumn(reference);
            case StarExpression star:
                throw new BindException("* is only valid in the select list or in COUNT(*)", star.Position);
            case TypedNullExpression typedNull:
                // Typed from the input rows, without the rule that a grouped query may only name its grouping columns.
                return new BoundConstant(ScalarValue.Null, new ExpressionBinder(Scope, Queries, Clause).Bind(typedNull.TypeOf).Type);
            case ParameterExpression parameter:
            {
                var bound = Queries.BindParameter(parameter);
                return new BoundConstant(bound.Value, bound.Type ?? ColumnType.Integer);
            }
            case UnaryExpression unary:
                return unary.Operator switch
                {
                    UnaryOperator.Plus => Bind(unary.Operand),
                    UnaryOperator.Negate => ExpressionTyping.Negate(Bind(unary.Operand), unary.Position),
                    _ => ExpressionTyping.Not(Bind(unary.Operand), unary.Position),
                };
            case BinaryExpression binary:
                return BindBinary(binary);
            case BetweenExpression between:
            {
                var operands = BindAll([between.Value, between.Low, between.High]);
                return ExpressionTyping.Between(operands[0], operands[1], operands[2], between.Negated, between.Position);
            }

            case InListExpression inList:
            {
                var operands = BindAll([inList.Value, .. inList.Items]);
                return ExpressionTyping.InList(operands[0], operands.Skip(1).ToList(), inList.Negated, inList.Position);
            }

            case InSubqueryExpression inSubquery:
                return BindInSubquery(inSubquery);
            case SubqueryExpression subquery:
                return BindScalarSubquery(subquery);
            case IsNullExpression isNull:
                return new BoundIsNull(Bind(isNull.Value), isNull.Negated);
            case LikeExpression like:
            {
                var operands = BindAll([like.Value, like.Pattern]);
                return ExpressionTyping.Like(operands[0], operands[1], like.Negated, like.Position);
            }

            case CaseExpression @case:
                return BindCase(@case);
            case CastExpression cast:
                return ExpressionTyping.BindExplicitCast(Bind(cast.Value), TypeResolver.Resolve(cast.Type), cast.Position);
            case FunctionCallExpression call:
                return BindFunction(call);
            default:
                throw new BindException($"{expression.GetType().Name} is not supported here", expression.Position);
        }
    }

    protected virtual BoundExpression BindColumn(ColumnReferenceExpression reference) => Scope.Resolve(reference);

    protected virtual BoundExpression BindFunction(FunctionCallExpression call)
    {
        if (IsAggregateName(call.Name))
        {
            throw new BindException($"aggregate function {call.Name.ToUpperInvariant()} is not allowed in {Clause}", call.Position);
        }

        if (call.Star || call.Distinct)
        {
            throw new BindException($"{call.Name.ToUpperInvariant()}({(call.Star ? "*" : "DISTINCT ...")}) is only valid for aggregate functions", call.Position);
        }

        return ExpressionTyping.Function(call.Name, BindAll(call.Arguments), call.Position);
    }

    /// <summary>
    /// Binds operands that meet in one type; an untyped NULL literal takes the type of the first typed operand,
    /// as NULL does in DuckDB (CASE WHEN .. THEN NULL ELSE 'x' END is VARCHAR).
    /// </summary>
    protected IReadOnlyList<BoundExpression> BindAll(IReadOnlyList<ParsedExpression> expressions)
    {
        var bound = new BoundExpression[expressions.Count];
        ColumnType? typed = null;
        for (var i = 0; i < expressions.Count; i++)
        {
            if (!IsNullLiteral(expressions[i]))
            {
                bound[i] = Bind(expressions[i]);
                typed ??= bound[i].Type;
            }
        }

        for (var i = 0; i < expressions.Count; i++)
        {
            bound[i] ??= new BoundConstant(ScalarValue.Null, typed ?? ColumnType.Integer);
        }

        return bound;
    }

    private static bool IsNullLiteral(ParsedExpression expression) => expression is LiteralExpression { Kind: LiteralKind.Null };

    private BoundExpression BindBinary(BinaryExpression binary)
    {
        var operands = BindAll([binary.Left, binary.Right]);
        var (left, right) = (operands[0], operands[1]);
        return binary.Operator switch
        {
            BinaryOperator.Add => ExpressionTyping.Arithmetic(ArithmeticOperator.Add, left, right, binary.Position),
            BinaryOperator.Subtract => ExpressionTyping.Arithmetic(ArithmeticOperator.Subtract, left, right, binary.Position),
            BinaryOperator.Multiply => ExpressionTyping.Arithmetic(ArithmeticOperator.Multiply, left, right, binary.Position),
            BinaryOperator.Divide => ExpressionTyping.Arithmetic(ArithmeticOperator.Divide, left, right, binary.Position),
            BinaryOperator.IntegerDivide => ExpressionTyping.Arithmetic(ArithmeticOperator.IntegerDivide, left, right, binary.Position),
            BinaryOperator.Modulo => ExpressionTyping.Arithmetic(ArithmeticOperator.Modulo, left, right, binary.Position),
            BinaryOperator.Concat => ExpressionTyping.Function("||", [left, right], binary.Position),
            BinaryOperator.Equal => ExpressionTyping.Comparison(ComparisonKind.Equal, left, right, binary.Position),
            BinaryOperator.NotEqual => ExpressionTyping.Comparison(ComparisonKind.NotEqual, left, right, binary.Position),
            BinaryOperator.LessThan => ExpressionTyping.Comparison(ComparisonKind.LessThan, left, right, binary.Position),
            BinaryOperator.LessThanOrEqual => ExpressionTyping.Comparison(ComparisonKind.LessThanOrEqual, left, right, binary.Position),
            BinaryOperator.GreaterThan => ExpressionTyping.Comparison(ComparisonKind.GreaterThan, left, right, binary.Position),
            BinaryOperator.GreaterThanOrEqual => ExpressionTyping.Comparison(ComparisonKind.GreaterThanOrEqual, left, right, binary.Position),
            BinaryOperator.And => ExpressionTyping.And(left, right, binary.Position),
            _ => ExpressionTyping.Or(left, right, binary.Position),
        };
    }

    private BoundExpression BindCase(CaseExpression @case)
    {
        // Results meet in one type, so bind THEN/ELSE together; conditions bind on their own.
        var results = new List<ParsedExpression>();
        foreach (var when in @case.Whens)
        {
            results.Add(when.Then);
        }

        results.Add(@case.Else ?? new LiteralExpression(@case.Position, LiteralKind.Null, "NULL"));
        var boundResults = BindAll(results);
        var operand = @case.Operand is null ? null : Bind(@case.Operand);
        var whens = new List<BoundCaseWhen>();
        for (var i = 0; i < @case.Whens.Count; i++)
        {
            var condition = operand is null
                ? Bind(@case.Whens[i].When)
                : ExpressionTyping.Comparison(ComparisonKind.Equal, operand, Bind(@case.Whens[i].When), @case.Whens[i].When.Position);
            whens.Add(new BoundCaseWhen(condition, boundResults[i]));
        }

        return ExpressionTyping.Case(whens, boundResults[^1], @case.Position);
    }

    private BoundExpression BindInSubquery(InSubqueryExpression inSubquery)
    {
        var value = Bind(inSubquery.Value);
        var result = Queries.RunSubquery(inSubquery.Query, inSubquery.Position);
        if (result.Columns.Count != 1)
        {
            throw new BindException($"the subquery of IN returns {result.Columns.Count} columns; it must return one", inSubquery.Position);
        }

        var items = new List<BoundExpression>(result.RowCount);
        var type = result.Columns[0].Type;
        for (var row = 0; row < result.RowCount; row++)
        {
            items.Add(new BoundConstant(result.GetScalar(row, 0), type));
        }

        if (items.Count == 0)
        {
            // x IN (empty) is FALSE even for a NULL x; x NOT IN (empty) is TRUE.
            return new BoundConstant(ScalarValue.FromInt64(inSubquery.Negated ? 1 : 0), ColumnType.Boolean);
        }

        return ExpressionTyping.InList(value, items, inSubquery.Negated, inSubquery.Position);
    }

    private BoundExpression BindScalarSubquery(SubqueryExpression subquery)
    {
        var result = Queries.RunSubquery(subquery.Query, subquery.Position);
        if (result.Columns.Count != 1)
        {
            throw new BindException($"a scalar subquery must return one column, not {result.Columns.Count}", subquery.Position);
        }

        if (result.RowCount > 1)
        {
            throw new BindException("more than one row returned by a subquery used as an expression", subquery.Position);
        }

        var type = result.Columns[0].Type;
        return new BoundConstant(result.RowCount == 0 ? ScalarValue.Null : result.GetScalar(0, 0), type);
    }
}
