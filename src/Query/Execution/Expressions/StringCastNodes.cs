using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Olap.Columnar.Text;
using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Query.Execution.Expressions;

/// <summary>Any type to VARCHAR, in DuckDB's text forms (true, 12.50, 1997-01-02, 2.5, 1e+20).</summary>
internal sealed class ToVarcharNode(ExpressionNode operand) : StringMapNode(operand, ColumnType.Varchar)
{
    private readonly StringVectorWriter _writer = new();
    private readonly ColumnType _source = operand.Type;

    protected override void Compute(ColumnVector input, RowSelection rows, ColumnVector output)
    {
        _writer.Begin(rows.Count);
        for (var i = 0; i < rows.LiveCount; i++)
        {
            var row = rows[i];
            if (input.IsNull(row))
            {
                _writer.AppendNull(row);
                continue;
            }

            switch (_source.Id)
            {
                case LogicalTypeId.SmallInt or LogicalTypeId.Integer or LogicalTypeId.BigInt:
                {
                    var value = _source.Physical switch
                    {
                        PhysicalKind.Int16 => input.GetValue<short>(row),
                        PhysicalKind.Int32 => input.GetValue<int>(row),
                        _ => input.GetValue<long>(row),
                    };
                    Utf8Formatter.TryFormat(value, _writer.Reserve(row, 20), out var written);
                    _writer.Commit(written);
                    break;
                }

                case LogicalTypeId.Double:
                    _writer.Append(row, Encoding.UTF8.GetBytes(FormatDouble(input.GetValue<double>(row))));
                    break;
                case LogicalTypeId.Varchar:
                    _writer.Append(row, input.GetString(row));
                    break;
                default:
                    _writer.Append(row, Encoding.UTF8.GetBytes(ValueFormatter.Format(input.GetScalar(row), _source)));
                    break;
            }
        }

        _writer.Finish(output);
    }

    /// <summary>DuckDB prints the shortest round-trip digits, whole numbers with ".0", and large or tiny ones as 1e+20.</summary>
    internal static string FormatDouble(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var exponent = text.IndexOf('E', StringComparison.Ordinal);
        if (exponent >= 0)
        {
            var mantissa = text[..exponent];
            var power = int.Parse(text.AsSpan(exponent + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            return string.Create(CultureInfo.InvariantCulture, $"{mantissa}e{(power < 0 ? '-' : '+')}{Math.Abs(power):00}");
        }

        return text.Contains('.', StringComparison.Ordinal) ? text : text + ".0";
    }
}

/// <summary>VARCHAR to any type, parsed row by row; a value that does not parse raises DuckDB's conversion error.</summary>
internal sealed class FromVarcharNode(ExpressionNode operand, ColumnType targetType) : StringMapNode(operand, targetType)
{
    private readonly ColumnType _target = targetType;

    protected override bool LiftsDictionary => false;

    protected override void Compute(ColumnVector input, RowSelection rows, ColumnVector output)
    {
        var count = rows.Count;
        VectorResults.PrepareFlatFixed(output, count);
        for (var i = 0; i < rows.LiveCount; i++)
        {
            var row = rows[i];
            if (input.IsNull(row))
            {
                output.Validity.SetInvalid(row, count);
                continue;
            }

            var text = input.GetString(row);
            switch (_target.Physical)
            {
                case PhysicalKind.Int8:
                    output.Values<byte>()[row] = FieldParser.TryParseBoolean(text, out var flag) ? (byte)(flag ? 1 : 0) : throw CastErrors.BadString(text, _target);
                    break;
                case PhysicalKind.Int16:
                    output.Values<short>()[row] = (short)ParseIntegral(text, short.MinValue, short.MaxValue);
                    break;
                case PhysicalKind.Int32 when _target.Id == LogicalTypeId.Date:
                    output.Values<int>()[row] = FieldParser.TryParseDate(text, out var days) ? days : throw CastErrors.BadString(text, _target);
                    break;
                case PhysicalKind.Int32:
                    output.Values<int>()[row] = (int)ParseIntegral(text, int.MinValue, int.MaxValue);
                    break;
                case PhysicalKind.Int64 when _target.Id == LogicalTypeId.Timestamp:
                    output.Values<long>()[row] = FieldParser.TryParseTimestamp(text, out var micros) ? micros : throw CastErrors.BadString(text, _target);
                    break;
                case PhysicalKind.Int64 when _target.Id == LogicalTypeId.Decimal:
                    output.Values<long>()[row] = FieldParser.ParseDecimal(text, _target.Precision, _target.Scale, out var scaled) == FieldParseResult.Ok
                        ? scaled
                        : (long)ParseWideDecimal(text);
                    break;
                case PhysicalKind.Int64:
                    output.Values<long>()[row] = (long)ParseIntegral(text, long.MinValue, long.MaxValue);
                    break;
                case PhysicalKind.Int128 when _target.Id == LogicalTypeId.Decimal:
                    output.Values<Int128>()[row] = ParseWideDecimal(text);
                    break;
                case PhysicalKind.Int128:
                    output.Values<Int128>()[row] = Int128.TryParse(FieldParser.Trim(text), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var huge)
                        ? huge
                        : ParseIntegral(text, long.MinValue, long.MaxValue);
                    break;
                default:
                    output.Values<double>()[row] = FieldParser.TryParseDouble(FieldParser.Trim(text), out var number) ? number : throw CastErrors.BadString(text, _target);
                    break;
            }
        }
    }

    /// <summary>An integer; like DuckDB, a decimal or exponent form is accepted and rounded half away from zero.</summary>
    private Int128 ParseIntegral(ReadOnlySpan<byte> text, long min, long max)
    {
        if (FieldParser.ParseInteger(text, min, max, out var value) == FieldParseResult.Ok)
        {
            return value;
        }

        if (FieldParser.TryParseDouble(FieldParser.Trim(text), out var number) && double.IsFinite(number))
        {
            var rounded = Math.Round(number, MidpointRounding.AwayFromZero);
            if (rounded >= min && rounded <= max)
            {
                return (Int128)rounded;
            }
        }

        throw CastErrors.BadString(text, _target);
    }

    /// <summary>A DECIMAL wider than 18 digits (or a form ParseDecimal rejects), through System.Decimal's 28 digits.</summary>
    private Int128 ParseWideDecimal(ReadOnlySpan<byte> text)
    {
        if (decimal.TryParse(FieldParser.Trim(text), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            var scaled = Math.Round(value * (decimal)Math.Pow(10, _target.Scale), MidpointRounding.AwayFromZero);
            var result = (Int128)scaled;
            if (result < Pow10.Int128(_target.Precision) && result > -Pow10.Int128(_target.Precision))
            {
                return result;
            }
        }

        throw CastErrors.BadString(text, _target);
    }
}
