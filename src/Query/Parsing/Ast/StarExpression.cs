namespace Olap.Query.Parsing.Ast;

/// <summary><c>*</c> or <c>t.*</c> in a select list.</summary>
public sealed record StarExpression(SqlPosition Position, string? Qualifier) : ParsedExpression(Position);
