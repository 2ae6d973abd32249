namespace Olap.Query.Parsing.Ast;

public sealed record BinaryExpression(SqlPosition Position, BinaryOperator Operator, ParsedExpression Left, ParsedExpression Right) : ParsedExpression(Position);
