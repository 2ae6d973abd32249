using System.Text;
using Olap.Query.Parsing.Ast;

namespace Olap.Query.Binding;

/// <summary>Names for unaliased select items, close to what DuckDB prints: the column name, or the expression's text.</summary>
internal static class ColumnNames
{
    public static string Derive(ParsedExpression expression)
    {
        var builder = new StringBuilder();
        Append(builder, expression);
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, ParsedExpression expression)
    {
        switch (expression)
        {
            case ColumnReferenceExpression reference:
                // As written, qualifier included: count(e.id), as DuckDB names it.
                builder.AppendJoin('.', reference.Names);
                break;
            case LiteralExpression literal:
                builder.Append(literal.Kind switch
                {
                    LiteralKind.String => $"'{literal.Text}'",
                    LiteralKind.Date => $"'{literal.Text}'",
                    LiteralKind.Timestamp => $"'{literal.Text}'",
                    LiteralKind.Null => "NULL",
                    _ => literal.Text,
                });
                break;
            case FunctionCallExpression call:
                builder.Append(call.Name.ToLowerInvariant()).Append('(');
                if (call.Star)
                {
                    builder.Append('*');
                }

                if (call.Distinct)
                {
                    builder.Append("DISTINCT ");
                }

                for (var i = 0; i < call.Arguments.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(", ");
                    }

                    Append(builder, call.Arguments[i]);
                }

                builder.Append(')');
                break;
            case BinaryExpression binary:
                builder.Append('(');
                Append(builder, binary.Left);
                builder.Append(' ').Append(binary.Operator switch
                {
                    BinaryOperator.Add => "+",
                    BinaryOperator.Subtract => "-",
                    BinaryOperator.Multiply => "*",
                    BinaryOperator.Divide => "/",
                    BinaryOperator.IntegerDivide => "//",
                    BinaryOperator.Modulo => "%",
                    BinaryOperator.Concat => "||",
                    BinaryOperator.Equal => "=",
                    BinaryOperator.NotEqual => "!=",
                    BinaryOperator.LessThan => "<",
                    BinaryOperator.LessThanOrEqual => "<=",
                    BinaryOperator.GreaterThan => ">",
                    BinaryOperator.GreaterThanOrEqual => ">=",
                    BinaryOperator.And => "AND",
                    _ => "OR",
                }).Append(' ');
                Append(builder, binary.Right);
                builder.Append(')');
                break;
            case UnaryExpression unary:
                builder.Append(unary.Operator switch { UnaryOperator.Negate => "-", UnaryOperator.Plus => "+", _ => "NOT " });
                Append(builder, unary.Operand);
                break;
            case CastExpression cast:
                builder.Append("CAST(");
                Append(builder, cast.Value);
                builder.Append(" AS ").Append(cast.Type.Name.ToUpperInvariant()).Append(')');
                break;
            case CaseExpression:
                builder.Append("CASE ... END");
                break;
            default:
                builder.Append(expression.GetType().Name.Replace("Expression", string.Empty, StringComparison.Ordinal).ToLowerInvariant());
                break;
        }
    }
}
