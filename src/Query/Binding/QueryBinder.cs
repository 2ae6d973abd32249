using Olap.Columnar.Types;
using Olap.Query.Binding.Expressions;
using Olap.Query.Catalog;
using Olap.Query.Parsing;
using Olap.Query.Parsing.Ast;
using Olap.Query.Planning;
using Olap.Query.Planning.Logical;

namespace Olap.Query.Binding;

/// <summary>Binds a query (WITH, SELECT cores, UNION ALL, ORDER BY, LIMIT) into a logical plan.</summary>
internal sealed class QueryBinder
{
    private readonly IBindCatalog _catalog;
    private readonly Dictionary<string, CommonTableExpression> _ctes;
    private readonly HashSet<string> _viewsBeingBound;

    public QueryBinder(IBindCatalog catalog)
        : this(catalog, new Dictionary<string, CommonTableExpression>(StringComparer.OrdinalIgnoreCase), new HashSet<string>(StringComparer.OrdinalIgnoreCase))
    {
    }

    private QueryBinder(IBindCatalog catalog, Dictionary<string, CommonTableExpression> ctes, HashSet<string> viewsBeingBound)
    {
        _catalog = catalog;
        _ctes = ctes;
        _viewsBeingBound = viewsBeingBound;
    }

    /// <summary>The value given for a parameter of the statement, as a literal.</summary>
    public BoundLiteral BindParameter(ParameterExpression parameter) => _catalog.BindParameter(parameter);

    public LogicalOperator Bind(QueryNode query)
    {
        var binder = this;
        if (query.With.Count > 0)
        {
            var ctes = new Dictionary<string, CommonTableExpression>(_ctes, StringComparer.OrdinalIgnoreCase);
            foreach (var cte in query.With)
            {
                if (query.With.Count(c => string.Equals(c.Name, cte.Name, StringComparison.OrdinalIgnoreCase)) > 1)
                {
                    throw new BindException($"WITH query name {cte.Name} is specified more than once", cte.Position);
                }

                ctes[cte.Name] = cte;
            }

            binder = new QueryBinder(_catalog, ctes, _viewsBeingBound);
        }

        return binder.BindBody(query);
    }

    public QueryResult RunSubquery(QueryNode query, SqlPosition position) => _catalog.Run(Bind(query));

    private LogicalOperator BindBody(QueryNode query)
    {
        LogicalOperator plan;
        if (query.Body is SelectCore core && !GroupingSets.Applies(core))
        {
            plan = BindSelect(core, query.OrderBy);
        }
        else
        {
            plan = BindSetOperation(query.Body);
            if (query.OrderBy.Count > 0)
            {
                plan = BindOutputOrder(plan, query.OrderBy);
            }
        }

        if (query.Limit is not null || query.Offset is not null)
        {
            var limit = query.Limit is null ? (long?)null : BindCount(query.Limit, "LIMIT");
            var offset = query.Offset is null ? 0 : BindCount(query.Offset, "OFFSET");
            plan = new LogicalLimit(plan, limit, offset);
        }

        return plan;
    }

    private long BindCount(ParsedExpression expression, string clause)
    {
        var bound = new ExpressionBinder(BindScope.Empty, this, clause).Bind(expression);
        if (!bound.IsConstant || !bound.Type.IsIntegral)
        {
            throw new BindException($"{clause} must be a constant integer", expression.Position);
        }

        var value = Execution.Expressions.ExpressionExecutor.EvaluateConstant(bound);
        if (value.IsNull || value.Int64 < 0)
        {
            throw new BindException($"{clause} must be a non-negative integer, not {value}", expression.Position);
        }

        return value.Int64;
    }

