namespace Olap.Query.Parsing.Ast;

/// <summary>A constant as written: <see cref="Text"/> is the literal's text without quotes (string escapes undone).</summary>
public sealed record LiteralExpression(SqlPosition Position, LiteralKind Kind, string Text) : ParsedExpression(Position);
