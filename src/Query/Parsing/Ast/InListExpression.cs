namespace Olap.Query.Parsing.Ast;

/// <summary><c>x [NOT] IN (a, b, ...)</c>.</summary>
public sealed record InListExpression(SqlPosition Position, ParsedExpression Value, IReadOnlyList<ParsedExpression> Items, bool Negated) : ParsedExpression(Position);
