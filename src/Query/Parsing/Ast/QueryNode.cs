namespace Olap.Query.Parsing.Ast;

/// <summary>
/// A whole query: optional WITH list, a body (a SELECT or a UNION ALL of them), ORDER BY, LIMIT and OFFSET.
/// </summary>
public sealed record QueryNode(
    SqlPosition Position,
    IReadOnlyList<CommonTableExpression> With,
    QueryBody Body,
    IReadOnlyList<OrderItem> OrderBy,
    ParsedExpression? Limit,
    ParsedExpression? Offset);

/// <summary><c>name AS (query)</c> in a WITH list.</summary>
public sealed record CommonTableExpression(SqlPosition Position, string Name, QueryNode Query);

/// <summary>An ORDER BY entry; <see cref="NullsFirst"/> is null when not written (the binder applies the default).</summary>
public sealed record OrderItem(ParsedExpression Expression, bool Descending, bool? NullsFirst);
