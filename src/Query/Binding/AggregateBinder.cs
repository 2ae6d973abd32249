using Olap.Columnar.Types;
using Olap.Query.Parsing.Ast;
using Olap.Query.Planning;

namespace Olap.Query.Binding;

/// <summary>
/// Binds expressions evaluated after GROUP BY (select list, HAVING, ORDER BY): a GROUP BY expression becomes a
/// reference to its group column, an aggregate call is registered and becomes a reference to its result column,
/// and any other column is an error, as in DuckDB.
/// </summary>
internal sealed class AggregateBinder : ExpressionBinder
{
    private readonly IReadOnlyList<BoundExpression> _groups;
    private readonly Dictionary<string, int> _groupKeys = new(StringComparer.Ordinal);
    private readonly List<BoundAggregate> _aggregates = [];
    private readonly Dictionary<string, int> _aggregateKeys = new(StringComparer.Ordinal);

    public AggregateBinder(BindScope fromScope, QueryBinder queries, IReadOnlyList<BoundExpression> groups, string clause)
        : base(fromScope, queries, clause)
    {
        _groups = groups;
        for (var i = 0; i < groups.Count; i++)
        {
            _groupKeys.TryAdd(ExpressionPrinter.Print(groups[i]), i);
        }
    }

    public IReadOnlyList<BoundAggregate> Aggregates => _aggregates;

    public static bool ContainsAggregate(ParsedExpression expression) => expression switch
    {
        FunctionCallExpression call when IsAggregateName(call.Name) => true,
        FunctionCallExpression call => call.Arguments.Any(ContainsAggregate),
        UnaryExpression unary => ContainsAggregate(unary.Operand),
        BinaryExpression binary => ContainsAggregate(binary.Left) || ContainsAggregate(binary.Right),
        BetweenExpression between => ContainsAggregate(between.Value) || ContainsAggregate(between.Low) || ContainsAggregate(between.High),
        InListExpression inList => ContainsAggregate(inList.Value) || inList.Items.Any(ContainsAggregate),
        InSubqueryExpression inSubquery => ContainsAggregate(inSubquery.Value),
        IsNullExpression isNull => ContainsAggregate(isNull.Value),
        LikeExpression like => ContainsAggregate(like.Value) || ContainsAggregate(like.Pattern),
        CaseExpression @case => (@case.Operand is not null && ContainsAggregate(@case.Operand))
            || @case.Whens.Any(w => ContainsAggregate(w.When) || ContainsAggregate(w.Then))
            || (@case.Else is not null && ContainsAggregate(@case.Else)),
        CastExpression cast => ContainsAggregate(cast.Value),
        _ => false,
    };

    private static bool ContainsSubquery(ParsedExpression expression) => expression switch
    {
        SubqueryExpression or InSubqueryExpression => true,
        FunctionCallExpression call => call.Arguments.Any(ContainsSubquery),
        UnaryExpression unary => ContainsSubquery(unary.Operand),
        BinaryExpression binary => ContainsSubquery(binary.Left) || ContainsSubquery(binary.Right),
        BetweenExpression between => ContainsSubquery(between.Value) || ContainsSubquery(between.Low) || ContainsSubquery(between.High),
        InListExpression inList => ContainsSubquery(inList.Value) || inList.Items.Any(ContainsSubquery),
        IsNullExpression isNull => ContainsSubquery(isNull.Value),
        LikeExpression like => ContainsSubquery(like.Value) || ContainsSubquery(like.Pattern),
        CaseExpression @case => (@case.Operand is not null && ContainsSubquery(@case.Operand))
            || @case.Whens.Any(w => ContainsSubquery(w.When) || ContainsSubquery(w.Then))
            || (@case.Else is not null && ContainsSubquery(@case.Else)),
        CastExpression cast => ContainsSubquery(cast.Value),
        _ => false,
    };

    public override BoundExpression Bind(ParsedExpression expression)
    {
        if (expression is FunctionCallExpression call && IsAggregateName(call.Name))
        {
            return BindAggregate(call);
        }

        if (expression is not LiteralExpression && !ContainsAggregate(expression) && !ContainsSubquery(expression) && TryMatchGroup(expression, out var group))
        {
            return group;
        }

        return BindCore(expression);
    }

