namespace Olap.Query.Parsing.Ast;

/// <summary>
/// <c>CASE [operand] WHEN w THEN t ... [ELSE e] END</c>; with an operand each WHEN is a value compared to it,
/// without one each WHEN is a condition.
/// </summary>
public sealed record CaseExpression(SqlPosition Position, ParsedExpression? Operand, IReadOnlyList<CaseWhen> Whens, ParsedExpression? Else) : ParsedExpression(Position);

public sealed record CaseWhen(ParsedExpression When, ParsedExpression Then);
