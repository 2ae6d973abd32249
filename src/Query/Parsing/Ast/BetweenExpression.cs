namespace Olap.Query.Parsing.Ast;

/// <summary><c>x [NOT] BETWEEN low AND high</c>.</summary>
public sealed record BetweenExpression(SqlPosition Position, ParsedExpression Value, ParsedExpression Low, ParsedExpression High, bool Negated) : ParsedExpression(Position);
