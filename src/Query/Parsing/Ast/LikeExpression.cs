namespace Olap.Query.Parsing.Ast;

/// <summary><c>x [NOT] LIKE pattern</c> with <c>%</c> and <c>_</c> wildcards.</summary>
public sealed record LikeExpression(SqlPosition Position, ParsedExpression Value, ParsedExpression Pattern, bool Negated) : ParsedExpression(Position);