    private LogicalOperator BindSetOperation(QueryBody body)
    {
        if (body is SelectCore core)
        {
            return GroupingSets.Applies(core) ? BindSetOperation(GroupingSets.Expand(core)) : BindSelect(core, []);
        }

        var union = (UnionAllBody)body;
        var left = BindSetOperation(union.Left);
        var right = BindSetOperation(union.Right);
        if (left.Columns.Count != right.Columns.Count)
        {
            throw new BindException($"each side of UNION ALL must return the same number of columns (left {left.Columns.Count}, right {right.Columns.Count})", union.Position);
        }

        var types = new ColumnType[left.Columns.Count];
        for (var i = 0; i < types.Length; i++)
        {
            if (!ExpressionTyping.TryGetCommonType(left.Columns[i].Type, right.Columns[i].Type, out types[i]))
            {
                throw new BindException($"UNION ALL column {i + 1} ({left.Columns[i].Name}) is {left.Columns[i].Type} on the left and {right.Columns[i].Type} on the right", union.Position);
            }
        }

        var columns = left.Columns.Select((c, i) => new OutputColumn(c.Name, types[i])).ToList();
        LogicalOperator plan = new LogicalUnionAll([CastTo(left, types), CastTo(right, types)], columns);
        if (union.Distinct)
        {
            // UNION without ALL keeps one of each distinct row: a grouping on every column.
            plan = new LogicalAggregate(plan, [.. columns.Select((c, i) => (BoundExpression)new BoundColumn(i, c.Type, c.Name))], [], columns);
        }

        return plan;
    }

    private static LogicalOperator CastTo(LogicalOperator plan, IReadOnlyList<ColumnType> types)
    {
        var same = true;
        var expressions = new List<BoundExpression>();
        var columns = new List<OutputColumn>();
        for (var i = 0; i < types.Count; i++)
        {
            var column = plan.Columns[i];
            same &= column.Type == types[i];
            expressions.Add(ExpressionTyping.Cast(new BoundColumn(i, column.Type, column.Name), types[i]));
            columns.Add(column with { Type = types[i] });
        }

        return same ? plan : new LogicalProjection(plan, expressions, columns);
    }

    /// <summary>ORDER BY over a UNION ALL: output names and positions only.</summary>
    private LogicalOperator BindOutputOrder(LogicalOperator plan, IReadOnlyList<OrderItem> orderBy)
    {
        var scope = new BindScope(plan.Columns.Select(c => c with { Table = null }).ToList());
        var keys = new List<BoundOrderKey>();
        foreach (var item in orderBy)
        {
            BoundExpression key = item.Expression switch
            {
                LiteralExpression { Kind: LiteralKind.Integer } literal => PositionColumn(plan.Columns, literal, "ORDER BY"),
                _ => new ExpressionBinder(scope, this, "ORDER BY").Bind(item.Expression),
            };
            keys.Add(new BoundOrderKey(key, item.Descending, item.NullsFirst ?? false));
        }

        return new LogicalOrder(plan, keys);
    }

    private static BoundColumn PositionColumn(IReadOnlyList<OutputColumn> columns, LiteralExpression literal, string clause)
    {
        if (!int.TryParse(literal.Text, out var position) || position < 1 || position > columns.Count)
        {
            throw new BindException($"{clause} position {literal.Text} is not in the select list (1 to {columns.Count})", literal.Position);
        }

        return new BoundColumn(position - 1, columns[position - 1].Type, columns[position - 1].Name);
    }

