using System.Globalization;
using System.Text;
using Olap.Columnar.Text;
using Olap.Columnar.Types;
using Olap.Query.Parsing.Ast;

namespace Olap.Query.Binding;

/// <summary>
/// Gives literals their types as DuckDB does: an integer is INTEGER when it fits 32 bits, else BIGINT; a decimal
/// number is DECIMAL(digits, fraction digits) (DOUBLE when it has an exponent or more than 18 digits); strings are
/// VARCHAR; DATE '...' and TIMESTAMP '...' are checked here, so a bad date is reported where it is written.
/// </summary>
public static class LiteralBinder
{
    public static BoundLiteral Bind(LiteralExpression literal)
    {
        var text = literal.Text;
        switch (literal.Kind)
        {
            case LiteralKind.Null:
                return new BoundLiteral(null, ScalarValue.Null);
            case LiteralKind.Boolean:
                return new BoundLiteral(ColumnType.Boolean, ScalarValue.FromInt64(string.Equals(text, "true", StringComparison.OrdinalIgnoreCase) ? 1 : 0));
            case LiteralKind.String:
                return new BoundLiteral(ColumnType.Varchar, ScalarValue.FromString(text));
            case LiteralKind.Integer:
                if (FieldParser.ParseInteger(Encoding.ASCII.GetBytes(text), long.MinValue, long.MaxValue, out var integer) != FieldParseResult.Ok)
                {
                    // Beyond BIGINT a HUGEINT literal, beyond that a DOUBLE, as in DuckDB (so -9223372036854775808 can be written).
                    return Int128.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var huge)
                        ? new BoundLiteral(ColumnType.HugeInt, ScalarValue.FromInt128(huge))
                        : new BoundLiteral(ColumnType.Double, ScalarValue.FromDouble(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)));
                }

                return new BoundLiteral(integer is >= int.MinValue and <= int.MaxValue ? ColumnType.Integer : ColumnType.BigInt, ScalarValue.FromInt64(integer));
            case LiteralKind.Decimal:
                return BindDecimal(literal);
            case LiteralKind.Date:
                return FieldParser.TryParseDate(Encoding.UTF8.GetBytes(text), out var days)
                    ? new BoundLiteral(ColumnType.Date, ScalarValue.FromInt64(days))
                    : throw new BindException($"'{text}' is not a valid DATE (expected YYYY-MM-DD)", literal.Position);
            default:
                return FieldParser.TryParseTimestamp(Encoding.UTF8.GetBytes(text), out var micros)
                    ? new BoundLiteral(ColumnType.Timestamp, ScalarValue.FromInt64(micros))
                    : throw new BindException($"'{text}' is not a valid TIMESTAMP (expected YYYY-MM-DD HH:MM:SS[.ffffff])", literal.Position);
        }
    }

    private static BoundLiteral BindDecimal(LiteralExpression literal)
    {
        var text = literal.Text;
        var point = text.IndexOf('.', StringComparison.Ordinal);
        var hasExponent = text.AsSpan().IndexOfAny('e', 'E') >= 0;
        // DuckDB counts the digits as written, leading zeros included: 0.001 is DECIMAL(4,3), .05 is DECIMAL(2,2).
        var integerDigits = (point < 0 ? text : text[..point]).Length;
        var scale = point < 0 ? 0 : text.Length - point - 1;
        var precision = Math.Max(integerDigits + scale, Math.Max(scale, 1));
        if (hasExponent || precision > ColumnType.MaxDecimalPrecision)
        {
            return new BoundLiteral(ColumnType.Double, ScalarValue.FromDouble(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)));
        }

        var type = ColumnType.Decimal(precision, scale);
        if (FieldParser.ParseDecimal(Encoding.ASCII.GetBytes(text), precision, scale, out var scaled) != FieldParseResult.Ok)
        {
            throw new BindException($"decimal literal {text} cannot be read as {type}", literal.Position);
        }

        return new BoundLiteral(type, ScalarValue.FromInt64(scaled));
    }
}
