using System.Globalization;
using System.Numerics;

namespace Olap.Benchmarks.Ssb;

/// <summary>
/// Decides whether two engines gave the same answer. Integers compare exactly whatever their .NET type (int, long,
/// Int128, DuckDB's BigInteger for HUGEINT, decimals without a fraction), doubles to a relative 1e-9 (the engines add
/// in different orders), everything else as invariant text. Rows are compared as sorted lists: the SSB queries' ORDER
/// BY can leave ties, which two correct engines may return in either order.
/// </summary>
internal static class ResultComparer
{
    public const double RelativeTolerance = 1e-9;

    public static ResultComparison Compare(IReadOnlyList<object?[]> expected, IReadOnlyList<object?[]> actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        var left = Sorted(expected);
        var right = Sorted(actual);
        for (var row = 0; row < Math.Min(left.Count, right.Count); row++)
        {
            if (!SameRow(left[row], right[row]))
            {
                return ResultComparison.Differ(row, left[row], right[row], $"sorted row {row} differs: {Show(left[row])} vs {Show(right[row])}");
            }
        }

        if (left.Count != right.Count)
        {
            // The first row one side has and the other lacks, after the common prefix.
            var row = Math.Min(left.Count, right.Count);
            var first = left.Count > right.Count ? left[row] : null;
            var second = right.Count > left.Count ? right[row] : null;
            return ResultComparison.Differ(row, first, second, $"{left.Count} rows vs {right.Count}; sorted row {row}: {Show(first)} vs {Show(second)}");
        }

        return ResultComparison.Same;
    }

    public static bool SameValue(object? x, object? y)
    {
        if (x is null || y is null)
        {
            return x is null && y is null;
        }

        if (AsInteger(x) is { } a && AsInteger(y) is { } b)
        {
            return a == b;
        }

        if (AsDouble(x) is { } p && AsDouble(y) is { } q)
        {
            return p.Equals(q) || Math.Abs(p - q) <= RelativeTolerance * Math.Max(Math.Abs(p), Math.Abs(q));
        }

        return string.Equals(Text(x), Text(y), StringComparison.Ordinal);
    }

    /// <summary>A row as text for messages: [1993, 'MFGR#121', 12345].</summary>
    public static string Show(object?[]? row) =>
        row is null ? "(no row)" : "[" + string.Join(", ", row.Select(v => v is string s ? $"'{s}'" : v is null ? "NULL" : Text(v))) + "]";

    private static bool SameRow(object?[] x, object?[] y)
    {
        if (x.Length != y.Length)
        {
            return false;
        }

        for (var column = 0; column < x.Length; column++)
        {
            if (!SameValue(x[column], y[column]))
            {
                return false;
            }
        }

        return true;
    }

    private static List<object?[]> Sorted(IReadOnlyList<object?[]> rows)
    {
        var sorted = new List<object?[]>(rows);
        sorted.Sort(CompareRows);
        return sorted;
    }

    private static int CompareRows(object?[] x, object?[] y)
    {
        for (var column = 0; column < Math.Min(x.Length, y.Length); column++)
        {
            var order = CompareValues(x[column], y[column]);
            if (order != 0)
            {
                return order;
            }
        }

        return x.Length.CompareTo(y.Length);
    }

    /// <summary>Numbers by value (so both sides sort alike whatever their types), then text; NULL first.</summary>
    private static int CompareValues(object? x, object? y)
    {
        if (x is null || y is null)
        {
            return (x is not null).CompareTo(y is not null);
        }

        if (AsInteger(x) is { } a && AsInteger(y) is { } b)
        {
            return a.CompareTo(b);
        }

        if (AsDouble(x) is { } p && AsDouble(y) is { } q)
        {
            return p.CompareTo(q);
        }

        return string.CompareOrdinal(Text(x), Text(y));
    }

    private static BigInteger? AsInteger(object value) => value switch
    {
        sbyte v => v,
        byte v => v,
        short v => v,
        ushort v => v,
        int v => v,
        uint v => v,
        long v => v,
        ulong v => v,
        Int128 v => (BigInteger)v,
        UInt128 v => (BigInteger)v,
        BigInteger v => v,
        decimal v when decimal.Truncate(v) == v => new BigInteger(v),
        _ => null,
    };

    private static double? AsDouble(object value) => value switch
    {
        double v => v,
        float v => v,
        decimal v => (double)v,
        _ => AsInteger(value) is { } integer ? (double)integer : null,
    };

    private static string Text(object value) => value switch
    {
        double v => v.ToString("R", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
