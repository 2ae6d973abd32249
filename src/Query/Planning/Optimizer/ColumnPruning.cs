using Olap.Query.Planning.Logical;

namespace Olap.Query.Planning.Optimizer;

/// <summary>
/// Removes columns no operator above needs, down to the scans, which then read only the columns the query uses.
/// Each rewrite returns the new operator and where each old output column went (-1 when dropped).
/// </summary>
internal static class ColumnPruning
{
    public static LogicalOperator Prune(LogicalOperator plan)
    {
        var all = new HashSet<int>(Enumerable.Range(0, plan.Columns.Count));
        return Prune(plan, all).Plan;
    }

    private static (LogicalOperator Plan, int[] Map) Prune(LogicalOperator plan, HashSet<int> required)
    {
        switch (plan)
        {
            case LogicalGet get:
            {
                var keep = Enumerable.Range(0, get.ColumnIds.Count).Where(required.Contains).ToList();
                if (keep.Count == 0 && get.ColumnIds.Count > 0)
                {
                    // Something must be read to count rows; the narrowest column costs least.
                    keep.Add(Enumerable.Range(0, get.ColumnIds.Count).MinBy(i => Width(get.Source.Columns[get.ColumnIds[i]].Type)));
                }

                var map = Fill(get.ColumnIds.Count);
                for (var i = 0; i < keep.Count; i++)
                {
                    map[keep[i]] = i;
                }

                return (new LogicalGet(get.Source, get.Alias, [.. keep.Select(i => get.ColumnIds[i])], get.Filters) { EstimatedRows = get.EstimatedRows }, map);
            }

            case LogicalFilter filter:
            {
                var needed = new HashSet<int>(required);
                PlanRewriter.CollectColumns(filter.Predicate, needed);
                var (child, map) = Prune(filter.Child, needed);
                return (new LogicalFilter(child, Remap(filter.Predicate, map)), map);
            }

            case LogicalProjection projection:
            {
                var keep = Enumerable.Range(0, projection.Expressions.Count).Where(required.Contains).ToList();
                var needed = new HashSet<int>();
                foreach (var index in keep)
                {
                    PlanRewriter.CollectColumns(projection.Expressions[index], needed);
                }

                var (child, childMap) = Prune(projection.Child, needed);
                var map = Fill(projection.Expressions.Count);
                for (var i = 0; i < keep.Count; i++)
                {
                    map[keep[i]] = i;
                }

                return (new LogicalProjection(child, [.. keep.Select(i => Remap(projection.Expressions[i], childMap))], [.. keep.Select(i => projection.Columns[i])]), map);
            }

            case LogicalAggregate aggregate:
            {
                var groups = aggregate.Groups.Count;
                var keep = Enumerable.Range(0, aggregate.Aggregates.Count).Where(a => required.Contains(groups + a)).ToList();
                var needed = new HashSet<int>();
                foreach (var group in aggregate.Groups)
                {
                    PlanRewriter.CollectColumns(group, needed);
                }

                foreach (var index in keep)
                {
                    if (aggregate.Aggregates[index].Argument is { } argument)
                    {
                        PlanRewriter.CollectColumns(argument, needed);
                    }
                }

                var (child, childMap) = Prune(aggregate.Child, needed);
                var map = Fill(aggregate.Columns.Count);
                for (var g = 0; g < groups; g++)
                {
                    map[g] = g;
                }

                for (var i = 0; i < keep.Count; i++)
                {
                    map[groups + keep[i]] = groups + i;
                }

                var aggregates = keep.Select(i => aggregate.Aggregates[i] with { Argument = aggregate.Aggregates[i].Argument is { } a ? Remap(a, childMap) : null }).ToList();
                var columns = aggregate.Columns.Take(groups).Concat(keep.Select(i => aggregate.Columns[groups + i])).ToList();
                return (new LogicalAggregate(child, [.. aggregate.Groups.Select(g => Remap(g, childMap))], aggregates, columns), map);
            }

            case LogicalJoin join:
            {
                var leftWidth = join.Left.Columns.Count;
                var leftNeeded = new HashSet<int>(required.Where(c => c < leftWidth));
                var rightNeeded = new HashSet<int>(required.Where(c => c >= leftWidth).Select(c => c - leftWidth));
                foreach (var key in join.LeftKeys)
                {
                    PlanRewriter.CollectColumns(key, leftNeeded);
                }

                foreach (var key in join.RightKeys)
                {
                    PlanRewriter.CollectColumns(key, rightNeeded);
                }

                if (join.Residual is not null)
                {
                    foreach (var column in PlanRewriter.Columns(join.Residual))
                    {
                        if (column < leftWidth)
                        {
                            leftNeeded.Add(column);
                        }
                        else
                        {
                            rightNeeded.Add(column - leftWidth);
                        }
                    }
                }

                var (left, leftMap) = Prune(join.Left, leftNeeded);
                var (right, rightMap) = Prune(join.Right, rightNeeded);
                var newLeftWidth = left.Columns.Count;
                var map = new int[join.Columns.Count];
                for (var c = 0; c < leftWidth; c++)
                {
                    map[c] = leftMap[c];
                }

                for (var c = 0; c < rightMap.Length; c++)
                {
                    map[leftWidth + c] = rightMap[c] < 0 ? -1 : newLeftWidth + rightMap[c];
                }

                return (new LogicalJoin(
                    join.Kind,
                    left,
                    right,
                    [.. join.LeftKeys.Select(k => Remap(k, leftMap))],
                    [.. join.RightKeys.Select(k => Remap(k, rightMap))],
                    join.Residual is null ? null : Remap(join.Residual, map)), map);
            }

            case LogicalOrder order:
            {
                var needed = new HashSet<int>(required);
                foreach (var key in order.Keys)
                {
                    PlanRewriter.CollectColumns(key.Expression, needed);
                }

                var (child, map) = Prune(order.Child, needed);
                return (new LogicalOrder(child, [.. order.Keys.Select(k => k with { Expression = Remap(k.Expression, map) })]), map);
            }

            case LogicalLimit limit:
            {
                var (child, map) = Prune(limit.Child, required);
                return (new LogicalLimit(child, limit.Limit, limit.Offset), map);
            }

            case LogicalUnionAll union:
            {
                // Inputs must keep lining up column for column: prune inside them, never across.
                var all = new HashSet<int>(Enumerable.Range(0, union.Columns.Count));
                var inputs = union.Inputs.Select(i => Prune(i, all).Plan).ToList();
                return (new LogicalUnionAll(inputs, union.Columns), Identity(union.Columns.Count));
            }

            default:
                return (plan, Identity(plan.Columns.Count));
        }
    }

    private static BoundExpression Remap(BoundExpression expression, int[] map)
        => PlanRewriter.Replace(expression, c => map[c.Index] >= 0
            ? c with { Index = map[c.Index] }
            : throw new InvalidOperationException($"Column {c.Name} was pruned but is still read."));

    private static int Width(Columnar.Types.ColumnType type) => type.FixedWidth == 0 ? 16 : type.FixedWidth;

    private static int[] Fill(int count)
    {
        var map = new int[count];
        Array.Fill(map, -1);
        return map;
    }

    private static int[] Identity(int count) => [.. Enumerable.Range(0, count)];
}
