using Olap.Columnar.Format;
using Olap.Columnar.Predicates;
using Olap.Columnar.Types;
using Olap.Query.Parsing.Ast;
using Olap.Query.Planning.Logical;

namespace Olap.Query.Planning.Optimizer;

/// <summary>
/// Moves each conjunct of every filter as far down as it can go: through projections and sorts, into one side of a
/// join (or into the join's keys when it equates the two sides), below an aggregate when it reads only group
/// columns, and finally into the scan, where comparisons of a column with constants become storage filters that
/// zone maps and encoded data evaluate.
/// </summary>
internal static class FilterPushdown
{
    public static LogicalOperator Push(LogicalOperator plan) => Push(plan, []);

    private static LogicalOperator Push(LogicalOperator plan, List<BoundExpression> predicates)
    {
        switch (plan)
        {
            case LogicalFilter filter:
                predicates.AddRange(PlanRewriter.Conjuncts(filter.Predicate));
                return Push(filter.Child, predicates);
            case LogicalProjection projection:
            {
                var below = predicates.Select(p => PlanRewriter.Replace(p, c => projection.Expressions[c.Index])).ToList();
                return new LogicalProjection(Push(projection.Child, below), projection.Expressions, projection.Columns);
            }

            case LogicalOrder order:
                return new LogicalOrder(Push(order.Child, predicates), order.Keys);
            case LogicalJoin join:
                return PushIntoJoin(join, predicates);
            case LogicalAggregate aggregate:
            {
                var below = new List<BoundExpression>();
                var above = new List<BoundExpression>();
                foreach (var predicate in predicates)
                {
                    var columns = PlanRewriter.Columns(predicate);
                    if (columns.Count > 0 && columns.All(c => c < aggregate.Groups.Count))
                    {
                        below.Add(PlanRewriter.Replace(predicate, c => aggregate.Groups[c.Index]));
                    }
                    else
                    {
                        above.Add(predicate);
                    }
                }

                return WithFilter(new LogicalAggregate(Push(aggregate.Child, below), aggregate.Groups, aggregate.Aggregates, aggregate.Columns), above);
            }

            case LogicalUnionAll union:
                return new LogicalUnionAll([.. union.Inputs.Select(i => Push(i, [.. predicates]))], union.Columns);
            case LogicalLimit limit:
                return WithFilter(new LogicalLimit(Push(limit.Child, []), limit.Limit, limit.Offset), predicates);
            case LogicalGet get:
                return PushIntoScan(get, predicates);
            default:
                return WithFilter(plan, predicates);
        }
    }

    private static LogicalOperator WithFilter(LogicalOperator plan, List<BoundExpression> predicates)
        => PlanRewriter.And(predicates) is { } predicate ? new LogicalFilter(plan, predicate) : plan;

    private static LogicalOperator PushIntoJoin(LogicalJoin join, List<BoundExpression> predicates)
    {
        var leftWidth = join.Left.Columns.Count;
        var left = new List<BoundExpression>();
        var right = new List<BoundExpression>();
        var above = new List<BoundExpression>();
        var leftKeys = join.LeftKeys.ToList();
        var rightKeys = join.RightKeys.ToList();
        var residual = new List<BoundExpression>();
        var ownConditions = join.Residual is null ? [] : PlanRewriter.Conjuncts(join.Residual).ToList();

        if (join.Kind == JoinKind.Inner)
        {
            foreach (var predicate in predicates.Concat(ownConditions))
            {
                var columns = PlanRewriter.Columns(predicate);
                if (columns.All(c => c < leftWidth))
                {
                    left.Add(predicate);
                }
                else if (columns.All(c => c >= leftWidth))
                {
                    right.Add(PlanRewriter.Shift(predicate, -leftWidth));
                }
                else if (PlanRewriter.TrySplitEquality(predicate, leftWidth, out var leftKey, out var rightKey))
                {
                    leftKeys.Add(leftKey);
                    rightKeys.Add(rightKey);
                }
                else
                {
                    residual.Add(predicate);
                }
            }
        }
        else
        {
            // LEFT JOIN: a WHERE condition on the left side filters left rows before the join; anything on the right
            // side must see the NULLs the join adds, so it stays above. In ON, a right-only condition narrows the
            // build side; other ON conditions decide matches and stay in the join.
            foreach (var predicate in predicates)
            {
                var columns = PlanRewriter.Columns(predicate);
                if (columns.Count > 0 && columns.All(c => c < leftWidth))
                {
                    left.Add(predicate);
                }
                else
                {
                    above.Add(predicate);
                }
            }

            foreach (var condition in ownConditions)
            {
                var columns = PlanRewriter.Columns(condition);
                if (columns.Count > 0 && columns.All(c => c >= leftWidth))
                {
                    right.Add(PlanRewriter.Shift(condition, -leftWidth));
                }
                else
                {
                    residual.Add(condition);
                }
            }
        }

        var joined = new LogicalJoin(join.Kind, Push(join.Left, left), Push(join.Right, right), leftKeys, rightKeys, PlanRewriter.And(residual));
        return WithFilter(joined, above);
    }

