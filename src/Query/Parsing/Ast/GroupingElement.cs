namespace Olap.Query.Parsing.Ast;

/// <summary>
/// One element of a GROUP BY as the grouping sets it stands for: an expression is one set of one expression;
/// <c>ROLLUP (a, b)</c> is (a, b), (a), (); <c>CUBE (a, b)</c> every subset; <c>GROUPING SETS (...)</c> the sets listed.
/// Elements separated by commas combine as the cross product of their sets, as in DuckDB and the SQL standard.
/// </summary>
public sealed record GroupingElement(IReadOnlyList<IReadOnlyList<ParsedExpression>> Sets, bool IsSets)
{
    /// <summary>CUBE makes 2^n sets; beyond this many columns the query is refused rather than run 2^n times.</summary>
    public const int MaxCubeColumns = 12;

    public static GroupingElement Rollup(IReadOnlyList<ParsedExpression> columns)
    {
        var sets = new List<IReadOnlyList<ParsedExpression>>();
        for (var length = columns.Count; length >= 0; length--)
        {
            sets.Add([.. columns.Take(length)]);
        }

        return new GroupingElement(sets, true);
    }

    public static GroupingElement Cube(IReadOnlyList<ParsedExpression> columns)
    {
        // Largest sets first, each in the order the columns are written, as DuckDB lists them.
        var sets = new List<IReadOnlyList<ParsedExpression>>();
        for (var mask = (1 << columns.Count) - 1; mask >= 0; mask--)
        {
            sets.Add([.. columns.Where((_, i) => (mask & (1 << (columns.Count - 1 - i))) != 0)]);
        }

        return new GroupingElement([.. sets.OrderByDescending(s => s.Count)], true);
    }

    /// <summary>The cross product of the elements' sets: every combination of one set from each element.</summary>
    public static IReadOnlyList<IReadOnlyList<ParsedExpression>> Combine(IReadOnlyList<GroupingElement> elements)
    {
        IReadOnlyList<IReadOnlyList<ParsedExpression>> result = [[]];
        foreach (var element in elements)
        {
            result = [.. result.SelectMany(prefix => element.Sets.Select(set => (IReadOnlyList<ParsedExpression>)[.. prefix, .. set]))];
        }

        return result;
    }
}
