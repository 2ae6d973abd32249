using Olap.Query.Parsing.Ast;

namespace Olap.Query.Binding;

/// <summary>
/// GROUP BY ROLLUP / CUBE / GROUPING SETS as a UNION ALL of plain groupings, one per set, as the SQL standard defines
/// them: in the branch of a set, every grouping expression outside the set reads as NULL (outside aggregate calls,
/// whose arguments keep the real values), and <c>GROUPING(a, b, …)</c> is the bit mask of the arguments that are
/// not in the set (the first argument the highest bit). An empty set is the grand total: one row, even over no rows.
/// </summary>
internal static class GroupingSets
{
    /// <summary>Whether a SELECT needs the rewrite: grouping sets, or GROUPING() calls over a plain GROUP BY.</summary>
    public static bool Applies(SelectCore core) =>
        core.GroupingSets is not null || core.Items.Any(i => CallsGrouping(i.Expression)) || (core.Having is not null && CallsGrouping(core.Having));

    public static QueryBody Expand(SelectCore core)
    {
        var sets = core.GroupingSets ?? [core.GroupBy];
        var all = new List<string>();
        var first = new Dictionary<string, ParsedExpression>(StringComparer.Ordinal);
        foreach (var set in sets)
        {
            foreach (var expression in set)
            {
                var key = Key(expression);
                if (first.TryAdd(key, expression))
                {
                    all.Add(key);
                }
            }
        }

        QueryBody? union = null;
        foreach (var set in sets)
        {
            var keys = set.Select(Key).ToHashSet(StringComparer.Ordinal);
            var rewriter = new Rewriter(all, keys);
            var items = core.Items.Select(item => Rewrite(item, rewriter)).ToList();
            var having = core.Having is null ? null : rewriter.Rewrite(core.Having);
            var distinctSet = set.DistinctBy(Key).ToList();
            if (distinctSet.Count == 0 && !items.Any(i => HasAggregate(i.Expression)) && (having is null || !HasAggregate(having)))
            {
                // The grand total group: an aggregate query even when the list names no aggregate.
                var count = new FunctionCallExpression(core.Position, "count", [], Distinct: false, Star: true);
                var zero = new LiteralExpression(core.Position, LiteralKind.Integer, "0");
                var always = new BinaryExpression(core.Position, BinaryOperator.GreaterThanOrEqual, count, zero);
                having = having is null ? always : new BinaryExpression(core.Position, BinaryOperator.And, having, always);
            }

            var branch = new SelectCore(core.Position, core.Distinct, items, core.From, core.Where, distinctSet, having);
            union = union is null ? branch : new UnionAllBody(core.Position, union, branch);
        }

        return union!;
    }

    private static SelectItem Rewrite(SelectItem item, Rewriter rewriter)
    {
        var rewritten = rewriter.Rewrite(item.Expression);
        if (item.Alias is null && !ReferenceEquals(rewritten, item.Expression))
        {
            // Keep the column's name in branches where it reads as NULL or a GROUPING() constant.
            return new SelectItem(rewritten, item.Expression switch
            {
                ColumnReferenceExpression column => column.Name,
                FunctionCallExpression call => $"{call.Name.ToLowerInvariant()}({string.Join(", ", call.Arguments.Select(Key))})",
                _ => null,
            });
        }

        return item with { Expression = rewritten };
    }

    private static bool CallsGrouping(ParsedExpression expression) =>
        expression is FunctionCallExpression { Name: var name } && string.Equals(name, "grouping", StringComparison.OrdinalIgnoreCase)
        || Children(expression).Any(CallsGrouping);

    private static bool HasAggregate(ParsedExpression expression) =>
        expression is FunctionCallExpression call && ExpressionBinder.IsAggregateName(call.Name) || Children(expression).Any(HasAggregate);

    /// <summary>An expression's identity for matching grouping expressions: its shape and names, not where it is written.</summary>
    public static string Key(ParsedExpression expression) => expression switch
    {
        ColumnReferenceExpression column => column.Name.ToLowerInvariant(),
        LiteralExpression literal => $"{literal.Kind}:{literal.Text}",
        FunctionCallExpression call => $"{call.Name.ToLowerInvariant()}({(call.Distinct ? "distinct " : "")}{(call.Star ? "*" : string.Join(", ", call.Arguments.Select(Key)))})",
        BinaryExpression binary => $"({Key(binary.Left)} {binary.Operator} {Key(binary.Right)})",
        UnaryExpression unary => $"{unary.Operator}({Key(unary.Operand)})",
        CastExpression cast => $"cast({Key(cast.Value)} as {cast.Type})",
        _ => $"{expression.GetType().Name}@{expression.Position.Line}:{expression.Position.Column}",
    };

