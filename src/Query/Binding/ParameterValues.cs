using System.Globalization;
using Olap.Columnar.Types;
using Olap.Query.Parsing;
using Olap.Query.Parsing.Ast;

namespace Olap.Query.Binding;

/// <summary>
/// Gives the parameters of a script their values (<see cref="QueryParameter"/>) and the values SQL types, as a literal
/// of the same value would have: an <see cref="int"/> is INTEGER, a <see cref="long"/> BIGINT, a <see cref="decimal"/>
/// DECIMAL with its own scale, a <see cref="DateTime"/> TIMESTAMP.
/// </summary>
internal sealed class ParameterValues
{
    private readonly IReadOnlyList<QueryParameter> _parameters;
    private readonly string _script;
    private List<SqlPosition>? _questionMarks;

    public ParameterValues(IReadOnlyList<QueryParameter> parameters, string script)
    {
        _parameters = parameters;
        _script = script;
    }

    public static ParameterValues None { get; } = new([], "");

    public BoundLiteral Bind(ParameterExpression parameter)
    {
        var value = Find(parameter) ?? throw new BindException(Missing(parameter), parameter.Position);
        try
        {
            return ToLiteral(value.Value);
        }
        catch (NotSupportedException error)
        {
            throw new BindException($"parameter {parameter.Name}: {error.Message}", parameter.Position);
        }
    }

    /// <summary>The literal a value stands for; <see cref="NotSupportedException"/> for a type SQL has no column type for.</summary>
    public static BoundLiteral ToLiteral(object? value) => value switch
    {
        null or DBNull => new BoundLiteral(null, ScalarValue.Null),
        bool b => new BoundLiteral(ColumnType.Boolean, ScalarValue.FromInt64(b ? 1 : 0)),
        sbyte or byte or short or ushort => new BoundLiteral(ColumnType.SmallInt, ScalarValue.FromInt64(Convert.ToInt64(value, CultureInfo.InvariantCulture))),
        int i => new BoundLiteral(ColumnType.Integer, ScalarValue.FromInt64(i)),
        uint u => new BoundLiteral(ColumnType.BigInt, ScalarValue.FromInt64(u)),
        long l => new BoundLiteral(ColumnType.BigInt, ScalarValue.FromInt64(l)),
        ulong ul => ul <= long.MaxValue ? new BoundLiteral(ColumnType.BigInt, ScalarValue.FromInt64((long)ul)) : new BoundLiteral(ColumnType.HugeInt, ScalarValue.FromInt128(ul)),
        Int128 h => new BoundLiteral(ColumnType.HugeInt, ScalarValue.FromInt128(h)),
        float f => new BoundLiteral(ColumnType.Double, ScalarValue.FromDouble(f)),
        double d => new BoundLiteral(ColumnType.Double, ScalarValue.FromDouble(d)),
        decimal m => Decimal(m),
        string s => new BoundLiteral(ColumnType.Varchar, ScalarValue.FromString(s)),
        char c => new BoundLiteral(ColumnType.Varchar, ScalarValue.FromString(c.ToString())),
        Guid g => new BoundLiteral(ColumnType.Varchar, ScalarValue.FromString(g.ToString())),
        DateOnly date => new BoundLiteral(ColumnType.Date, ScalarValue.FromInt64(date.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber)),
        DateTime time => new BoundLiteral(ColumnType.Timestamp, ScalarValue.FromInt64((time.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMicrosecond)),
        DateTimeOffset offset => new BoundLiteral(ColumnType.Timestamp, ScalarValue.FromInt64((offset.UtcTicks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMicrosecond)),
        Enum e => ToLiteral(Convert.ChangeType(e, Enum.GetUnderlyingType(e.GetType()), CultureInfo.InvariantCulture)),
        _ => throw new NotSupportedException($"a {value.GetType().Name} has no SQL type (use a number, string, bool, decimal, DateOnly or DateTime)"),
    };

    /// <summary>DECIMAL(digits, scale) as the value is written; a value of more than 18 digits becomes a DOUBLE.</summary>
    private static BoundLiteral Decimal(decimal value)
    {
        var scale = value.Scale;
        var unscaled = decimal.Truncate(value * Pow10(scale));
        var digits = Math.Abs(unscaled).ToString(CultureInfo.InvariantCulture).Length;
        var precision = Math.Max(Math.Max(digits, scale), 1);
        return precision > ColumnType.MaxDecimalPrecision
            ? new BoundLiteral(ColumnType.Double, ScalarValue.FromDouble((double)value))
            : new BoundLiteral(ColumnType.Decimal(precision, scale), ScalarValue.FromInt64((long)unscaled));
    }

    private static decimal Pow10(int exponent)
    {
        var result = 1m;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }

    private QueryParameter? Find(ParameterExpression parameter)
    {
        var text = parameter.Name;
        if (text == "?")
        {
            var ordinal = QuestionMarks().IndexOf(parameter.Position);
            return ordinal >= 0 && ordinal < _parameters.Count ? _parameters[ordinal] : null;
        }

        if (text[0] == '$' && char.IsAsciiDigit(text[1]))
        {
            return int.TryParse(text.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1 && number <= _parameters.Count
                ? _parameters[number - 1]
                : null;
        }

        var name = text.AsSpan(1);
        foreach (var candidate in _parameters)
        {
            if (candidate.Name is { } given && name.Equals(given.AsSpan().TrimStart("@:$"), StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }
        }

        return null;
    }

    private string Missing(ParameterExpression parameter) => _parameters.Count == 0
        ? $"parameter {parameter.Name} has no value (the statement was run without parameters)"
        : $"parameter {parameter.Name} has no value (given: {string.Join(", ", _parameters.Select((p, i) => p.Name ?? $"${i + 1}"))})";

    /// <summary>Where the script's '?' parameters are, in order: the n-th is parameter n.</summary>
    private List<SqlPosition> QuestionMarks()
    {
        if (_questionMarks is null)
        {
            _questionMarks = [];
            foreach (var token in SqlTokenizer.Instance.Tokenize(_script))
            {
                if (token.Kind == SqlToken.Parameter && token.Span.Length == 1)
                {
                    _questionMarks.Add(new SqlPosition(token.Position.Line, token.Position.Column));
                }
            }
        }

        return _questionMarks;
    }
}
