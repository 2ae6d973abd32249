using Olap.Query.Parsing.Ast;
using Olap.Query.Planning.Logical;

namespace Olap.Query.Planning.Optimizer;

/// <summary>
/// Reorders trees of inner joins for star and snowflake schemas: the largest input (the fact table) is probed,
/// and the other inputs are joined to it one at a time as hash-table build sides, the smallest connected one
/// first, so that selective dimension filters shrink the stream early. A projection restores the column order
/// the query expects.
/// </summary>
internal static class JoinOrdering
{
    public static LogicalOperator Reorder(LogicalOperator plan)
    {
        switch (plan)
        {
            case LogicalJoin { Kind: JoinKind.Inner } join:
                return ReorderCluster(join);
            case LogicalJoin join:
                return new LogicalJoin(join.Kind, Reorder(join.Left), Reorder(join.Right), join.LeftKeys, join.RightKeys, join.Residual);
            case LogicalFilter filter:
                return new LogicalFilter(Reorder(filter.Child), filter.Predicate);
            case LogicalProjection projection:
                return new LogicalProjection(Reorder(projection.Child), projection.Expressions, projection.Columns);
            case LogicalAggregate aggregate:
                return new LogicalAggregate(Reorder(aggregate.Child), aggregate.Groups, aggregate.Aggregates, aggregate.Columns);
            case LogicalOrder order:
                return new LogicalOrder(Reorder(order.Child), order.Keys);
            case LogicalLimit limit:
                return new LogicalLimit(Reorder(limit.Child), limit.Limit, limit.Offset);
            case LogicalUnionAll union:
                return new LogicalUnionAll([.. union.Inputs.Select(Reorder)], union.Columns);
            default:
                return plan;
        }
    }

    /// <summary>Rows an operator is expected to produce; a rough guide for choosing build sides.</summary>
    public static double Estimate(LogicalOperator plan) => plan switch
    {
        LogicalGet get => get.EstimatedRows,
        LogicalFilter filter => Estimate(filter.Child) * 0.5,
        LogicalProjection projection => Estimate(projection.Child),
        LogicalAggregate aggregate => aggregate.Groups.Count == 0 ? 1 : Math.Max(1, Estimate(aggregate.Child) * 0.3),
        LogicalJoin join => join.LeftKeys.Count == 0 ? Estimate(join.Left) * Estimate(join.Right) : Math.Max(Estimate(join.Left), Estimate(join.Right)),
        LogicalOrder order => Estimate(order.Child),
        LogicalLimit limit => Math.Min(Estimate(limit.Child), limit.Limit ?? double.MaxValue),
        LogicalUnionAll union => union.Inputs.Sum(Estimate),
        LogicalValues values => values.Rows.Count,
        _ => 1000,
    };

    /// <summary>Rows of an input before its filters: a scan's table size, else the estimate itself.</summary>
    private static double BaseRows(LogicalOperator plan) => plan switch
    {
        LogicalGet get => get.Source.EstimatedRowCount,
        LogicalFilter filter => BaseRows(filter.Child),
        LogicalProjection projection => BaseRows(projection.Child),
        _ => Estimate(plan),
    };

    private sealed record Edge(BoundExpression Left, BoundExpression Right);

