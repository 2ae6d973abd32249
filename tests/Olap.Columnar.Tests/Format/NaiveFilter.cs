using Olap.Columnar.Format;
using Olap.Columnar.Predicates;
using Olap.Columnar.Types;

namespace Olap.Columnar.Tests.Format;

/// <summary>
/// The reference semantics of a predicate, written out value by value without ranges, kernels or encodings:
/// NULL never matches; integers compare as 64-bit numbers, doubles by IEEE 754 (every comparison with NaN is false
/// except &lt;&gt;, and -0.0 = 0.0), strings by their UTF-8 bytes.
/// </summary>
internal static class NaiveFilter
{
    public static bool Matches(ColumnPredicate predicate, ScalarValue value)
    {
        if (value.IsNull)
        {
            return false;
        }

        return predicate.Kind switch
        {
            ComparisonKind.Equal => Equal(value, predicate.Low),
            ComparisonKind.NotEqual => !Equal(value, predicate.Low),
            ComparisonKind.LessThan => Less(value, predicate.Low),
            ComparisonKind.LessThanOrEqual => Less(value, predicate.Low) || Equal(value, predicate.Low),
            ComparisonKind.GreaterThan => Less(predicate.Low, value),
            ComparisonKind.GreaterThanOrEqual => Less(predicate.Low, value) || Equal(value, predicate.Low),
            ComparisonKind.Between => (Less(predicate.Low, value) || Equal(value, predicate.Low)) && (Less(value, predicate.High) || Equal(value, predicate.High)),
            _ => InSet(predicate.Set, value),
        };
    }

    /// <summary>The rows satisfying every filter, in order.</summary>
    public static List<ScalarValue[]> Apply(IEnumerable<ScalarValue[]> rows, IReadOnlyList<ScanFilter> filters)
    {
        var result = new List<ScalarValue[]>();
        foreach (var row in rows)
        {
            var all = true;
            for (var f = 0; all && f < filters.Count; f++)
            {
                all = Matches(filters[f].Predicate, row[filters[f].Column]);
            }

            if (all)
            {
                result.Add(row);
            }
        }

        return result;
    }

    private static bool InSet(IReadOnlyList<ScalarValue> set, ScalarValue value)
    {
        foreach (var candidate in set)
        {
            if (Equal(value, candidate))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Equal(ScalarValue a, ScalarValue b) => a.Kind switch
    {
        ScalarKind.Integer => a.Int64 == b.Int64,
        ScalarKind.Double => a.Double == b.Double,
        _ => a.Utf8.SequenceEqual(b.Utf8),
    };

    private static bool Less(ScalarValue a, ScalarValue b) => a.Kind switch
    {
        ScalarKind.Integer => a.Int64 < b.Int64,
        ScalarKind.Double => a.Double < b.Double,
        _ => a.Utf8.SequenceCompareTo(b.Utf8) < 0,
    };
}
