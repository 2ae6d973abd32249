using Olap.Columnar.Types;
using Olap.Query.Parsing.Ast;
using Olap.Query.Planning;

namespace Olap.Query.Binding.Expressions;

public static partial class ExpressionTyping
{
    /// <summary>
    /// A scalar function call (name case-insensitive) with DuckDB's signatures and result types. Aggregates are bound
    /// elsewhere. Unknown names suggest the closest known one.
    /// </summary>
    public static BoundExpression Function(string name, IReadOnlyList<BoundExpression> args, SqlPosition position)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(args);
        var lower = name.ToLowerInvariant();
        switch (lower)
        {
            case "abs":
            {
                var x = Numeric(args, lower, "abs(number)", position);
                return Call("abs", ScalarFunctionId.Abs, [x], x.Type);
            }

            case "round":
                return Round(args, position);
            case "floor" or "ceil" or "ceiling":
            {
                var x = Numeric(args, lower, $"{lower}(number)", position);
                var id = lower == "floor" ? ScalarFunctionId.Floor : ScalarFunctionId.Ceil;
                if (x.Type.Id == LogicalTypeId.Decimal)
                {
                    return Call(lower, id, [x], ColumnType.Decimal(x.Type.Precision, 0));
                }

                // DuckDB answers FLOOR and CEIL of integers as DOUBLE.
                return Call(lower, id, [Cast(x, ColumnType.Double, position)], ColumnType.Double);
            }

            case "coalesce":
            {
                Arity(args, 1, int.MaxValue, lower, "coalesce(value, ...)", position);
                var type = ResultType(args, "COALESCE operator", position);
                return Call(lower, ScalarFunctionId.Coalesce, CastAll(args, type, position), type);
            }

            case "nullif":
            {
                Arity(args, 2, 2, lower, "nullif(value, value)", position);
                var type = ComparisonType(args[0], args[1], position);
                return Call(lower, ScalarFunctionId.NullIf, [Cast(args[0], type, position), Cast(args[1], type, position)], NullAs(args[0], type).Type);
            }

            case "length" or "len" or "char_length" or "character_length":
                return Call(lower, ScalarFunctionId.Length, [Text(args, 0, 1, 1, lower, $"{lower}(VARCHAR)", position)], ColumnType.BigInt);
            case "upper" or "ucase" or "lower" or "lcase":
            {
                var id = lower is "upper" or "ucase" ? ScalarFunctionId.Upper : ScalarFunctionId.Lower;
                return Call(lower, id, [Text(args, 0, 1, 1, lower, $"{lower}(VARCHAR)", position)], ColumnType.Varchar);
            }

            case "substring" or "substr":
            {
                var signature = $"{lower}(VARCHAR, BIGINT[, BIGINT])";
                var text = Text(args, 0, 2, 3, lower, signature, position);
                var rest = new List<BoundExpression> { text };
                for (var i = 1; i < args.Count; i++)
                {
                    rest.Add(IntegerArgument(args[i], lower, signature, position));
                }

                return Call(lower, ScalarFunctionId.Substring, rest, ColumnType.Varchar);
            }

            case "concat":
                Arity(args, 1, int.MaxValue, lower, "concat(value, ...)", position);
                return Call(lower, ScalarFunctionId.Concat, CastAll(args, ColumnType.Varchar, position), ColumnType.Varchar);
            case "||":
                Arity(args, 2, 2, lower, "value || value", position);
                return Call(lower, ScalarFunctionId.ConcatOperator, CastAll(args, ColumnType.Varchar, position), ColumnType.Varchar);
            case "trim" or "ltrim" or "rtrim":
                return Trim(lower, args, position);
            case "extract" or "date_part" or "datepart":
                return Extract(lower, args, position);
            case "year" or "month" or "day" or "quarter" or "dayofweek" or "dow" or "dayofyear" or "doy" or "dayofmonth":
                Arity(args, 1, 1, lower, $"{lower}(DATE)", position);
                return ExtractField(lower, lower, args[0], position);
            case "date_trunc" or "datetrunc":
                return DateTrunc(lower, args, position);
            default:
                throw new BindException(NameSuggestions.WithSuggestion($"function {name} does not exist", name, s_functionNames), position);
        }
    }

    private static readonly string[] s_functionNames =
    [
        "abs", "round", "floor", "ceil", "ceiling", "coalesce", "nullif", "length", "upper", "lower", "substring", "substr",
        "concat", "trim", "ltrim", "rtrim", "extract", "date_part", "year", "month", "day", "quarter", "dayofweek", "dayofyear",
        "date_trunc",
    ];

    private static readonly string[] s_truncUnits = ["year", "quarter", "month", "week", "day", "hour", "minute", "second"];

    private static BoundFunction Call(string name, ScalarFunctionId id, IReadOnlyList<BoundExpression> args, ColumnType type)
        => new(new ScalarFunction(name, id), args, type);

    private static void Arity(IReadOnlyList<BoundExpression> args, int min, int max, string name, string signature, SqlPosition position)
    {
        if (args.Count < min || args.Count > max)
        {
            throw new BindException($"function {name} takes {(min == max ? min.ToString(System.Globalization.CultureInfo.InvariantCulture) : max == int.MaxValue ? $"at least {min}" : $"{min} to {max}")} arguments, not {args.Count}: {signature}", position);
        }
    }

    private static BoundExpression Numeric(IReadOnlyList<BoundExpression> args, string name, string signature, SqlPosition position)
    {
        Arity(args, 1, 1, name, signature, position);
        var x = args[0];
        if (!IsNumeric(x.Type))
        {
            throw new BindException($"no function matches {name}({x.Type}); expected {signature}", position);
        }

        return x;
    }

    private static BoundExpression Text(IReadOnlyList<BoundExpression> args, int index, int min, int max, string name, string signature, SqlPosition position)
    {
        Arity(args, min, max, name, signature, position);
        var x = NullAs(args[index], ColumnType.Varchar);
        if (x.Type.Id != LogicalTypeId.Varchar)
        {
            throw new BindException($"no function matches {name}({x.Type}, ...); expected {signature}", position);
        }

        return x;
    }

    private static BoundExpression IntegerArgument(BoundExpression e, string name, string signature, SqlPosition position)
    {
        if (!IsInteger(e.Type) && !(e is BoundConstant { Value.IsNull: true }))
        {
            throw new BindException($"no function matches {name}(..., {e.Type}); expected {signature}", position);
        }

        return Cast(e, ColumnType.BigInt, position);
    }

    private static List<BoundExpression> CastAll(IReadOnlyList<BoundExpression> args, ColumnType type, SqlPosition position)
    {
        var result = new List<BoundExpression>(args.Count);
        foreach (var arg in args)
        {
            result.Add(Cast(arg, type, position));
        }

        return result;
    }

    /// <summary>ROUND(x[, n]): DECIMAL keeps its precision at scale min(n, s) (0 for n &lt; 0); DOUBLE and integers keep their type.</summary>
    private static BoundFunction Round(IReadOnlyList<BoundExpression> args, SqlPosition position)
    {
        const string signature = "round(number[, INTEGER constant])";
        Arity(args, 1, 2, "round", signature, position);
        var x = args[0];
        if (!IsNumeric(x.Type))
        {
            throw new BindException($"no function matches round({x.Type}); expected {signature}", position);
        }

        var digits = 0L;
        if (args.Count == 2)
        {
            if (args[1] is not BoundConstant { Value.Kind: ScalarKind.Integer } constant || !IsInteger(args[1].Type))
            {
                throw new BindException($"the precision of round must be an integer constant; expected {signature}", position);
            }

            digits = constant.Value.Int64;
        }

        var type = x.Type.Id == LogicalTypeId.Decimal
            ? ColumnType.Decimal(x.Type.Precision, (int)Math.Clamp(digits, 0, x.Type.Scale))
            : x.Type;
        return Call("round", ScalarFunctionId.Round, [x, new BoundConstant(ScalarValue.FromInt64(digits), ColumnType.BigInt)], type);
    }

    private static BoundFunction Trim(string name, IReadOnlyList<BoundExpression> args, SqlPosition position)
    {
        var signature = $"{name}(VARCHAR[, VARCHAR constant])";
        var text = Text(args, 0, 1, 2, name, signature, position);
        var id = name switch
        {
            "ltrim" => ScalarFunctionId.LeftTrim,
            "rtrim" => ScalarFunctionId.RightTrim,
            _ => ScalarFunctionId.Trim,
        };
        if (args.Count == 1)
        {
            return Call(name, id, [text], ColumnType.Varchar);
        }

        if (args[1] is not BoundConstant { Type.Id: LogicalTypeId.Varchar, Value.IsNull: false } characters)
        {
            throw new BindException($"the characters {name} removes must be a VARCHAR constant; expected {signature}", position);
        }

        return Call(name, id, [text, characters], ColumnType.Varchar);
    }

    private static BoundFunction Extract(string name, IReadOnlyList<BoundExpression> args, SqlPosition position)
    {
        var signature = $"{name}('year' | 'month' | 'day' | 'quarter' | 'dow' | 'doy', DATE or TIMESTAMP)";
        Arity(args, 2, 2, name, signature, position);
        if (args[0] is not BoundConstant { Type.Id: LogicalTypeId.Varchar, Value.IsNull: false } field)
        {
            throw new BindException($"the field of {name} must be a constant; expected {signature}", position);
        }

        return ExtractField(name, field.Value.ToString().ToLowerInvariant(), args[1], position);
    }

    private static BoundFunction ExtractField(string name, string field, BoundExpression value, SqlPosition position)
    {
        var id = field switch
        {
            "year" or "years" or "y" or "yr" or "yrs" => ScalarFunctionId.ExtractYear,
            "month" or "months" or "mon" or "mons" => ScalarFunctionId.ExtractMonth,
            "day" or "days" or "d" or "dayofmonth" => ScalarFunctionId.ExtractDay,
            "quarter" or "quarters" => ScalarFunctionId.ExtractQuarter,
            "dow" or "dayofweek" or "weekday" => ScalarFunctionId.ExtractDayOfWeek,
            "doy" or "dayofyear" => ScalarFunctionId.ExtractDayOfYear,
            _ => throw new BindException($"extract specifier \"{field}\" not recognized (year, quarter, month, day, dayofweek, dayofyear)", position),
        };
        return Call(name, id, [DateArgument(name, value, position)], ColumnType.BigInt);
    }

    private static BoundFunction DateTrunc(string name, IReadOnlyList<BoundExpression> args, SqlPosition position)
    {
        var signature = $"{name}('year' | 'quarter' | 'month' | 'week' | 'day' | 'hour' | 'minute' | 'second', DATE or TIMESTAMP)";
        Arity(args, 2, 2, name, signature, position);
        if (args[0] is not BoundConstant { Type.Id: LogicalTypeId.Varchar, Value.IsNull: false } part)
        {
            throw new BindException($"the part of {name} must be a constant; expected {signature}", position);
        }

        var unit = part.Value.ToString().ToLowerInvariant();
        if (Array.IndexOf(s_truncUnits, unit) < 0)
        {
            throw new BindException($"date_trunc specifier \"{unit}\" not recognized; expected {signature}", position);
        }

        // DuckDB's DATE_TRUNC answers a TIMESTAMP even for a DATE.
        return Call(name, ScalarFunctionId.DateTrunc, [new BoundConstant(ScalarValue.FromString(unit), ColumnType.Varchar), DateArgument(name, args[1], position)], ColumnType.Timestamp);
    }

    private static BoundExpression DateArgument(string name, BoundExpression value, SqlPosition position)
    {
        if (value.Type.Id is LogicalTypeId.Date or LogicalTypeId.Timestamp)
        {
            return value;
        }

        if (IsAdaptable(value))
        {
            // A string literal is read as a timestamp (a date alone is its midnight).
            return Cast(value, value is BoundConstant { Value.IsNull: true } ? ColumnType.Date : ColumnType.Timestamp, position);
        }

        throw new BindException($"no function matches {name}({value.Type}); expected a DATE or TIMESTAMP", position);
    }
}
