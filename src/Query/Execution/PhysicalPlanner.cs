using Olap.Query.Execution.Operators;
using Olap.Query.Planning.Logical;

namespace Olap.Query.Execution;

/// <summary>Turns an optimized logical plan into physical operators.</summary>
internal static class PhysicalPlanner
{
    public static PhysicalOperator Plan(LogicalOperator plan)
    {
        switch (plan)
        {
            case LogicalGet get:
                return new PhysicalScan(get.Source, get.Alias, get.ColumnIds, get.Filters);
            case LogicalFilter filter:
                return new PhysicalFilter(Plan(filter.Child), filter.Predicate);
            case LogicalProjection projection:
                return IsIdentity(projection) ? Plan(projection.Child) : new PhysicalProjection(Plan(projection.Child), projection.Expressions);
            case LogicalAggregate aggregate:
                return new PhysicalHashAggregate(Plan(aggregate.Child), aggregate.Groups, aggregate.Aggregates);
            case LogicalJoin join:
                return new PhysicalHashJoin(join.Kind, Plan(join.Left), Plan(join.Right), join.LeftKeys, join.RightKeys, join.Residual);
            case LogicalLimit { Child: LogicalOrder order } limit when limit.Limit is not null:
            {
                var topN = new PhysicalOrder(Plan(order.Child), order.Keys, limit.Limit + limit.Offset);
                return new PhysicalLimit(topN, limit.Limit, limit.Offset);
            }

            case LogicalOrder order:
                return new PhysicalOrder(Plan(order.Child), order.Keys, null);
            case LogicalLimit limit:
                return new PhysicalLimit(Plan(limit.Child), limit.Limit, limit.Offset);
            case LogicalUnionAll union:
                return new PhysicalUnionAll([.. union.Inputs.Select(Plan)]);
            case LogicalValues values:
                return new PhysicalValues(values.Rows, [.. values.Columns.Select(c => c.Type)]);
            default:
                throw new InvalidOperationException($"No physical operator for {plan.GetType().Name}.");
        }
    }

    /// <summary>A projection that passes its input's columns through in order does nothing at run time.</summary>
    private static bool IsIdentity(LogicalProjection projection)
    {
        if (projection.Expressions.Count != projection.Child.Columns.Count)
        {
            return false;
        }

        for (var i = 0; i < projection.Expressions.Count; i++)
        {
            if (projection.Expressions[i] is not Planning.BoundColumn column || column.Index != i)
            {
                return false;
            }
        }

        return true;
    }
}
