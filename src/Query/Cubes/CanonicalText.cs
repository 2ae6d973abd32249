using System.Text;
using Olap.Query.Planning;

namespace Olap.Query.Cubes;

/// <summary>
/// A bound expression written out with its column positions, types and constants, so two expressions compare equal
/// exactly when they compute the same thing from the same columns. Equalities are written with their operands in a
/// fixed order (<c>a = b</c> and <c>b = a</c> read the same), as join conditions come either way round.
/// </summary>
internal static class CanonicalText
{
    public static string Of(BoundExpression expression)
    {
        var text = new StringBuilder();
        Write(expression, text);
        return text.ToString();
    }

    private static void Write(BoundExpression expression, StringBuilder text)
    {
        switch (expression)
        {
            case BoundColumn column:
                text.Append('#').Append(column.Index);
                return;
            case BoundConstant constant:
                text.Append(constant.Type).Append('\'').Append(constant.Value.IsNull ? "NULL" : constant.Value.ToString().Replace("'", "''", StringComparison.Ordinal)).Append('\'');
                return;
            case BoundCast cast:
                text.Append("cast(");
                Write(cast.Operand, text);
                text.Append(" as ").Append(cast.Type).Append(')');
                return;
            case BoundComparison { Kind: Olap.Columnar.Predicates.ComparisonKind.Equal } equal:
            {
                var left = Of(equal.Left);
                var right = Of(equal.Right);
                var (first, second) = string.CompareOrdinal(left, right) <= 0 ? (left, right) : (right, left);
                text.Append('(').Append(first).Append(" = ").Append(second).Append(')');
                return;
            }

            case BoundComparison comparison:
                text.Append('(');
                Write(comparison.Left, text);
                text.Append(' ').Append(comparison.Kind).Append(' ');
                Write(comparison.Right, text);
                text.Append(')');
                return;
            case BoundConjunction conjunction:
                WriteCall(conjunction.IsAnd ? "and" : "or", conjunction.Operands, text);
                return;
            case BoundNot not:
                WriteCall("not", [not.Operand], text);
                return;
            case BoundIsNull isNull:
                WriteCall(isNull.Negated ? "isnotnull" : "isnull", [isNull.Operand], text);
                return;
            case BoundArithmetic arithmetic:
                WriteCall(arithmetic.Operator + ":" + arithmetic.Type, [arithmetic.Left, arithmetic.Right], text);
                return;
            case BoundNegate negate:
                WriteCall("negate", [negate.Operand], text);
                return;
            case BoundInList inList:
                text.Append(inList.Negated ? "notin(" : "in(");
                Write(inList.Operand, text);
                foreach (var value in inList.Values)
                {
                    text.Append(", '").Append(value.IsNull ? "NULL" : value.ToString().Replace("'", "''", StringComparison.Ordinal)).Append('\'');
                }

                text.Append(')');
                return;
            case BoundLike like:
                WriteCall(like.Negated ? "notlike" : "like", [like.Operand, like.Pattern], text);
                return;
            case BoundCase @case:
                text.Append("case(").Append(@case.Type);
                foreach (var when in @case.Whens)
                {
                    text.Append(", when ");
                    Write(when.When, text);
                    text.Append(" then ");
                    Write(when.Then, text);
                }

                text.Append(", else ");
                Write(@case.Else, text);
                text.Append(')');
                return;
            case BoundFunction function:
                WriteCall(function.Function.Id + ":" + function.Type, function.Arguments, text);
                return;
            default:
                throw new InvalidOperationException($"No canonical text for {expression.GetType().Name}.");
        }
    }

    private static void WriteCall(string name, IReadOnlyList<BoundExpression> operands, StringBuilder text)
    {
        text.Append(name).Append('(');
        for (var i = 0; i < operands.Count; i++)
        {
            if (i > 0)
            {
                text.Append(", ");
            }

            Write(operands[i], text);
        }

        text.Append(')');
    }
}