    private static LogicalOperator PushIntoScan(LogicalGet get, List<BoundExpression> predicates)
    {
        if (!get.Source.EvaluatesFilters)
        {
            return WithFilter(get, predicates);
        }

        var filters = get.Filters.ToList();
        var remaining = new List<BoundExpression>();
        var selectivity = 1.0;
        foreach (var predicate in predicates)
        {
            if (TryScanFilter(get, predicate, out var filter))
            {
                filters.Add(filter);
                selectivity *= Selectivity(get.Source, filter);
            }
            else
            {
                remaining.Add(predicate);
                selectivity *= 0.5;
            }
        }

        var scan = new LogicalGet(get.Source, get.Alias, get.ColumnIds, filters) { EstimatedRows = get.EstimatedRows * selectivity };
        return WithFilter(scan, remaining);
    }

    /// <summary>
    /// The fraction of rows a storage filter keeps, from the column's statistics where the source has them:
    /// 1 / distinct for equality, the covered share of [min, max] for an integer range; fixed guesses otherwise.
    /// </summary>
    private static double Selectivity(Catalog.ITableSource source, ScanFilter filter)
    {
        var predicate = filter.Predicate;
        var statistics = source.GetStatistics(filter.Column);
        var distinct = Math.Max(1, statistics?.Distinct ?? 10);
        switch (predicate.Kind)
        {
            case ComparisonKind.Equal:
                return 1.0 / distinct;
            case ComparisonKind.NotEqual:
                return 1.0 - (1.0 / distinct);
            case ComparisonKind.In:
                return Math.Min(1.0, (double)predicate.Set.Count / distinct);
        }

        if (statistics is not { Min.Kind: ScalarKind.Integer, Max.Kind: ScalarKind.Integer } || predicate.Low.Kind != ScalarKind.Integer)
        {
            return 0.4;
        }

        double min = statistics.Min.Int64, max = statistics.Max.Int64;
        double low = min, high = max;
        var value = (double)predicate.Low.Int64;
        switch (predicate.Kind)
        {
            case ComparisonKind.LessThan or ComparisonKind.LessThanOrEqual: high = Math.Min(max, value); break;
            case ComparisonKind.GreaterThan or ComparisonKind.GreaterThanOrEqual: low = Math.Max(min, value); break;
            case ComparisonKind.Between: low = Math.Max(min, value); high = Math.Min(max, predicate.High.Int64); break;
        }

        return high < low ? 0.0 : Math.Clamp((high - low + 1) / (max - min + 1), 0.0, 1.0);
    }

