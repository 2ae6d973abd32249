using System.Globalization;
using System.Numerics;

namespace Olap.Query.Execution.Expressions;

/// <summary>ABS of an integer or scaled DECIMAL; the most negative integer has no absolute value in its type.</summary>
internal readonly struct AbsOp<T> : IUnaryOp<T, T>
    where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T>
{
    public bool TryApply(T value, out T result)
    {
        if (value == T.MinValue)
        {
            throw new QueryExecutionException(string.Create(CultureInfo.InvariantCulture, $"Out of Range Error: Overflow on abs({value})"));
        }

        result = T.Abs(value);
        return true;
    }
}

internal readonly struct DoubleAbsOp : IUnaryOp<double, double>
{
    public bool TryApply(double value, out double result)
    {
        result = Math.Abs(value);
        return true;
    }
}

/// <summary>
/// ROUND of a scaled integer (DECIMAL, or an integer with <paramref name="digits"/> &lt; 0) to <paramref name="digits"/>
/// decimal places, half away from zero; the result is at scale max(digits, 0) capped by the source scale.
/// </summary>
internal readonly struct RoundScaledOp<T>(int sourceScale, int digits) : IUnaryOp<T, T>
    where T : unmanaged, IBinaryInteger<T>
{
    public bool TryApply(T value, out T result)
    {
        if (digits >= sourceScale)
        {
            result = value;
            return true;
        }

        var rounded = Decimals.DivideRounded(Int128.CreateTruncating(value), Pow10.Int128(sourceScale - digits));
        // Negative digits round to tens, hundreds...: scale the rounded units back up (result scale 0).
        result = T.CreateChecked(digits < 0 ? rounded * Pow10.Int128(-digits) : rounded);
        return true;
    }
}

/// <summary>ROUND of a DOUBLE as DuckDB: round(x * 10^n) / 10^n half away from zero, the input when that overflows.</summary>
internal readonly struct RoundDoubleOp(int digits) : IUnaryOp<double, double>
{
    public bool TryApply(double value, out double result)
    {
        double rounded;
        if (digits < 0)
        {
            var modifier = Math.Pow(10, -digits);
            rounded = Math.Round(value / modifier, MidpointRounding.AwayFromZero) * modifier;
        }
        else
        {
            var modifier = Math.Pow(10, digits);
            rounded = Math.Round(value * modifier, MidpointRounding.AwayFromZero) / modifier;
        }

        result = double.IsFinite(rounded) ? rounded : value;
        return true;
    }
}

/// <summary>FLOOR or CEIL of a scaled DECIMAL, to scale 0.</summary>
internal readonly struct FloorCeilScaledOp<T>(int scale, bool ceil) : IUnaryOp<T, T>
    where T : unmanaged, IBinaryInteger<T>
{
    public bool TryApply(T value, out T result)
    {
        var divisor = T.CreateTruncating(Pow10.Int128(scale));
        var (quotient, remainder) = T.DivRem(value, divisor);
        if (remainder != T.Zero && T.IsNegative(remainder) != ceil)
        {
            quotient += ceil ? T.One : -T.One;
        }

        result = quotient;
        return true;
    }
}

internal readonly struct FloorCeilDoubleOp(bool ceil) : IUnaryOp<double, double>
{
    public bool TryApply(double value, out double result)
    {
        result = ceil ? Math.Ceiling(value) : Math.Floor(value);
        return true;
    }
}
