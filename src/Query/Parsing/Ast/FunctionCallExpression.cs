namespace Olap.Query.Parsing.Ast;

/// <summary>
/// A call such as <c>SUM(x)</c>, <c>COUNT(*)</c> (<see cref="Star"/>), <c>COUNT(DISTINCT x)</c>, or
/// <c>EXTRACT(YEAR FROM d)</c>, which is written down as <c>EXTRACT('YEAR', d)</c>.
/// </summary>
public sealed record FunctionCallExpression(SqlPosition Position, string Name, IReadOnlyList<ParsedExpression> Arguments, bool Distinct, bool Star) : ParsedExpression(Position);
