namespace Olap.Query.Parsing.Ast;

/// <summary>
/// NULL of <see cref="TypeOf"/>'s type, bound over the input rows. Not written in SQL: the grouping-sets rewrite puts it
/// where a grouping column outside the branch's set reads as NULL, so every branch of the UNION ALL keeps the column's type.
/// </summary>
public sealed record TypedNullExpression(SqlPosition Position, ParsedExpression TypeOf) : ParsedExpression(Position);
