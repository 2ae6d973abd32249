using System.Globalization;
using System.Numerics;

namespace Olap.Benchmarks.Sql;

/// <summary>
/// Compares two engines' rows for one query: numbers by value (doubles to a relative 1e-9, since the engines add in
/// different orders), text exactly, unordered results after sorting both sides by their first column.
/// </summary>
internal static class AnswerCheck
{
    private const double RelativeTolerance = 1e-9;

    /// <summary>Throws with the first difference if the answers differ.</summary>
    public static void AssertSame(BenchmarkQuery query, SqlEngine left, List<object?[]> leftRows, SqlEngine right, List<object?[]> rightRows)
    {
        if (leftRows.Count != rightRows.Count)
        {
            throw new InvalidOperationException(
                $"{query.Name}: {left.Name} returned {leftRows.Count} rows, {right.Name} {rightRows.Count}. SQL: {query.Sql}");
        }

        if (!query.Ordered)
        {
            leftRows.Sort(CompareRows);
            rightRows.Sort(CompareRows);
        }

        for (var row = 0; row < leftRows.Count; row++)
        {
            var a = leftRows[row];
            var b = rightRows[row];
            if (a.Length != b.Length)
            {
                throw new InvalidOperationException($"{query.Name}: {left.Name} has {a.Length} columns, {right.Name} {b.Length}.");
            }

            for (var column = 0; column < a.Length; column++)
            {
                if (!Same(a[column], b[column]))
                {
                    throw new InvalidOperationException(
                        $"{query.Name}: row {row} column {column} differs: {left.Name} {Show(a[column])}, {right.Name} {Show(b[column])}. " +
                        $"{left.Name} row: [{string.Join(", ", a.Select(Show))}], {right.Name} row: [{string.Join(", ", b.Select(Show))}]. SQL: {query.Sql}");
                }
            }
        }
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

    private static int CompareValues(object? x, object? y)
    {
        if (x is null || y is null)
        {
            return (x is null).CompareTo(y is null);
        }

        return AsNumber(x) is { } a && AsNumber(y) is { } b ? a.CompareTo(b) : string.CompareOrdinal(Show(x), Show(y));
    }

    private static bool Same(object? x, object? y)
    {
        if (x is null || y is null)
        {
            return x is null && y is null;
        }

        if (AsNumber(x) is { } a && AsNumber(y) is { } b)
        {
            return a == b || Math.Abs(a - b) <= RelativeTolerance * Math.Max(1.0, Math.Max(Math.Abs(a), Math.Abs(b)));
        }

        return Show(x) == Show(y);
    }

    private static double? AsNumber(object value) => value switch
    {
        short v => v,
        int v => v,
        long v => v,
        Int128 v => (double)v,
        BigInteger v => (double)v,
        decimal v => (double)v,
        double v => v,
        float v => v,
        _ => null,
    };

    private static string Show(object? value) => value switch
    {
        null => "NULL",
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime time => time.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