    private static IEnumerable<ParsedExpression> Children(ParsedExpression expression) => expression switch
    {
        BinaryExpression b => [b.Left, b.Right],
        UnaryExpression u => [u.Operand],
        FunctionCallExpression f => f.Arguments,
        CastExpression c => [c.Value],
        BetweenExpression b => [b.Value, b.Low, b.High],
        InListExpression i => [i.Value, .. i.Items],
        IsNullExpression i => [i.Value],
        LikeExpression l => [l.Value, l.Pattern],
        CaseExpression c => [.. (c.Operand is null ? [] : new[] { c.Operand }), .. c.Whens.SelectMany(w => new[] { w.When, w.Then }), .. (c.Else is null ? [] : new[] { c.Else })],
        _ => [],
    };

    /// <summary>Rewrites one branch's expressions for its grouping set.</summary>
    private sealed class Rewriter(IReadOnlyList<string> all, HashSet<string> set)
    {
        public ParsedExpression Rewrite(ParsedExpression expression)
        {
            if (expression is FunctionCallExpression call)
            {
                if (string.Equals(call.Name, "grouping", StringComparison.OrdinalIgnoreCase))
                {
                    return Grouping(call);
                }

                if (ExpressionBinder.IsAggregateName(call.Name))
                {
                    // Aggregates see the rows' real values.
                    return expression;
                }
            }

            var key = Key(expression);
            if (!set.Contains(key) && all.Contains(key))
            {
                return new TypedNullExpression(expression.Position, expression);
            }

            return expression switch
            {
                BinaryExpression b => Changed(b, b with { Left = Rewrite(b.Left), Right = Rewrite(b.Right) }),
                UnaryExpression u => Changed(u, u with { Operand = Rewrite(u.Operand) }),
                FunctionCallExpression f => Changed(f, f with { Arguments = [.. f.Arguments.Select(Rewrite)] }),
                CastExpression c => Changed(c, c with { Value = Rewrite(c.Value) }),
                BetweenExpression b => Changed(b, b with { Value = Rewrite(b.Value), Low = Rewrite(b.Low), High = Rewrite(b.High) }),
                InListExpression i => Changed(i, i with { Value = Rewrite(i.Value), Items = [.. i.Items.Select(Rewrite)] }),
                IsNullExpression i => Changed(i, i with { Value = Rewrite(i.Value) }),
                LikeExpression l => Changed(l, l with { Value = Rewrite(l.Value), Pattern = Rewrite(l.Pattern) }),
                CaseExpression c => Changed(c, c with
                {
                    Operand = c.Operand is null ? null : Rewrite(c.Operand),
                    Whens = [.. c.Whens.Select(w => new CaseWhen(Rewrite(w.When), Rewrite(w.Then)))],
                    Else = c.Else is null ? null : Rewrite(c.Else),
                }),
                _ => expression,
            };
        }

        private LiteralExpression Grouping(FunctionCallExpression call)
        {
            if (call.Star || call.Arguments.Count == 0)
            {
                throw new BindException("GROUPING takes one or more grouping expressions", call.Position);
            }

            var mask = 0L;
            foreach (var argument in call.Arguments)
            {
                var key = Key(argument);
                if (!all.Contains(key))
                {
                    throw new BindException($"GROUPING argument {key} is not in the GROUP BY", argument.Position);
                }

                mask = (mask << 1) | (set.Contains(key) ? 0L : 1L);
            }

            return new LiteralExpression(call.Position, LiteralKind.Integer, mask.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        /// <summary>The original when nothing below changed, so unchanged items keep their identity (and their names).</summary>
        private static ParsedExpression Changed(ParsedExpression original, ParsedExpression rewritten) =>
            Children(original).Zip(Children(rewritten)).All(p => ReferenceEquals(p.First, p.Second)) ? original : rewritten;
    }
}