    private LogicalOperator BindSelect(SelectCore core, IReadOnlyList<OrderItem> orderBy)
    {
        var plan = core.From is null
            ? new LogicalValues([Array.Empty<ScalarValue>()], [])
            : BindFrom(core.From);
        var scope = new BindScope(plan.Columns);

        if (core.Where is not null)
        {
            var where = new ExpressionBinder(scope, this, "WHERE").Bind(core.Where);
            plan = new LogicalFilter(plan, RequireBoolean(where, core.Where, "WHERE"));
        }

        // The select list with * expanded: a parsed expression (null for an expanded column) and a name.
        var items = new List<(ParsedExpression? Expression, int Column, string Name)>();
        foreach (var item in core.Items)
        {
            if (item.Expression is StarExpression star)
            {
                foreach (var index in scope.Expand(star))
                {
                    items.Add((null, index, scope.Columns[index].Name));
                }
            }
            else
            {
                items.Add((item.Expression, -1, item.Alias ?? ColumnNames.Derive(item.Expression)));
            }
        }

        var aggregating = core.GroupBy.Count > 0
            || core.Having is not null
            || items.Any(i => i.Expression is not null && AggregateBinder.ContainsAggregate(i.Expression))
            || (!core.Distinct && orderBy.Any(o => AggregateBinder.ContainsAggregate(o.Expression)));

        ExpressionBinder selectBinder;
        AggregateBinder? aggregateBinder = null;
        List<BoundExpression>? groups = null;
        if (aggregating)
        {
            groups = BindGroups(core, scope, items);
            aggregateBinder = new AggregateBinder(scope, this, groups, "the select list");
            selectBinder = aggregateBinder;
        }
        else
        {
            selectBinder = new ExpressionBinder(scope, this, "the select list");
        }

        var expressions = new List<BoundExpression>();
        var columns = new List<OutputColumn>();
        foreach (var item in items)
        {
            var (expression, column, name) = item;
            BoundExpression bound;
            if (expression is null)
            {
                if (aggregating)
                {
                    bound = selectBinder.Bind(ReferenceTo(scope, column, core.Position));
                }
                else
                {
                    bound = new BoundColumn(column, scope.Columns[column].Type, name);
                }
            }
            else
            {
                bound = selectBinder.Bind(expression);
            }

            // An unaliased column is named as its table spells it (DuckDB), not as the query does.
            if (expression is ColumnReferenceExpression && bound is BoundColumn named && core.Items.Count > 0 && !HasAlias(core, expression))
            {
                name = named.Name;
            }

            expressions.Add(bound);
            columns.Add(new OutputColumn(name, bound.Type));
        }

        BoundExpression? having = null;
        if (core.Having is not null)
        {
            having = RequireBoolean(aggregateBinder!.Bind(core.Having), core.Having, "HAVING");
        }

        // ORDER BY: output positions and aliases first, then expressions (hidden columns when not selected).
        var visible = expressions.Count;
        var keys = new List<BoundOrderKey>();
        foreach (var item in orderBy)
        {
            var index = ResolveOrderItem(item.Expression, columns, core.Distinct, expressions, selectBinder, out var extra);
            if (extra is not null)
            {
                expressions.Add(extra);
                columns.Add(new OutputColumn($"#order{expressions.Count}", extra.Type));
            }

            keys.Add(new BoundOrderKey(new BoundColumn(index, columns[index].Type, columns[index].Name), item.Descending, item.NullsFirst ?? false));
        }

        if (aggregating)
        {
            var aggregateColumns = groups!.Select((g, i) => new OutputColumn(g is BoundColumn c ? c.Name : $"#group{i}", g.Type)).ToList();
            aggregateColumns.AddRange(aggregateBinder!.Aggregates.Select(a => new OutputColumn(a.ToString(), a.Type)));
            plan = new LogicalAggregate(plan, groups!, aggregateBinder.Aggregates.ToList(), aggregateColumns);
            if (having is not null)
            {
                plan = new LogicalFilter(plan, having);
            }
        }

        plan = new LogicalProjection(plan, expressions, columns);
        if (core.Distinct)
        {
            var all = columns.Select((c, i) => (BoundExpression)new BoundColumn(i, c.Type, c.Name)).ToList();
            plan = new LogicalAggregate(plan, all, [], columns);
        }

        if (keys.Count > 0)
        {
            plan = new LogicalOrder(plan, keys);
        }

        if (expressions.Count > visible)
        {
            plan = new LogicalProjection(plan, columns.Take(visible).Select((c, i) => (BoundExpression)new BoundColumn(i, c.Type, c.Name)).ToList(), columns.Take(visible).ToList());
        }

        return plan;
    }

    private static int ResolveOrderItem(ParsedExpression expression, List<OutputColumn> columns, bool distinct, List<BoundExpression> expressions, ExpressionBinder binder, out BoundExpression? extra)
    {
        extra = null;
        if (expression is LiteralExpression { Kind: LiteralKind.Integer } literal)
        {
            return PositionColumn(columns, literal, "ORDER BY").Index;
        }

        if (expression is ColumnReferenceExpression { Names.Count: 1 } reference)
        {
            for (var i = 0; i < columns.Count; i++)
            {
                if (string.Equals(columns[i].Name, reference.Name, StringComparison.OrdinalIgnoreCase))
                {
                    return i;
                }
            }
        }

        var bound = binder.Bind(expression);
        var key = ExpressionPrinter.Print(bound);
        for (var i = 0; i < expressions.Count; i++)
        {
            if (ExpressionPrinter.Print(expressions[i]) == key)
            {
                return i;
            }
        }

        if (distinct)
        {
            throw new BindException("for SELECT DISTINCT, ORDER BY expressions must appear in the select list", expression.Position);
        }

        extra = bound;
        return expressions.Count;
    }

