using Olap.Query.Parsing.Ast;

namespace Olap.Query.Tests.Parsing;

/// <summary>Renders a parsed expression fully parenthesized, so tests can state precedence and associativity plainly.</summary>
internal static class AstText
{
    public static string Render(ParsedExpression expression) => expression switch
    {
        LiteralExpression { Kind: LiteralKind.String } s => $"'{s.Text}'",
        LiteralExpression { Kind: LiteralKind.Date } d => $"DATE '{d.Text}'",
        LiteralExpression { Kind: LiteralKind.Timestamp } t => $"TIMESTAMP '{t.Text}'",
        LiteralExpression l => l.Text,
        ColumnReferenceExpression c => string.Join(".", c.Names),
        StarExpression { Qualifier: null } => "*",
        StarExpression s => $"{s.Qualifier}.*",
        ParameterExpression p => p.Name,
        UnaryExpression u => u.Operator switch
        {
            UnaryOperator.Negate => $"(-{Render(u.Operand)})",
            UnaryOperator.Plus => $"(+{Render(u.Operand)})",
            _ => $"(NOT {Render(u.Operand)})",
        },
        BinaryExpression b => $"({Render(b.Left)} {Symbol(b.Operator)} {Render(b.Right)})",
        BetweenExpression b => $"({Render(b.Value)} {(b.Negated ? "NOT " : string.Empty)}BETWEEN {Render(b.Low)} AND {Render(b.High)})",
        InListExpression i => $"({Render(i.Value)} {(i.Negated ? "NOT " : string.Empty)}IN [{string.Join(", ", i.Items.Select(Render))}])",
        LikeExpression l => $"({Render(l.Value)} {(l.Negated ? "NOT " : string.Empty)}LIKE {Render(l.Pattern)})",
        IsNullExpression n => $"({Render(n.Value)} IS {(n.Negated ? "NOT " : string.Empty)}NULL)",
        CastExpression c => $"CAST({Render(c.Value)} AS {c.Type.Name}{(c.Type.Parameters.Count > 0 ? "(" + string.Join(",", c.Type.Parameters) + ")" : string.Empty)})",
        CaseExpression c => "CASE" + (c.Operand is null ? string.Empty : " " + Render(c.Operand))
            + string.Concat(c.Whens.Select(w => $" WHEN {Render(w.When)} THEN {Render(w.Then)}"))
            + (c.Else is null ? string.Empty : $" ELSE {Render(c.Else)}") + " END",
        FunctionCallExpression f => f.Star ? $"{f.Name}(*)" : $"{f.Name}({(f.Distinct ? "DISTINCT " : string.Empty)}{string.Join(", ", f.Arguments.Select(Render))})",
        _ => throw new ArgumentException($"No rendering for {expression.GetType().Name}.", nameof(expression)),
    };

    private static string Symbol(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        BinaryOperator.IntegerDivide => "//",
        BinaryOperator.Modulo => "%",
        BinaryOperator.Concat => "||",
        BinaryOperator.Equal => "=",
        BinaryOperator.NotEqual => "<>",
        BinaryOperator.LessThan => "<",
        BinaryOperator.LessThanOrEqual => "<=",
        BinaryOperator.GreaterThan => ">",
        BinaryOperator.GreaterThanOrEqual => ">=",
        BinaryOperator.And => "AND",
        _ => "OR",
    };
}
