namespace Olap.Query.Parsing.Ast;

/// <summary>What produces a query's rows: one SELECT, or a UNION ALL of bodies.</summary>
public abstract record QueryBody(SqlPosition Position);

/// <summary>
/// <c>SELECT [DISTINCT] items [FROM ...] [WHERE ...] [GROUP BY ...] [HAVING ...]</c>. With ROLLUP, CUBE or GROUPING SETS
/// in the GROUP BY, <see cref="GroupingSets"/> lists every set the clause stands for (and <see cref="GroupBy"/> is empty).
/// </summary>
public sealed record SelectCore(
    SqlPosition Position,
    bool Distinct,
    IReadOnlyList<SelectItem> Items,
    FromItem? From,
    ParsedExpression? Where,
    IReadOnlyList<ParsedExpression> GroupBy,
    ParsedExpression? Having,
    IReadOnlyList<IReadOnlyList<ParsedExpression>>? GroupingSets = null) : QueryBody(Position);

/// <summary><c>left UNION ALL right</c>.</summary>
public sealed record UnionAllBody(SqlPosition Position, QueryBody Left, QueryBody Right, bool Distinct = false) : QueryBody(Position);

/// <summary>A select-list entry with its optional alias.</summary>
public sealed record SelectItem(ParsedExpression Expression, string? Alias);