    private List<BoundExpression> BindGroups(SelectCore core, BindScope scope, List<(ParsedExpression? Expression, int Column, string Name)> items)
    {
        var groups = new List<BoundExpression>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var binder = new ExpressionBinder(scope, this, "GROUP BY");
        foreach (var group in core.GroupBy)
        {
            var target = group;
            if (group is LiteralExpression { Kind: LiteralKind.Integer } literal)
            {
                if (!int.TryParse(literal.Text, out var position) || position < 1 || position > items.Count)
                {
                    throw new BindException($"GROUP BY position {literal.Text} is not in the select list (1 to {items.Count})", literal.Position);
                }

                var item = items[position - 1];
                if (item.Expression is not null && AggregateBinder.ContainsAggregate(item.Expression))
                {
                    throw new BindException($"GROUP BY position {position} refers to an aggregate ({item.Name})", literal.Position);
                }

                target = item.Expression ?? ReferenceTo(scope, item.Column, literal.Position);
            }
            else if (group is ColumnReferenceExpression { Names.Count: 1 } reference && !scope.TryResolve(reference, out _))
            {
                // A select alias, when no column has the name.
                var alias = items.FirstOrDefault(i => i.Expression is not null && string.Equals(i.Name, reference.Name, StringComparison.OrdinalIgnoreCase));
                if (alias.Expression is not null)
                {
                    target = alias.Expression;
                }
            }

            var bound = binder.Bind(target);
            if (keys.Add(ExpressionPrinter.Print(bound)))
            {
                groups.Add(bound);
            }
        }

        return groups;
    }

    private static ColumnReferenceExpression ReferenceTo(BindScope scope, int column, SqlPosition position)
    {
        var output = scope.Columns[column];
        return new ColumnReferenceExpression(position, output.Table is null ? [output.Name] : [output.Table, output.Name]);
    }

    private static bool HasAlias(SelectCore core, ParsedExpression expression)
        => core.Items.Any(i => ReferenceEquals(i.Expression, expression) && i.Alias is not null);

    private static BoundExpression RequireBoolean(BoundExpression bound, ParsedExpression expression, string clause)
    {
        if (bound is BoundConstant { Value.IsNull: true })
        {
            // An untyped NULL condition (WHERE NULL) is a BOOLEAN NULL: no row passes.
            return new BoundConstant(ScalarValue.Null, ColumnType.Boolean);
        }

        return bound.Type == ColumnType.Boolean
            ? bound
            : throw new BindException($"{clause} needs a BOOLEAN condition, not {bound.Type}", expression.Position);
    }

    private LogicalOperator BindFrom(FromItem from)
    {
        switch (from)
        {
            case TableReference table:
                return BindTable(table);
            case FileReference file:
            {
                var source = _catalog.OpenFile(file.Path, file.Position, FileReadOptions.FromExtension);
                var alias = file.Alias ?? Path.GetFileNameWithoutExtension(Path.GetFileNameWithoutExtension(file.Path));
                return new LogicalGet(source, alias, Enumerable.Range(0, source.Columns.Count).ToList(), []);
            }

            case TableFunctionReference function:
            {
                var (path, options) = TableFunctions.Bind(function);
                var source = _catalog.OpenFile(path, function.Position, options);
                return new LogicalGet(source, function.Alias ?? function.Name.ToLowerInvariant(), Enumerable.Range(0, source.Columns.Count).ToList(), []);
            }

            case SubqueryReference subquery:
                return Relabel(Bind(subquery.Query), subquery.Alias ?? "unnamed_subquery");
            default:
                return BindJoin((JoinReference)from);
        }
    }

