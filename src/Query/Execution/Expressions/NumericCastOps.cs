using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using Olap.Columnar.Types;

namespace Olap.Query.Execution.Expressions;

/// <summary>
/// Casts between integral representations (BOOLEAN, integers, DECIMAL as scaled integers): rescale through 128 bits,
/// rounding half away from zero when scale drops (as DuckDB), then check the target's range.
/// </summary>
internal readonly struct IntegralCast<TSource, TTarget>(ColumnType source, ColumnType target) : IUnaryOp<TSource, TTarget>
    where TSource : unmanaged, IBinaryInteger<TSource>
    where TTarget : unmanaged, IBinaryInteger<TTarget>, IMinMaxValue<TTarget>
{
    private readonly int _sourceScale = source.Id == LogicalTypeId.Decimal ? source.Scale : 0;
    private readonly int _targetScale = target.Id == LogicalTypeId.Decimal ? target.Scale : 0;
    private readonly Int128 _bound = target.Id == LogicalTypeId.Decimal ? Pow10.Int128(target.Precision) : Int128.Zero;
    private readonly bool _toBoolean = target.Id == LogicalTypeId.Boolean;

    public bool TryApply(TSource value, out TTarget result)
    {
        var v = Int128.CreateTruncating(value);
        if (_toBoolean)
        {
            result = v != 0 ? TTarget.One : TTarget.Zero;
            return true;
        }

        if (_targetScale > _sourceScale)
        {
            if (!CheckedMath.TryMultiply(v, Pow10.Int128(_targetScale - _sourceScale), out v))
            {
                throw CastErrors.OutOfRange(ScalarValue.FromInt128(Int128.CreateTruncating(value)), source, target);
            }
        }
        else if (_targetScale < _sourceScale)
        {
            v = Decimals.DivideRounded(v, Pow10.Int128(_sourceScale - _targetScale));
        }

        var outOfRange = _bound != Int128.Zero
            ? v >= _bound || v <= -_bound
            : v > Int128.CreateTruncating(TTarget.MaxValue) || v < Int128.CreateTruncating(TTarget.MinValue);
        if (outOfRange)
        {
            throw CastErrors.OutOfRange(ScalarValue.FromInt128(Int128.CreateTruncating(value)), source, target);
        }

        result = TTarget.CreateTruncating(v);
        return true;
    }
}

/// <summary>An integral or DECIMAL value as DOUBLE.</summary>
internal readonly struct IntegralToDouble<TSource>(ColumnType source) : IUnaryOp<TSource, double>
    where TSource : unmanaged, IBinaryInteger<TSource>
{
    private readonly double _divisor = source.Id == LogicalTypeId.Decimal ? Pow10.Double(source.Scale) : 1;

    public bool TryApply(TSource value, out double result)
    {
        result = double.CreateTruncating(value) / _divisor;
        return true;
    }
}

/// <summary>DOUBLE to an integral or DECIMAL type: round half to even (DuckDB's nearbyint), then check the range.</summary>
internal readonly struct DoubleToIntegral<TTarget>(ColumnType target) : IUnaryOp<double, TTarget>
    where TTarget : unmanaged, IBinaryInteger<TTarget>, IMinMaxValue<TTarget>
{
    private readonly double _multiplier = target.Id == LogicalTypeId.Decimal ? Pow10.Double(target.Scale) : 1;
    private readonly double _bound = target.Id == LogicalTypeId.Decimal ? Pow10.Double(target.Precision) : 0;
    private readonly bool _toBoolean = target.Id == LogicalTypeId.Boolean;

    public bool TryApply(double value, out TTarget result)
    {
        if (_toBoolean)
        {
            result = value != 0 ? TTarget.One : TTarget.Zero;
            return true;
        }

        var scaled = Math.Round(value * _multiplier, MidpointRounding.ToEven);
        var inRange = _bound != 0
            ? scaled < _bound && scaled > -_bound
            : scaled >= double.CreateTruncating(TTarget.MinValue) && scaled < -double.CreateTruncating(TTarget.MinValue);
        if (!inRange || double.IsNaN(scaled))
        {
            throw CastErrors.OutOfRange(ScalarValue.FromDouble(value), ColumnType.Double, target);
        }

        result = TTarget.CreateTruncating(scaled);
        return true;
    }
}

internal readonly struct DateToTimestamp : IUnaryOp<int, long>
{
    public bool TryApply(int value, out long result)
    {
        result = value * Olap.Columnar.Text.FieldParser.MicrosPerDay;
        return true;
    }
}

internal readonly struct TimestampToDate : IUnaryOp<long, int>
{
    public bool TryApply(long value, out int result)
    {
        result = (int)CivilDate.DaysOf(value);
        return true;
    }
}

/// <summary>Scaled-integer helpers for DECIMAL.</summary>
internal static class Decimals
{
    /// <summary><paramref name="value"/> / <paramref name="divisor"/>, rounded half away from zero.</summary>
    public static Int128 DivideRounded(Int128 value, Int128 divisor)
    {
        var quotient = Int128.DivRem(value, divisor);
        var remainder = Int128.Abs(quotient.Remainder);
        if (remainder * 2 >= divisor)
        {
            return quotient.Quotient + (Int128.IsNegative(value) ? -1 : 1);
        }

        return quotient.Quotient;
    }
}

/// <summary>DuckDB's wording for failed casts.</summary>
internal static class CastErrors
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static QueryExecutionException OutOfRange(ScalarValue value, ColumnType source, ColumnType target)
    {
        var text = ValueFormatter.Format(value, source);
        if (target.Id == LogicalTypeId.Decimal)
        {
            return new QueryExecutionException($"Conversion Error: Casting value \"{text}\" to type {target} failed: value is out of range!");
        }

        return new QueryExecutionException(
            $"Conversion Error: Type {VectorResults.PhysicalName(source)} with value {text} can't be cast because the value is out of range for the destination type {VectorResults.PhysicalName(target)}");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static QueryExecutionException BadString(ReadOnlySpan<byte> text, ColumnType target)
    {
        var value = System.Text.Encoding.UTF8.GetString(text);
        return target.Id switch
        {
            LogicalTypeId.Date => new QueryExecutionException($"Conversion Error: invalid date field format: \"{value}\", expected format is (YYYY-MM-DD)"),
            LogicalTypeId.Timestamp => new QueryExecutionException($"Conversion Error: invalid timestamp field format: \"{value}\", expected format is (YYYY-MM-DD HH:MM:SS[.US][±HH:MM| ZONE])"),
            LogicalTypeId.Boolean => new QueryExecutionException($"Conversion Error: Could not convert string '{value}' to BOOL"),
            _ => new QueryExecutionException(string.Create(CultureInfo.InvariantCulture, $"Conversion Error: Could not convert string '{value}' to {VectorResults.PhysicalName(target)}")),
        };
    }
}