    protected override BoundExpression BindColumn(ColumnReferenceExpression reference)
    {
        // Reaching here means the column is not a GROUP BY expression.
        Scope.Resolve(reference);
        throw new BindException($"column {reference.Name} must appear in the GROUP BY clause or be used in an aggregate function", reference.Position);
    }

    private bool TryMatchGroup(ParsedExpression expression, out BoundExpression group)
    {
        group = null!;
        if (_groups.Count == 0)
        {
            return false;
        }

        BoundExpression plain;
        try
        {
            plain = new ExpressionBinder(Scope, Queries, Clause).Bind(expression);
        }
        catch (BindException)
        {
            return false;
        }

        if (_groupKeys.TryGetValue(ExpressionPrinter.Print(plain), out var index))
        {
            group = new BoundColumn(index, _groups[index].Type, plain is BoundColumn column ? column.Name : ExpressionPrinter.Print(plain));
            return true;
        }

        return false;
    }

    private BoundColumn BindAggregate(FunctionCallExpression call)
    {
        var name = call.Name.ToLowerInvariant();
        var inner = new ExpressionBinder(Scope, Queries, "aggregate functions (aggregate function calls cannot be nested)");
        BoundAggregate aggregate;
        if (call.Star)
        {
            if (name != "count")
            {
                throw new BindException($"{name.ToUpperInvariant()}(*) is not valid; only COUNT takes *", call.Position);
            }

            aggregate = new BoundAggregate(AggregateKind.CountStar, null, false, ColumnType.BigInt);
        }
        else
        {
            if (call.Arguments.Count != 1)
            {
                throw new BindException($"{name.ToUpperInvariant()} takes exactly one argument, not {call.Arguments.Count}", call.Position);
            }

            if (ContainsAggregate(call.Arguments[0]))
            {
                throw new BindException("aggregate function calls cannot be nested", call.Arguments[0].Position);
            }

            var argument = inner.Bind(call.Arguments[0]);
            aggregate = name switch
            {
                "count" => new BoundAggregate(AggregateKind.Count, argument, call.Distinct, ColumnType.BigInt),
                "sum" => new BoundAggregate(AggregateKind.Sum, argument, call.Distinct, SumType(argument.Type, call.Position)),
                "avg" => new BoundAggregate(AggregateKind.Avg, argument, call.Distinct, AverageType(argument.Type, call.Position)),
                "min" => new BoundAggregate(AggregateKind.Min, argument, false, argument.Type),
                _ => new BoundAggregate(AggregateKind.Max, argument, false, argument.Type),
            };
        }

        var key = aggregate.ToString();
        if (!_aggregateKeys.TryGetValue(key, out var index))
        {
            index = _aggregates.Count;
            _aggregates.Add(aggregate);
            _aggregateKeys.Add(key, index);
        }

        return new BoundColumn(_groups.Count + index, aggregate.Type, key);
    }

    /// <summary>DuckDB's SUM types: integers sum to HUGEINT, DECIMAL(p,s) to DECIMAL(38,s), DOUBLE to DOUBLE.</summary>
    public static ColumnType SumType(ColumnType argument, SqlPosition position) => argument.Id switch
    {
        LogicalTypeId.SmallInt or LogicalTypeId.Integer or LogicalTypeId.BigInt or LogicalTypeId.HugeInt or LogicalTypeId.Boolean => ColumnType.HugeInt,
        LogicalTypeId.Decimal => ColumnType.Decimal(ColumnType.MaxWideDecimalPrecision, argument.Scale),
        LogicalTypeId.Double => ColumnType.Double,
        _ => throw new BindException($"SUM is not defined for {argument} (it needs a number)", position),
    };

    private static ColumnType AverageType(ColumnType argument, SqlPosition position) => argument.Id switch
    {
        LogicalTypeId.SmallInt or LogicalTypeId.Integer or LogicalTypeId.BigInt or LogicalTypeId.HugeInt or LogicalTypeId.Decimal or LogicalTypeId.Double => ColumnType.Double,
        _ => throw new BindException($"AVG is not defined for {argument} (it needs a number)", position),
    };
}
