using Olap.Columnar.Predicates;
using Olap.Columnar.Types;
using Olap.Query.Binding;
using Olap.Query.Binding.Expressions;
using Olap.Query.Catalog;
using Olap.Query.Planning;
using Olap.Query.Planning.Logical;

namespace Olap.Query.Cubes;

/// <summary>A fresh cube the optimizer may use: its analysed definition and a way to open its stored rows.</summary>
internal sealed record CubeCandidate(string Name, CubeDefinition Definition, long Rows, Func<string, SegmentedTable> Open);

/// <summary>
/// Answers aggregations from materialized cubes. An aggregate over a star block is rewritten to read a cube when
/// the block's tables are the cube's, every condition of the cube is among the block's (so the cube holds every row
/// the query needs, and no row it must not see), the other conditions and the groups read only dimensions of one of
/// the cube's grouping sets, and each aggregate can be computed again from the cube's measures: SUM of sums, SUM of
/// counts, MIN of minimums, MAX of maximums, AVG as the sum of sums over the sum of counts, and anything (DISTINCT
/// included) over dimensions alone. Of the cubes that can answer, it takes the grouping set with fewest dimensions,
/// then the smallest cube. Anything else is left to run on the tables.
/// </summary>
internal static class CubeRewrite
{
    public static LogicalOperator Rewrite(LogicalOperator plan, IReadOnlyList<CubeCandidate> cubes) => plan switch
    {
        LogicalAggregate aggregate => TryAnswer(aggregate, cubes) ?? new LogicalAggregate(Rewrite(aggregate.Child, cubes), aggregate.Groups, aggregate.Aggregates, aggregate.Columns),
        LogicalFilter filter => new LogicalFilter(Rewrite(filter.Child, cubes), filter.Predicate),
        LogicalProjection projection => new LogicalProjection(Rewrite(projection.Child, cubes), projection.Expressions, projection.Columns),
        LogicalJoin join => new LogicalJoin(join.Kind, Rewrite(join.Left, cubes), Rewrite(join.Right, cubes), join.LeftKeys, join.RightKeys, join.Residual),
        LogicalOrder order => new LogicalOrder(Rewrite(order.Child, cubes), order.Keys),
        LogicalLimit limit => new LogicalLimit(Rewrite(limit.Child, cubes), limit.Limit, limit.Offset),
        LogicalUnionAll union => new LogicalUnionAll([.. union.Inputs.Select(i => Rewrite(i, cubes))], union.Columns),
        _ => plan,
    };

    private static LogicalOperator? TryAnswer(LogicalAggregate aggregate, IReadOnlyList<CubeCandidate> cubes)
    {
        var block = StarBlock.TryAnalyze(aggregate.Child);
        if (block is null)
        {
            return null;
        }

        var groups = aggregate.Groups.Select(block.Canonicalize).ToList();
        var arguments = aggregate.Aggregates.Select(a => a.Argument is null ? null : block.Canonicalize(a.Argument)).ToList();
        (CubeCandidate Cube, CubeGroupingSet Set, List<BoundExpression> Remaining)? best = null;
        foreach (var cube in cubes)
        {
            var definition = cube.Definition;
            if (definition.Block.TableKey != block.TableKey)
            {
                continue;
            }

            // The cube's conditions must all be the query's; the query's others are applied to the cube's rows.
            var queryConditions = block.ConjunctTexts.ToHashSet(StringComparer.Ordinal);
            if (!definition.Block.ConjunctTexts.All(queryConditions.Contains))
            {
                continue;
            }

            var cubeConditions = definition.Block.ConjunctTexts.ToHashSet(StringComparer.Ordinal);
            var remaining = block.Conjuncts.Where((_, i) => !cubeConditions.Contains(block.ConjunctTexts[i])).ToList();
            var needed = new HashSet<int>();
            foreach (var expression in remaining.Concat(groups))
            {
                PlanRewriter.CollectColumns(expression, needed);
            }

            foreach (var set in definition.Sets)
            {
                if (!needed.IsSubsetOf(set.Dimensions) || !arguments.Select((a, i) => CanReaggregate(aggregate.Aggregates[i], a, set, definition)).All(ok => ok))
                {
                    continue;
                }

                if (best is null || set.Dimensions.Count < best.Value.Set.Dimensions.Count
                    || (set.Dimensions.Count == best.Value.Set.Dimensions.Count && cube.Rows < best.Value.Cube.Rows))
                {
                    best = (cube, set, remaining);
                }
            }
        }

        return best is { } chosen ? Answer(aggregate, groups, arguments, chosen.Cube, chosen.Set, chosen.Remaining) : null;
    }

    private static bool CanReaggregate(BoundAggregate aggregate, BoundExpression? argument, CubeGroupingSet set, CubeDefinition cube)
    {
        if (argument is not null && ReadsOnly(argument, set) && (aggregate.Distinct || aggregate.Kind is AggregateKind.Min or AggregateKind.Max))
        {
            return true;
        }

        if (aggregate.Distinct)
        {
            return false;
        }

        var text = argument is null ? null : CanonicalText.Of(argument);
        return aggregate.Kind switch
        {
            AggregateKind.CountStar => cube.IndexOf(CubeColumnRole.CountStar, null) >= 0,
            AggregateKind.Count => cube.IndexOf(CubeColumnRole.Count, text) >= 0,
            AggregateKind.Sum => cube.IndexOf(CubeColumnRole.Sum, text) >= 0,
            AggregateKind.Min => cube.IndexOf(CubeColumnRole.Min, text) >= 0,
            AggregateKind.Max => cube.IndexOf(CubeColumnRole.Max, text) >= 0,
            AggregateKind.Avg => cube.IndexOf(CubeColumnRole.Sum, text) >= 0 && cube.IndexOf(CubeColumnRole.Count, text) >= 0,
            _ => false,
        };
    }

