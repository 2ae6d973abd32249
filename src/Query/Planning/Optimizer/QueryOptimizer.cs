using Olap.Query.Planning.Logical;

namespace Olap.Query.Planning.Optimizer;

/// <summary>The rewrite passes, in order: constants folded, aggregations answered from cubes, filters pushed down, joins ordered, columns pruned.</summary>
internal static class QueryOptimizer
{
    public static LogicalOperator Optimize(LogicalOperator plan, IReadOnlyList<Cubes.CubeCandidate>? cubes = null)
    {
        plan = ConstantFolding.Fold(plan);
        if (cubes is { Count: > 0 })
        {
            // On folded constants, before pushdown reshapes the star blocks a cube is matched against.
            plan = Cubes.CubeRewrite.Rewrite(plan, cubes);
        }

        plan = FilterPushdown.Push(plan);
        plan = JoinOrdering.Reorder(plan);

        // Join ordering can leave conditions as filters above joins; push them once more.
        plan = FilterPushdown.Push(plan);
        return ColumnPruning.Prune(plan);
    }
}
