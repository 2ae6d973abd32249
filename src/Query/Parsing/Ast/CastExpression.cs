namespace Olap.Query.Parsing.Ast;

/// <summary><c>CAST(x AS type)</c> or <c>x::type</c>.</summary>
public sealed record CastExpression(SqlPosition Position, ParsedExpression Value, TypeName Type) : ParsedExpression(Position);
