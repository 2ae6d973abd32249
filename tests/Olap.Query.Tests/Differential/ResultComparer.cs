using System.Numerics;
using System.Text;

namespace Olap.Query.Tests.Differential;

/// <summary>
/// Compares our result with DuckDB's. Values compare by what they mean, not by their type: integers of any width
/// with each other and with decimals exactly, anything with a DOUBLE within a relative tolerance (two NaNs, or two
/// infinities of one sign, are equal), strings ordinally. Rows compare as a multiset, or in order when the query's
/// ORDER BY makes the order unique. The column types are only reported, since ours may differ in width.
/// </summary>
internal static class ResultComparer
{
    /// <summary>The relative tolerance of DOUBLE values (summing in another order changes the last bits).</summary>
    public const double RelativeTolerance = 1e-9;

    /// <summary>Differing rows shown of each side.</summary>
    private const int ShownRows = 8;

    /// <summary>Null when the results agree; otherwise what differs, for a failure message.</summary>
    public static string? Difference(ResultRows ours, ResultRows duckDb, bool ordered)
    {
        var text = new StringBuilder();
        if (ours.ColumnNames.Count != duckDb.ColumnNames.Count)
        {
            text.AppendLine($"column count: olap {ours.ColumnNames.Count}, duckdb {duckDb.ColumnNames.Count}");
            return Describe(text, ours, duckDb);
        }

        if (ordered)
        {
            var first = FirstDifferentPosition(ours.Rows, duckDb.Rows);
            if (first < 0)
            {
                return null;
            }

            text.AppendLine($"rows in order differ from row {first} on:");
            AppendRows(text, "olap", ours.Rows, first);
            AppendRows(text, "duckdb", duckDb.Rows, first);
            return Describe(text, ours, duckDb);
        }

        var (onlyOurs, onlyDuckDb) = MultisetDifference(ours.Rows, duckDb.Rows);
        if (onlyOurs.Count == 0 && onlyDuckDb.Count == 0)
        {
            return null;
        }

        AppendOnly(text, "olap", onlyOurs);
        AppendOnly(text, "duckdb", onlyDuckDb);
        return Describe(text, ours, duckDb);
    }

    public static bool RowsEqual(object?[] left, object?[] right)
    {
        if (left.Length != right.Length)
        {
            return false;
        }

        for (var i = 0; i < left.Length; i++)
        {
            if (!ValuesEqual(left[i], right[i]))
            {
                return false;
            }
        }

        return true;
    }

    public static bool ValuesEqual(object? left, object? right)
    {
        if (left is null || right is null)
        {
            return left is null && right is null;
        }

        if (left is double || right is double)
        {
            return TryDouble(left, out var l) && TryDouble(right, out var r) && DoublesEqual(l, r);
        }

        if (left is decimal || right is decimal)
        {
            return TryDecimal(left, out var l) && TryDecimal(right, out var r) && l == r;
        }

        if (left is DateOnly || right is DateOnly)
        {
            return TryDateTime(left, out var l) && TryDateTime(right, out var r) && l == r;
        }

        return left switch
        {
            BigInteger l => right is BigInteger r && l == r,
            string l => right is string r && string.Equals(l, r, StringComparison.Ordinal),
            _ => left.Equals(right),
        };
    }

    public static bool DoublesEqual(double left, double right)
    {
        if (double.IsNaN(left) || double.IsNaN(right))
        {
            return double.IsNaN(left) && double.IsNaN(right);
        }

        if (double.IsInfinity(left) || double.IsInfinity(right))
        {
            return left == right;
        }

        // Relative to the larger magnitude, and absolute near zero where a relative bound means nothing.
        return Math.Abs(left - right) <= RelativeTolerance * Math.Max(1, Math.Max(Math.Abs(left), Math.Abs(right)));
    }

    /// <summary>
    /// A total order of normalized rows for sorting: NULL first, then by kind (boolean, number, string, date or
    /// timestamp), numbers of every kind by their double value.
    /// </summary>
    public static int CompareRows(object?[] left, object?[] right)
    {
        for (var i = 0; i < Math.Min(left.Length, right.Length); i++)
        {
            var order = CompareValues(left[i], right[i]);
            if (order != 0)
            {
                return order;
            }
        }

        return left.Length.CompareTo(right.Length);
    }

    private static int CompareValues(object? left, object? right)
    {
        var kinds = Kind(left).CompareTo(Kind(right));
        if (kinds != 0)
        {
            return kinds;
        }

        return left switch
        {
            null => 0,
            bool l => l.CompareTo((bool)right!),
            string l => string.CompareOrdinal(l, (string)right!),
            _ when Kind(left) == 4 => AsDateTime(left).CompareTo(AsDateTime(right)),
            _ when ValuesEqual(left, right) => 0,
            _ => AsDouble(left).CompareTo(AsDouble(right)),
        };
    }

