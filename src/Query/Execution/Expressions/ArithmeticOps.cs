using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Olap.Query.Execution.Expressions;

// Integer and DECIMAL arithmetic on the physical values: checked operators catch overflow of the type, and a
// DECIMAL result is also bounded by 10^precision (its limit, stricter than the integer's).

/// <summary>Formats the DuckDB overflow message; kept out of the kernels so they stay small.</summary>
internal static class ArithmeticErrors
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static QueryExecutionException Overflow<T>(string operation, string typeName, T left, string symbol, T right)
        where T : INumber<T>
        => new(string.Create(CultureInfo.InvariantCulture, $"Overflow in {operation} of {typeName} ({left} {symbol} {right})!"));

    /// <summary>Throws <see cref="Overflow"/>: a kernel's operator without a <c>throw</c> of its own is inlined into its loop.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public static void ThrowOverflow<T>(string operation, string typeName, T left, string symbol, T right)
        where T : INumber<T>
        => throw Overflow(operation, typeName, left, symbol, right);
}

internal readonly struct CheckedAdd<T>(T bound, string typeName) : IBinaryOp<T, T, T>
    where T : unmanaged, IBinaryInteger<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryApply(T left, T right, out T result)
    {
        // Two's complement: the sum overflowed when it has a sign neither operand has.
        result = unchecked(left + right);
        if (T.IsNegative((left ^ result) & (right ^ result)) || (bound != T.Zero && (result >= bound || result <= -bound)))
        {
            ArithmeticErrors.ThrowOverflow("addition", typeName, left, "+", right);
        }

        return true;
    }
}

internal readonly struct CheckedSubtract<T>(T bound, string typeName) : IBinaryOp<T, T, T>
    where T : unmanaged, IBinaryInteger<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryApply(T left, T right, out T result)
    {
        result = unchecked(left - right);
        if (T.IsNegative((left ^ right) & (left ^ result)) || (bound != T.Zero && (result >= bound || result <= -bound)))
        {
            ArithmeticErrors.ThrowOverflow("subtraction", typeName, left, "-", right);
        }

        return true;
    }
}

internal readonly struct CheckedMultiply<T>(T bound, string typeName) : IBinaryOp<T, T, T>
    where T : unmanaged, IBinaryInteger<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryApply(T left, T right, out T result)
    {
        if (!CheckedMath.TryMultiply(left, right, out result) || (bound != T.Zero && (result >= bound || result <= -bound)))
        {
            ArithmeticErrors.ThrowOverflow("multiplication", typeName, left, "*", right);
        }

        return true;
    }
}

/// <summary>Overflow-detecting multiplication without exceptions on the common path.</summary>
internal static class CheckedMath
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // in a kernel's loop, a call per row cost more than the product
    public static bool TryMultiply<T>(T left, T right, out T result)
        where T : unmanaged, IBinaryInteger<T>
    {
        if (typeof(T) == typeof(long))
        {
            var l = long.CreateTruncating(left);
            var r = long.CreateTruncating(right);
            var high = Math.BigMul(l, r, out var low);
            result = T.CreateTruncating(low);
            return high == (low >> 63);
        }

        if (Unsafe.SizeOf<T>() <= sizeof(int))
        {
            var product = long.CreateTruncating(left) * long.CreateTruncating(right);
            result = T.CreateTruncating(product);
            return long.CreateTruncating(result) == product;
        }

        return TryMultiplySlow(left, right, out result);
    }

    private static bool TryMultiplySlow<T>(T left, T right, out T result)
        where T : unmanaged, IBinaryInteger<T>
    {
        try
        {
            result = checked(left * right);
            return true;
        }
        catch (OverflowException)
        {
            result = T.Zero;
            return false;
        }
    }
}

/// <summary><c>//</c> on integers: truncates toward zero, NULL on division by zero.</summary>
internal readonly struct IntegerDivide<T> : IBinaryOp<T, T, T>
    where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T>
{
    public bool TryApply(T left, T right, out T result)
    {
        if (right == T.Zero)
        {
            result = T.Zero;
            return false;
        }

        if (right == -T.One && left == T.MinValue)
        {
            throw new QueryExecutionException(string.Create(CultureInfo.InvariantCulture, $"Overflow in division of {left} / {right}"));
        }

        result = left / right;
        return true;
    }
}

/// <summary><c>%</c> on integers and DECIMALs of one scale: the sign of the dividend, NULL on division by zero.</summary>
internal readonly struct IntegerModulo<T> : IBinaryOp<T, T, T>
    where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T>
{
    public bool TryApply(T left, T right, out T result)
    {
        if (right == T.Zero)
        {
            result = T.Zero;
            return false;
        }

        if (right == -T.One && left == T.MinValue)
        {
            throw new QueryExecutionException(string.Create(CultureInfo.InvariantCulture, $"Overflow in division of {left} / {right}"));
        }

        result = left % right;
        return true;
    }
}

internal readonly struct DoubleAdd : IBinaryOp<double, double, double>
{
    public bool TryApply(double left, double right, out double result)
    {
        result = left + right;
        return true;
    }
}

internal readonly struct DoubleSubtract : IBinaryOp<double, double, double>
{
    public bool TryApply(double left, double right, out double result)
    {
        result = left - right;
        return true;
    }
}

internal readonly struct DoubleMultiply : IBinaryOp<double, double, double>
{
    public bool TryApply(double left, double right, out double result)
    {
        result = left * right;
        return true;
    }
}

internal readonly struct DoubleDivide : IBinaryOp<double, double, double>
{
    public bool TryApply(double left, double right, out double result)
    {
        result = left / right;
        return true;
    }
}

/// <summary>DOUBLE <c>%</c>: fmod, NULL on a zero divisor (as integers).</summary>
internal readonly struct DoubleModulo : IBinaryOp<double, double, double>
{
    public bool TryApply(double left, double right, out double result)
    {
        result = left % right;
        return right != 0;
    }
}

/// <summary>DATE - DATE: the days between, BIGINT.</summary>
internal readonly struct DateDifference : IBinaryOp<int, int, long>
{
    public bool TryApply(int left, int right, out long result)
    {
        result = (long)left - right;
        return true;
    }
}