    private static bool ReadsOnly(BoundExpression expression, CubeGroupingSet set)
    {
        var columns = PlanRewriter.Columns(expression);
        return columns.Count > 0 && columns.All(set.Dimensions.Contains);
    }

    private static LogicalOperator Answer(LogicalAggregate aggregate, List<BoundExpression> groups, List<BoundExpression?> arguments, CubeCandidate cube, CubeGroupingSet set, List<BoundExpression> remaining)
    {
        var definition = cube.Definition;
        var setNumber = definition.Sets.ToList().IndexOf(set) + 1;
        var description = definition.Sets.Count > 1
            ? $"answers from materialized view {cube.Name} (grouping set {setNumber} of {definition.Sets.Count})"
            : $"answers from materialized view {cube.Name}";
        var table = cube.Open(description);
        var all = Enumerable.Range(0, table.Columns.Count).ToList();
        LogicalOperator plan = new LogicalGet(table, cube.Name, all, []);

        BoundExpression Stored(int index) => new BoundColumn(index, table.Columns[index].Type, table.Columns[index].Name);
        BoundExpression ToCube(BoundExpression expression) => PlanRewriter.Replace(expression, c => Stored(definition.DimensionStorage(c.Index)));

        var conditions = remaining.Select(ToCube).ToList();
        if (definition.GroupingSetStorage is var setColumn and >= 0)
        {
            var type = table.Columns[setColumn].Type;
            conditions.Insert(0, new BoundComparison(ComparisonKind.Equal, Stored(setColumn), new BoundConstant(ScalarValue.FromInt64(set.Mask), type)));
        }

        if (PlanRewriter.And(conditions) is { } predicate)
        {
            plan = new LogicalFilter(plan, predicate);
        }

        var newGroups = groups.Select(ToCube).ToList();
        var newAggregates = new List<BoundAggregate>();
        var finals = new List<BoundExpression>();
        BoundExpression Add(BoundAggregate added)
        {
            newAggregates.Add(added);
            return new BoundColumn(newGroups.Count + newAggregates.Count - 1, added.Type, added.ToString());
        }

        BoundExpression SumOf(int storedColumn)
        {
            var stored = Stored(storedColumn);
            return Add(new BoundAggregate(AggregateKind.Sum, stored, false, AggregateBinder.SumType(stored.Type, default)));
        }

        for (var i = 0; i < aggregate.Aggregates.Count; i++)
        {
            var original = aggregate.Aggregates[i];
            var argument = arguments[i];
            BoundExpression result;
            if (argument is not null && ReadsOnly(argument, set) && (original.Distinct || original.Kind is AggregateKind.Min or AggregateKind.Max))
            {
                result = Add(original with { Argument = ToCube(argument) });
            }
            else
            {
                var text = argument is null ? null : CanonicalText.Of(argument);
                result = original.Kind switch
                {
                    AggregateKind.CountStar => Count(SumOf(definition.IndexOf(CubeColumnRole.CountStar, null))),
                    AggregateKind.Count => Count(SumOf(definition.IndexOf(CubeColumnRole.Count, text))),
                    AggregateKind.Sum => SumOf(definition.IndexOf(CubeColumnRole.Sum, text)),
                    AggregateKind.Min => Add(original with { Argument = Stored(definition.IndexOf(CubeColumnRole.Min, text)) }),
                    AggregateKind.Max => Add(original with { Argument = Stored(definition.IndexOf(CubeColumnRole.Max, text)) }),
                    _ => Average(SumOf(definition.IndexOf(CubeColumnRole.Sum, text)), SumOf(definition.IndexOf(CubeColumnRole.Count, text))),
                };
            }

            finals.Add(result.Type == original.Type ? result : ExpressionTyping.Cast(result, original.Type));
        }

        var columns = newGroups.Select((g, i) => new OutputColumn(aggregate.Columns[i].Name, g.Type))
            .Concat(newAggregates.Select(a => new OutputColumn(a.ToString(), a.Type)))
            .ToList();
        var answered = new LogicalAggregate(plan, newGroups, newAggregates, columns);
        var outputs = newGroups.Select((g, i) => (BoundExpression)new BoundColumn(i, g.Type, aggregate.Columns[i].Name)).Concat(finals).ToList();
        return new LogicalProjection(answered, outputs, aggregate.Columns);
    }

    /// <summary>A count summed from stored counts: 0, not NULL, when no cube row qualifies (COUNT over no rows).</summary>
    private static BoundExpression Count(BoundExpression summed)
    {
        var zero = new BoundConstant(ScalarValue.FromInt64(0), summed.Type);
        var value = new BoundCase([new BoundCaseWhen(new BoundIsNull(summed, false), zero)], summed, summed.Type);
        return ExpressionTyping.Cast(value, ColumnType.BigInt);
    }

    private static BoundExpression Average(BoundExpression sum, BoundExpression count)
        => new BoundArithmetic(ArithmeticOperator.Divide, ExpressionTyping.Cast(sum, ColumnType.Double), ExpressionTyping.Cast(count, ColumnType.Double), ColumnType.Double);
}