    private static int Kind(object? value) => value switch
    {
        null => 0,
        bool => 1,
        BigInteger or decimal or double => 2,
        string => 3,
        DateOnly or DateTime => 4,
        _ => 5,
    };

    private static DateTime AsDateTime(object? value) => TryDateTime(value, out var d) ? d : DateTime.MinValue;

    /// <summary>A DATE equals the TIMESTAMP of its midnight (the engines may differ in the type of date_trunc).</summary>
    private static bool TryDateTime(object? value, out DateTime result)
    {
        switch (value)
        {
            case DateOnly d:
                result = d.ToDateTime(TimeOnly.MinValue);
                return true;
            case DateTime t:
                result = t;
                return true;
            default:
                result = default;
                return false;
        }
    }

    private static double AsDouble(object? value) => TryDouble(value, out var d) ? d : double.NaN;

    private static bool TryDouble(object? value, out double result)
    {
        switch (value)
        {
            case double d:
                result = d;
                return true;
            case decimal m:
                result = (double)m;
                return true;
            case BigInteger b:
                result = (double)b;
                return true;
            default:
                result = 0;
                return false;
        }
    }

    private static bool TryDecimal(object? value, out decimal result)
    {
        switch (value)
        {
            case decimal m:
                result = m;
                return true;
            case BigInteger b when b >= new BigInteger(decimal.MinValue) && b <= new BigInteger(decimal.MaxValue):
                result = (decimal)b;
                return true;
            default:
                result = 0;
                return false;
        }
    }

    private static int FirstDifferentPosition(IReadOnlyList<object?[]> ours, IReadOnlyList<object?[]> duckDb)
    {
        for (var i = 0; i < Math.Min(ours.Count, duckDb.Count); i++)
        {
            if (!RowsEqual(ours[i], duckDb[i]))
            {
                return i;
            }
        }

        return ours.Count == duckDb.Count ? -1 : Math.Min(ours.Count, duckDb.Count);
    }

    /// <summary>The rows of each side that the other lacks, counting duplicates: a merge of the two sorted lists.</summary>
    private static (List<object?[]> OnlyOurs, List<object?[]> OnlyDuckDb) MultisetDifference(IReadOnlyList<object?[]> ours, IReadOnlyList<object?[]> duckDb)
    {
        var left = ours.OrderBy(r => r, Comparer<object?[]>.Create(CompareRows)).ToList();
        var right = duckDb.OrderBy(r => r, Comparer<object?[]>.Create(CompareRows)).ToList();
        var onlyLeft = new List<object?[]>();
        var onlyRight = new List<object?[]>();
        int i = 0, j = 0;
        while (i < left.Count && j < right.Count)
        {
            if (RowsEqual(left[i], right[j]))
            {
                i++;
                j++;
            }
            else if (CompareRows(left[i], right[j]) < 0)
            {
                onlyLeft.Add(left[i++]);
            }
            else
            {
                onlyRight.Add(right[j++]);
            }
        }

        onlyLeft.AddRange(left.Skip(i));
        onlyRight.AddRange(right.Skip(j));
        return (onlyLeft, onlyRight);
    }

    private static void AppendRows(StringBuilder text, string engine, IReadOnlyList<object?[]> rows, int first)
    {
        text.AppendLine($"  {engine}:");
        for (var i = first; i < Math.Min(rows.Count, first + ShownRows); i++)
        {
            text.AppendLine($"    #{i} {ResultRows.FormatRow(rows[i])}");
        }

        if (first >= rows.Count)
        {
            text.AppendLine("    (no more rows)");
        }
    }

    private static void AppendOnly(StringBuilder text, string engine, List<object?[]> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }

        text.AppendLine($"rows only in {engine} ({rows.Count}{(rows.Count > ShownRows ? $", first {ShownRows}" : string.Empty)}):");
        foreach (var row in rows.Take(ShownRows))
        {
            text.AppendLine("    " + ResultRows.FormatRow(row));
        }
    }

    private static string Describe(StringBuilder text, ResultRows ours, ResultRows duckDb)
    {
        text.AppendLine($"row count: olap {ours.Rows.Count}, duckdb {duckDb.Rows.Count}");
        text.AppendLine($"columns: olap {ours.DescribeColumns()}, duckdb {duckDb.DescribeColumns()}");
        return text.ToString();
    }
}
