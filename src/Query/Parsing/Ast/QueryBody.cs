namespace Olap.Query.Parsing.Ast;

/// <summary>What produces a query's rows: one SELECT, or a UNION ALL of bodies.</summary>
public abstract record QueryBody(SqlPosition Position);

/// <summary><c>SELECT [DISTINCT] items [FROM ...] [WHERE ...] [GROUP BY ...] [HAVING ...]</c>.</summary>
public sealed record SelectCore(
    SqlPosition Position,
    bool Distinct,
    IReadOnlyList<SelectItem> Items,
    FromItem? From,
    ParsedExpression? Where,
    IReadOnlyList<ParsedExpression> GroupBy,
    ParsedExpression? Having) : QueryBody(Position);

/// <summary><c>left UNION ALL right</c>.</summary>
public sealed record UnionAllBody(SqlPosition Position, QueryBody Left, QueryBody Right, bool Distinct = false) : QueryBody(Position);

/// <summary>A select-list entry with its optional alias.</summary>
public sealed record SelectItem(ParsedExpression Expression, string? Alias);
