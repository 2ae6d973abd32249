namespace Olap.Query.Parsing.Ast;

/// <summary>A command parameter: <c>$1</c>, <c>?</c> or <c>@name</c>, as written.</summary>
public sealed record ParameterExpression(SqlPosition Position, string Name) : ParsedExpression(Position);
