using System.Numerics;
using System.Runtime.CompilerServices;

namespace Olap.Query.Execution.Expressions;

/// <summary>One comparison kind as a static struct, so kernels specialize per kind.</summary>
internal interface IComparisonOp
{
    static abstract bool Test<T>(T left, T right)
        where T : IComparisonOperators<T, T, bool>;

    /// <summary>The kind applied to the result of a three-way comparison.</summary>
    static abstract bool Order(int comparison);
}

internal readonly struct EqualOp : IComparisonOp
{
    public static bool Test<T>(T left, T right)
        where T : IComparisonOperators<T, T, bool> => left == right;

    public static bool Order(int comparison) => comparison == 0;
}

internal readonly struct NotEqualOp : IComparisonOp
{
    public static bool Test<T>(T left, T right)
        where T : IComparisonOperators<T, T, bool> => left != right;

    public static bool Order(int comparison) => comparison != 0;
}

internal readonly struct LessThanOp : IComparisonOp
{
    public static bool Test<T>(T left, T right)
        where T : IComparisonOperators<T, T, bool> => left < right;

    public static bool Order(int comparison) => comparison < 0;
}

internal readonly struct LessThanOrEqualOp : IComparisonOp
{
    public static bool Test<T>(T left, T right)
        where T : IComparisonOperators<T, T, bool> => left <= right;

    public static bool Order(int comparison) => comparison <= 0;
}

internal readonly struct GreaterThanOp : IComparisonOp
{
    public static bool Test<T>(T left, T right)
        where T : IComparisonOperators<T, T, bool> => left > right;

    public static bool Order(int comparison) => comparison > 0;
}

internal readonly struct GreaterThanOrEqualOp : IComparisonOp
{
    public static bool Test<T>(T left, T right)
        where T : IComparisonOperators<T, T, bool> => left >= right;

    public static bool Order(int comparison) => comparison >= 0;
}

/// <summary>A comparison as a BOOLEAN-producing binary operation (1 or 0).</summary>
internal readonly struct CompareOp<T, TKind> : IBinaryOp<T, T, byte>
    where T : unmanaged, IComparisonOperators<T, T, bool>
    where TKind : struct, IComparisonOp
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryApply(T left, T right, out byte result)
    {
        result = Compare(left, right) ? (byte)1 : (byte)0;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Compare(T left, T right)
    {
        // DuckDB orders NaN above every number and equal to itself; IEEE comparisons would make NaN unequal to all.
        if (typeof(T) == typeof(double))
        {
            var l = Unsafe.As<T, double>(ref left);
            var r = Unsafe.As<T, double>(ref right);
            if (double.IsNaN(l) || double.IsNaN(r))
            {
                return TKind.Order(double.IsNaN(l) ? (double.IsNaN(r) ? 0 : 1) : -1);
            }
        }

        return TKind.Test(left, right);
    }
}
