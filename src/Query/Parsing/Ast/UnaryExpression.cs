namespace Olap.Query.Parsing.Ast;

public sealed record UnaryExpression(SqlPosition Position, UnaryOperator Operator, ParsedExpression Operand) : ParsedExpression(Position);