    private LogicalOperator BindTable(TableReference table)
    {
        var name = table.Names[^1];
        var alias = table.Alias ?? name;
        if (table.Names.Count == 1 && _ctes.TryGetValue(name, out var cte))
        {
            // A CTE sees the CTEs before it, not itself (no recursion).
            var inner = new Dictionary<string, CommonTableExpression>(_ctes, StringComparer.OrdinalIgnoreCase);
            inner.Remove(name);
            return Relabel(new QueryBinder(_catalog, inner, _viewsBeingBound).Bind(cte.Query), alias);
        }

        var source = _catalog.FindTable(name);
        if (source is not null)
        {
            var visible = source is SegmentedTable segmented ? segmented.VisibleColumns : source.Columns.Count;
            if (_catalog.CombinedCubeRows(name, source) is { } combined)
            {
                // A cube with appends kept apart: a group's rows from several appends read as one.
                var columns = combined.Columns;
                return new LogicalProjection(
                    combined,
                    [.. Enumerable.Range(0, visible).Select(i => (BoundExpression)new BoundColumn(i, columns[i].Type, columns[i].Name))],
                    [.. columns.Take(visible).Select(c => c with { Table = alias })]);
            }

            return new LogicalGet(source, alias, Enumerable.Range(0, visible).ToList(), []);
        }

        var view = _catalog.FindView(name);
        if (view is not null)
        {
            if (!_viewsBeingBound.Add(name))
            {
                throw new BindException($"view {name} refers to itself", table.Position);
            }

            try
            {
                var statement = SqlParser.ParseScript(view).Single();
                var query = ((SelectStatement)statement).Query;
                return Relabel(new QueryBinder(_catalog, new Dictionary<string, CommonTableExpression>(StringComparer.OrdinalIgnoreCase), _viewsBeingBound).Bind(query), alias);
            }
            finally
            {
                _viewsBeingBound.Remove(name);
            }
        }

        throw new BindException(NameSuggestions.WithSuggestion($"table {name} does not exist", name, [.. _catalog.Names, .. _ctes.Keys]), table.Position);
    }

    private static LogicalProjection Relabel(LogicalOperator plan, string alias)
    {
        var columns = plan.Columns;
        return new LogicalProjection(
            plan,
            columns.Select((c, i) => (BoundExpression)new BoundColumn(i, c.Type, c.Name)).ToList(),
            columns.Select(c => c with { Table = alias }).ToList());
    }

    private LogicalOperator BindJoin(JoinReference join)
    {
        if (join.Kind == JoinKind.Full)
        {
            throw new BindException("FULL OUTER JOIN is not supported yet; use a LEFT JOIN and a UNION ALL of the unmatched right rows", join.Position);
        }

        if (join.Kind == JoinKind.Right)
        {
            // a RIGHT JOIN b is b LEFT JOIN a with the columns put back in a, b order.
            var swapped = BindInnerOrLeftJoin(join with { Kind = JoinKind.Left, Left = join.Right, Right = join.Left });
            var rightWidth = swapped.Left.Columns.Count;
            var leftWidth = swapped.Right.Columns.Count;
            var all = swapped.Columns;
            var order = Enumerable.Range(rightWidth, leftWidth).Concat(Enumerable.Range(0, rightWidth)).ToList();
            return new LogicalProjection(swapped, [.. order.Select(i => (BoundExpression)new BoundColumn(i, all[i].Type, all[i].Name))], [.. order.Select(i => all[i])]);
        }

        return BindInnerOrLeftJoin(join);
    }

    private LogicalJoin BindInnerOrLeftJoin(JoinReference join)
    {
        var left = BindFrom(join.Left);
        var right = BindFrom(join.Right);
        if (join.Condition is null)
        {
            // A cross join is an inner join without conditions; WHERE conditions join it later.
            return new LogicalJoin(JoinKind.Inner, left, right, [], [], null);
        }

        var scope = new BindScope([.. left.Columns, .. right.Columns]);
        var condition = RequireBoolean(new ExpressionBinder(scope, this, "JOIN conditions").Bind(join.Condition), join.Condition, "JOIN ... ON");
        var leftKeys = new List<BoundExpression>();
        var rightKeys = new List<BoundExpression>();
        var residual = new List<BoundExpression>();
        foreach (var conjunct in PlanRewriter.Conjuncts(condition))
        {
            if (PlanRewriter.TrySplitEquality(conjunct, left.Columns.Count, out var leftKey, out var rightKey))
            {
                leftKeys.Add(leftKey);
                rightKeys.Add(rightKey);
            }
            else
            {
                residual.Add(conjunct);
            }
        }

        return new LogicalJoin(join.Kind == JoinKind.Cross ? JoinKind.Inner : join.Kind, left, right, leftKeys, rightKeys, PlanRewriter.And(residual));
    }
}