    private static bool TryScanFilter(LogicalGet get, BoundExpression predicate, out ScanFilter filter)
    {
        filter = default;
        switch (predicate)
        {
            case BoundComparison comparison:
            {
                var kind = comparison.Kind;
                var (columnSide, constantSide) = (comparison.Left, comparison.Right);
                if (columnSide is BoundConstant)
                {
                    (columnSide, constantSide) = (constantSide, columnSide);
                    kind = Flip(kind);
                }

                if (constantSide is not BoundConstant { Value.IsNull: false } constant || !TryColumn(get, columnSide, out var column))
                {
                    return false;
                }

                if (!Matches(get, column, constant.Value))
                {
                    return false;
                }

                filter = new ScanFilter(get.ColumnIds[column], ColumnPredicate.Compare(kind, constant.Value));
                return true;
            }

            case BoundInList { Negated: false } inList when inList.Values.Count > 0 && TryColumn(get, inList.Operand, out var inColumn):
                if (!inList.Values.All(v => Matches(get, inColumn, v)))
                {
                    return false;
                }

                filter = new ScanFilter(get.ColumnIds[inColumn], ColumnPredicate.In(inList.Values));
                return true;
            case BoundConjunction { IsAnd: false } or:
            {
                // x = 'a' OR x = 'b' is x IN ('a', 'b') as a WHERE condition (a NULL x is unknown in both): as an IN it
                // is evaluated in the scan, once per dictionary entry, instead of twice per row above it.
                var values = new List<ScalarValue>();
                var orColumn = -1;
                if (!TryEqualities(get, or, values, ref orColumn))
                {
                    return false;
                }

                filter = new ScanFilter(get.ColumnIds[orColumn], ColumnPredicate.In(values));
                return true;
            }

            default:
                return false;
        }
    }

    /// <summary>Collects the constants of an OR of equalities (and IN lists) that all test one scan column.</summary>
    private static bool TryEqualities(LogicalGet get, BoundExpression expression, List<ScalarValue> values, ref int column)
    {
        switch (expression)
        {
            case BoundConjunction { IsAnd: false } or:
                foreach (var operand in or.Operands)
                {
                    if (!TryEqualities(get, operand, values, ref column))
                    {
                        return false;
                    }
                }

                return values.Count > 0;
            case BoundComparison { Kind: ComparisonKind.Equal } equal:
            {
                var (columnSide, constantSide) = equal.Left is BoundConstant ? (equal.Right, equal.Left) : (equal.Left, equal.Right);
                if (constantSide is not BoundConstant { Value.IsNull: false } constant || !TryColumn(get, columnSide, out var found)
                    || (column >= 0 && found != column) || !Matches(get, found, constant.Value))
                {
                    return false;
                }

                column = found;
                values.Add(constant.Value);
                return true;
            }

            case BoundInList { Negated: false } inList when inList.Values.Count > 0 && TryColumn(get, inList.Operand, out var listed):
                if ((column >= 0 && listed != column) || !inList.Values.All(v => Matches(get, listed, v)))
                {
                    return false;
                }

                column = listed;
                values.AddRange(inList.Values);
                return true;
            default:
                return false;
        }
    }

    /// <summary>A scan column, possibly widened by an integer cast (the storage predicate folds out-of-range constants).</summary>
    private static bool TryColumn(LogicalGet get, BoundExpression expression, out int column)
    {
        column = -1;
        if (expression is BoundCast { Operand: BoundColumn inner } cast && IsPlainInteger(cast.Type) && IsPlainInteger(inner.Type))
        {
            expression = inner;
        }

        if (expression is BoundColumn bound)
        {
            column = bound.Index;
            return true;
        }

        return false;
    }

    private static bool IsPlainInteger(ColumnType type) => type.Id is LogicalTypeId.SmallInt or LogicalTypeId.Integer or LogicalTypeId.BigInt;

    private static bool Matches(LogicalGet get, int column, ScalarValue value)
    {
        var type = get.Source.Columns[get.ColumnIds[column]].Type;
        return type.Physical switch
        {
            PhysicalKind.String => value.Kind == ScalarKind.String,
            PhysicalKind.Double => value.Kind == ScalarKind.Double,
            PhysicalKind.Int128 => false,
            _ => value.Kind == ScalarKind.Integer,
        };
    }

    private static ComparisonKind Flip(ComparisonKind kind) => kind switch
    {
        ComparisonKind.LessThan => ComparisonKind.GreaterThan,
        ComparisonKind.LessThanOrEqual => ComparisonKind.GreaterThanOrEqual,
        ComparisonKind.GreaterThan => ComparisonKind.LessThan,
        ComparisonKind.GreaterThanOrEqual => ComparisonKind.LessThanOrEqual,
        _ => kind,
    };
}
