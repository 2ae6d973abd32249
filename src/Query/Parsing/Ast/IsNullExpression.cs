namespace Olap.Query.Parsing.Ast;

/// <summary><c>x IS [NOT] NULL</c>.</summary>
public sealed record IsNullExpression(SqlPosition Position, ParsedExpression Value, bool Negated) : ParsedExpression(Position);
