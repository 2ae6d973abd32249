using System.Text;
using Olap.Columnar.Predicates;
using Olap.Columnar.Types;

namespace Olap.Query.Planning;

/// <summary>
/// Renders a bound expression as SQL-like text for EXPLAIN. The text is canonical (two structurally equal
/// expressions print alike), so the binder also uses it to recognise a GROUP BY expression inside the select list.
/// </summary>
public static class ExpressionPrinter
{
    public static string Print(BoundExpression expression)
    {
        var builder = new StringBuilder();
        Append(builder, expression);
        return builder.ToString();
    }

    public static string Operator(ComparisonKind kind) => kind switch
    {
        ComparisonKind.Equal => "=",
        ComparisonKind.NotEqual => "<>",
        ComparisonKind.LessThan => "<",
        ComparisonKind.LessThanOrEqual => "<=",
        ComparisonKind.GreaterThan => ">",
        _ => ">=",
    };

    private static void Append(StringBuilder builder, BoundExpression expression)
    {
        switch (expression)
        {
            case BoundColumn column:
                builder.Append(column.Name).Append('#').Append(column.Index);
                break;
            case BoundConstant constant:
                AppendConstant(builder, constant.Value, constant.Type);
                break;
            case BoundCast cast:
                builder.Append("CAST(");
                Append(builder, cast.Operand);
                builder.Append(" AS ").Append(cast.Type).Append(')');
                break;
            case BoundComparison comparison:
                builder.Append('(');
                Append(builder, comparison.Left);
                builder.Append(' ').Append(Operator(comparison.Kind)).Append(' ');
                Append(builder, comparison.Right);
                builder.Append(')');
                break;
            case BoundConjunction conjunction:
                builder.Append('(');
                for (var i = 0; i < conjunction.Operands.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(conjunction.IsAnd ? " AND " : " OR ");
                    }

                    Append(builder, conjunction.Operands[i]);
                }

                builder.Append(')');
                break;
            case BoundNot not:
                builder.Append("(NOT ");
                Append(builder, not.Operand);
                builder.Append(')');
                break;
            case BoundIsNull isNull:
                builder.Append('(');
                Append(builder, isNull.Operand);
                builder.Append(isNull.Negated ? " IS NOT NULL)" : " IS NULL)");
                break;
            case BoundArithmetic arithmetic:
                builder.Append('(');
                Append(builder, arithmetic.Left);
                builder.Append(arithmetic.Operator switch
                {
                    ArithmeticOperator.Add => " + ",
                    ArithmeticOperator.Subtract => " - ",
                    ArithmeticOperator.Multiply => " * ",
                    ArithmeticOperator.Divide => " / ",
                    ArithmeticOperator.IntegerDivide => " // ",
                    _ => " % ",
                });
                Append(builder, arithmetic.Right);
                builder.Append(')');
                break;
            case BoundNegate negate:
                builder.Append("(-");
                Append(builder, negate.Operand);
                builder.Append(')');
                break;
            case BoundInList inList:
                builder.Append('(');
                Append(builder, inList.Operand);
                builder.Append(inList.Negated ? " NOT IN (" : " IN (");
                for (var i = 0; i < inList.Values.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(", ");
                    }

                    if (i == 8 && inList.Values.Count > 10)
                    {
                        builder.Append("... ").Append(inList.Values.Count - 8).Append(" more");
                        break;
                    }

                    AppendConstant(builder, inList.Values[i], inList.Operand.Type);
                }

                builder.Append(inList.ListHasNull ? ", NULL))" : "))");
                break;
            case BoundLike like:
                builder.Append('(');
                Append(builder, like.Operand);
                builder.Append(like.Negated ? " NOT LIKE " : " LIKE ");
                Append(builder, like.Pattern);
                builder.Append(')');
                break;
            case BoundCase @case:
                builder.Append("CASE");
                foreach (var when in @case.Whens)
                {
                    builder.Append(" WHEN ");
                    Append(builder, when.When);
                    builder.Append(" THEN ");
                    Append(builder, when.Then);
                }

                builder.Append(" ELSE ");
                Append(builder, @case.Else);
                builder.Append(" END");
                break;
            case BoundFunction function:
                // Overloads can share a name (extract year / extract month): the id keeps their texts apart.
                builder.Append(function.Function.Name);
                if (!string.Equals(function.Function.Name, function.Function.Id.ToString(), StringComparison.OrdinalIgnoreCase))
                {
                    builder.Append('<').Append(function.Function.Id).Append('>');
                }

                builder.Append('(');
                for (var i = 0; i < function.Arguments.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(", ");
                    }

                    Append(builder, function.Arguments[i]);
                }

                builder.Append(')');
                break;
            default:
                builder.Append(expression.GetType().Name);
                break;
        }
    }

    private static void AppendConstant(StringBuilder builder, ScalarValue value, ColumnType type)
    {
        if (value.IsNull)
        {
            builder.Append("NULL");
        }
        else if (type.Id is LogicalTypeId.Varchar or LogicalTypeId.Date or LogicalTypeId.Timestamp)
        {
            if (type.Id != LogicalTypeId.Varchar)
            {
                builder.Append(type).Append(' ');
            }

            builder.Append('\'').Append(ValueFormatter.Format(value, type).Replace("'", "''", StringComparison.Ordinal)).Append('\'');
        }
        else
        {
            builder.Append(ValueFormatter.Format(value, type));
        }
    }
}
