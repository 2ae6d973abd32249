namespace Olap.Query.Parsing.Ast;

/// <summary>A scalar subquery <c>(SELECT ...)</c> used as a value.</summary>
public sealed record SubqueryExpression(SqlPosition Position, QueryNode Query) : ParsedExpression(Position);

/// <summary><c>x [NOT] IN (SELECT ...)</c>.</summary>
public sealed record InSubqueryExpression(SqlPosition Position, ParsedExpression Value, QueryNode Query, bool Negated) : ParsedExpression(Position);
