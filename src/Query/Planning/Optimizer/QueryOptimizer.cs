using Olap.Query.Planning.Logical;

namespace Olap.Query.Planning.Optimizer;

/// <summary>The rewrite passes, in order: constants folded, filters pushed down, joins ordered, columns pruned.</summary>
internal static class QueryOptimizer
{
    public static LogicalOperator Optimize(LogicalOperator plan)
    {
        plan = ConstantFolding.Fold(plan);
        plan = FilterPushdown.Push(plan);
        plan = JoinOrdering.Reorder(plan);

        // Join ordering can leave conditions as filters above joins; push them once more.
        plan = FilterPushdown.Push(plan);
        return ColumnPruning.Prune(plan);
    }
}
