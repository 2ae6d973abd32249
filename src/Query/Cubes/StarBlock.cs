using Olap.Columnar.Predicates;
using Olap.Query.Catalog;
using Olap.Query.Planning;
using Olap.Query.Planning.Logical;

namespace Olap.Query.Cubes;

/// <summary>
/// A select-project-join block as the binder builds it (inner joins, filters, scans of database tables) seen as a
/// set of tables and a set of conditions. Columns are renumbered canonically: the tables in name order, each
/// table's columns in table order. So a cube's definition and a query over the same tables number their columns the
/// same way whatever order they name the tables in, whether they join with <c>JOIN ... ON</c> or a <c>WHERE</c>,
/// and their conditions compare as text (<see cref="CanonicalText"/>).
/// </summary>
internal sealed class StarBlock
{
    private readonly int[] _canonical;

    private StarBlock(IReadOnlyList<string> tables, int[] canonical, IReadOnlyList<BoundExpression> conjuncts)
    {
        Tables = tables;
        _canonical = canonical;
        Conjuncts = conjuncts;
        ConjunctTexts = [.. conjuncts.Select(CanonicalText.Of)];
    }

    /// <summary>The tables, lower-cased, in name order.</summary>
    public IReadOnlyList<string> Tables { get; }

    /// <summary>Every condition of the block (join equalities, ON and WHERE conjuncts) on canonical columns.</summary>
    public IReadOnlyList<BoundExpression> Conjuncts { get; }

    public IReadOnlyList<string> ConjunctTexts { get; }

    public string TableKey => string.Join(',', Tables);

    /// <summary>
    /// The block under <paramref name="plan"/>, or null when it is anything else (an outer join, a subquery, a
    /// view, a file, a table named twice).
    /// </summary>
    public static StarBlock? TryAnalyze(LogicalOperator plan)
    {
        var leaves = new List<(SegmentedTable Table, int Offset)>();
        var conjuncts = new List<BoundExpression>();
        if (!Flatten(plan, 0, leaves, conjuncts))
        {
            return null;
        }

        var names = leaves.Select(l => l.Table.Name.ToLowerInvariant()).ToList();
        if (names.Distinct(StringComparer.Ordinal).Count() != names.Count)
        {
            return null;
        }

        var ordered = names.Order(StringComparer.Ordinal).ToList();
        var offsets = new Dictionary<string, int>(StringComparer.Ordinal);
        var next = 0;
        foreach (var name in ordered)
        {
            offsets[name] = next;
            next += leaves[names.IndexOf(name)].Table.Columns.Count;
        }

        var canonical = new int[plan.Columns.Count];
        for (var i = 0; i < leaves.Count; i++)
        {
            var (table, offset) = leaves[i];
            for (var c = 0; c < table.Columns.Count; c++)
            {
                canonical[offset + c] = offsets[names[i]] + c;
            }
        }

        var block = new StarBlock(ordered, canonical, []);
        var mapped = conjuncts
            .Select(block.Canonicalize)
            .Where(c => c is not BoundConstant { Value.IsNull: false } constant || constant.Value.Int64 == 0)
            .ToList();
        return new StarBlock(ordered, canonical, mapped);
    }

    /// <summary>
    /// The table scans under <paramref name="plan"/> (each with the first column it has in the plan's output) and every
    /// condition, numbered as the plan's output; false when the plan is not such a block.
    /// </summary>
    public static bool TryFlatten(LogicalOperator plan, out List<(SegmentedTable Table, int Offset)> leaves, out List<BoundExpression> conjuncts)
    {
        leaves = [];
        conjuncts = [];
        return Flatten(plan, 0, leaves, conjuncts);
    }

    /// <summary>An expression over the block's output columns, renumbered to canonical columns.</summary>
    public BoundExpression Canonicalize(BoundExpression expression)
        => PlanRewriter.Replace(expression, c => new BoundColumn(_canonical[c.Index], c.Type, string.Empty));

    private static bool Flatten(LogicalOperator node, int offset, List<(SegmentedTable, int)> leaves, List<BoundExpression> conjuncts)
    {
        switch (node)
        {
            case LogicalGet { Source: SegmentedTable { Entry: { Cube: null } } table } get
                when get.Filters.Count == 0 && get.ColumnIds.Count == table.Columns.Count && get.ColumnIds.Select((id, i) => id == i).All(same => same):
                leaves.Add((table, offset));
                return true;
            case LogicalFilter filter:
                if (!Flatten(filter.Child, offset, leaves, conjuncts))
                {
                    return false;
                }

                conjuncts.AddRange(PlanRewriter.Conjuncts(PlanRewriter.Shift(filter.Predicate, offset)));
                return true;
            case LogicalJoin { Kind: Parsing.Ast.JoinKind.Inner } join:
            {
                var leftWidth = join.Left.Columns.Count;
                if (!Flatten(join.Left, offset, leaves, conjuncts) || !Flatten(join.Right, offset + leftWidth, leaves, conjuncts))
                {
                    return false;
                }

                for (var k = 0; k < join.LeftKeys.Count; k++)
                {
                    conjuncts.Add(new BoundComparison(ComparisonKind.Equal, PlanRewriter.Shift(join.LeftKeys[k], offset), PlanRewriter.Shift(join.RightKeys[k], offset + leftWidth)));
                }

                if (join.Residual is not null)
                {
                    conjuncts.AddRange(PlanRewriter.Conjuncts(PlanRewriter.Shift(join.Residual, offset)));
                }

                return true;
            }

            default:
                return false;
        }
    }
}