    private static LogicalOperator ReorderCluster(LogicalJoin root)
    {
        // Flatten the cluster: leaves in output order, with their first global column position.
        var leaves = new List<LogicalOperator>();
        var offsets = new List<int>();
        var edges = new List<Edge>();
        var residuals = new List<BoundExpression>();
        Flatten(root, 0, leaves, offsets, edges, residuals);
        if (leaves.Count < 2)
        {
            return root;
        }

        for (var i = 0; i < leaves.Count; i++)
        {
            leaves[i] = Reorder(leaves[i]);
        }

        var estimates = leaves.Select(Estimate).ToArray();
        var owner = new List<int>();
        for (var i = 0; i < leaves.Count; i++)
        {
            for (var c = 0; c < leaves[i].Columns.Count; c++)
            {
                owner.Add(i);
            }
        }

        // Start from the largest input (the fact table). Then join the connected input that keeps the smallest share
        // of its rows (a dimension joined on its key passes the fact rows whose key survives its filters, so the
        // share, not the size, is what shrinks the stream), the smaller one on a tie; unconnected inputs come last.
        var shares = leaves.Select((leaf, i) => estimates[i] / Math.Max(1, BaseRows(leaf))).ToArray();
        var order = new List<int> { Array.IndexOf(estimates, estimates.Max()) };
        var joined = new HashSet<int>(order);
        while (order.Count < leaves.Count)
        {
            var best = -1;
            var bestConnected = false;
            for (var i = 0; i < leaves.Count; i++)
            {
                if (joined.Contains(i))
                {
                    continue;
                }

                var connected = edges.Any(e => Connects(e, owner, joined, i));
                if (best < 0 || (connected && !bestConnected)
                    || (connected == bestConnected && (shares[i] < shares[best] || (shares[i] == shares[best] && estimates[i] < estimates[best]))))
                {
                    best = i;
                    bestConnected = connected;
                }
            }

            order.Add(best);
            joined.Add(best);
        }

        // Build the left-deep tree; track where each global column lands in the current plan.
        var position = new Dictionary<int, int>();
        var plan = leaves[order[0]];
        for (var c = 0; c < plan.Columns.Count; c++)
        {
            position[offsets[order[0]] + c] = c;
        }

        var used = new HashSet<Edge>();
        var inPlan = new HashSet<int> { order[0] };
        for (var step = 1; step < order.Count; step++)
        {
            var next = order[step];
            var leftKeys = new List<BoundExpression>();
            var rightKeys = new List<BoundExpression>();
            foreach (var edge in edges)
            {
                if (used.Contains(edge))
                {
                    continue;
                }

                var leftOwners = Owners(edge.Left, owner);
                var rightOwners = Owners(edge.Right, owner);
                BoundExpression? probe = null;
                BoundExpression? build = null;
                if (leftOwners.All(inPlan.Contains) && rightOwners.All(o => o == next))
                {
                    (probe, build) = (edge.Left, edge.Right);
                }
                else if (rightOwners.All(inPlan.Contains) && leftOwners.All(o => o == next))
                {
                    (probe, build) = (edge.Right, edge.Left);
                }

                if (probe is not null)
                {
                    used.Add(edge);
                    var currentPositions = new Dictionary<int, int>(position);
                    leftKeys.Add(PlanRewriter.Replace(probe, c => c with { Index = currentPositions[c.Index] }));
                    var offset = offsets[next];
                    rightKeys.Add(PlanRewriter.Replace(build!, c => c with { Index = c.Index - offset }));
                }
            }

            var width = plan.Columns.Count;
            plan = new LogicalJoin(JoinKind.Inner, plan, leaves[next], leftKeys, rightKeys, null);
            for (var c = 0; c < leaves[next].Columns.Count; c++)
            {
                position[offsets[next] + c] = width + c;
            }

            inPlan.Add(next);
        }

        // Equalities not used as keys (cycles) and other conditions filter the joined rows.
        var remaining = residuals.Concat(edges.Where(e => !used.Contains(e)).Select(e => (BoundExpression)new BoundComparison(Columnar.Predicates.ComparisonKind.Equal, e.Left, e.Right)))
            .Select(p => PlanRewriter.Replace(p, c => c with { Index = position[c.Index] }))
            .ToList();
        if (PlanRewriter.And(remaining) is { } filter)
        {
            plan = new LogicalFilter(plan, filter);
        }

        var columns = root.Columns;
        var expressions = new List<BoundExpression>();
        for (var global = 0; global < columns.Count; global++)
        {
            expressions.Add(new BoundColumn(position[global], columns[global].Type, columns[global].Name));
        }

        return new LogicalProjection(plan, expressions, columns);
    }

    private static bool Connects(Edge edge, List<int> owner, HashSet<int> joined, int candidate)
    {
        var left = Owners(edge.Left, owner);
        var right = Owners(edge.Right, owner);
        return (left.All(joined.Contains) && right.All(o => o == candidate)) || (right.All(joined.Contains) && left.All(o => o == candidate));
    }

    private static HashSet<int> Owners(BoundExpression expression, List<int> owner)
        => [.. PlanRewriter.Columns(expression).Select(c => owner[c])];

    private static void Flatten(LogicalOperator plan, int offset, List<LogicalOperator> leaves, List<int> offsets, List<Edge> edges, List<BoundExpression> residuals)
    {
        if (plan is LogicalJoin { Kind: JoinKind.Inner } join)
        {
            var leftWidth = join.Left.Columns.Count;
            Flatten(join.Left, offset, leaves, offsets, edges, residuals);
            Flatten(join.Right, offset + leftWidth, leaves, offsets, edges, residuals);
            for (var i = 0; i < join.LeftKeys.Count; i++)
            {
                edges.Add(new Edge(PlanRewriter.Shift(join.LeftKeys[i], offset), PlanRewriter.Shift(join.RightKeys[i], offset + leftWidth)));
            }

            if (join.Residual is not null)
            {
                residuals.AddRange(PlanRewriter.Conjuncts(PlanRewriter.Shift(join.Residual, offset)));
            }

            return;
        }

        leaves.Add(plan);
        offsets.Add(offset);
    }
}
