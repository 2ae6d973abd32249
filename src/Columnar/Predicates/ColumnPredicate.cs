using System.Numerics;
using Olap.Columnar.Types;

namespace Olap.Columnar.Predicates;

/// <summary>
/// A comparison of one column with constants of the column's own kind. A NULL row never matches (SQL's unknown is not true).
/// Every comparison except <c>IN</c> is a (possibly negated) range, which is the form the encodings evaluate.
/// </summary>
public sealed class ColumnPredicate
{
    private ColumnPredicate(ComparisonKind kind, ScalarValue low, ScalarValue high, ScalarValue[] set)
    {
        Kind = kind;
        Low = low;
        High = high;
        _set = set;
    }

    // Loops read the array itself: enumerating the interface allocated an enumerator per call, per run of a column.
    private readonly ScalarValue[] _set;

    private object? _sortedSetCache;

    public ComparisonKind Kind { get; }

    /// <summary>The constant of a binary comparison, or the lower bound of BETWEEN.</summary>
    public ScalarValue Low { get; }

    /// <summary>The upper bound of BETWEEN.</summary>
    public ScalarValue High { get; }

    /// <summary>The constants of IN.</summary>
    public IReadOnlyList<ScalarValue> Set => _set;

    /// <summary>The constants of IN, for loops that must not allocate.</summary>
    internal ReadOnlySpan<ScalarValue> SetValues => _set;

    public static ColumnPredicate Compare(ComparisonKind kind, ScalarValue value)
    {
        if (kind is ComparisonKind.Between or ComparisonKind.In)
        {
            throw new ArgumentException($"{kind} is not a binary comparison.", nameof(kind));
        }

        RequireValue(value);
        return new ColumnPredicate(kind, value, default, []);
    }

    public static ColumnPredicate Between(ScalarValue low, ScalarValue high)
    {
        RequireValue(low);
        RequireValue(high);
        if (low.Kind != high.Kind)
        {
            throw new ArgumentException("BETWEEN bounds must be of one kind.", nameof(high));
        }

        return new ColumnPredicate(ComparisonKind.Between, low, high, []);
    }

    public static ColumnPredicate In(IEnumerable<ScalarValue> values)
    {
        var set = values.ToArray();
        if (set.Length == 0)
        {
            throw new ArgumentException("IN needs at least one value.", nameof(values));
        }

        foreach (var value in set)
        {
            RequireValue(value);
            if (value.Kind != set[0].Kind)
            {
                throw new ArgumentException("IN values must be of one kind.", nameof(values));
            }
        }

        return new ColumnPredicate(ComparisonKind.In, set[0], default, set);
    }

    /// <summary>The kind of constant the predicate compares with.</summary>
    public ScalarKind ValueKind => Low.Kind;

    /// <summary>Whether a (non-NULL) value satisfies the predicate: the scalar definition every kernel must agree with.</summary>
    public bool Matches(ScalarValue value)
    {
        if (value.IsNull)
        {
            return false;
        }

        if (value.Kind == ScalarKind.Double)
        {
            // Ordered comparisons with NaN are false; only <> is true, as IEEE and SQL engines agree.
            var x = value.Double;
            return Kind switch
            {
                ComparisonKind.Equal => x == Low.Double,
                ComparisonKind.NotEqual => !(x == Low.Double),
                ComparisonKind.LessThan => x < Low.Double,
                ComparisonKind.LessThanOrEqual => x <= Low.Double,
                ComparisonKind.GreaterThan => x > Low.Double,
                ComparisonKind.GreaterThanOrEqual => x >= Low.Double,
                ComparisonKind.Between => x >= Low.Double && x <= High.Double,
                _ => InSet(value),
            };
        }

        return Kind switch
        {
            ComparisonKind.Equal => value.CompareTo(Low) == 0,
            ComparisonKind.NotEqual => value.CompareTo(Low) != 0,
            ComparisonKind.LessThan => value.CompareTo(Low) < 0,
            ComparisonKind.LessThanOrEqual => value.CompareTo(Low) <= 0,
            ComparisonKind.GreaterThan => value.CompareTo(Low) > 0,
            ComparisonKind.GreaterThanOrEqual => value.CompareTo(Low) >= 0,
            ComparisonKind.Between => value.CompareTo(Low) >= 0 && value.CompareTo(High) <= 0,
            _ => InSet(value),
        };
    }

    /// <summary>
    /// Decides from a chunk's statistics whether no row, every row, or some rows may match.
    /// <paramref name="min"/> and <paramref name="max"/> are over the non-NULL values; a chunk with NULLs is never AlwaysTrue.
    /// </summary>
    public ZoneMapResult CheckZoneMap(ScalarValue min, ScalarValue max, long nullCount, long rowCount)
    {
        if (rowCount == 0 || nullCount == rowCount)
        {
            return ZoneMapResult.AlwaysFalse;
        }

        if (min.IsNull || max.IsNull || min.Kind != ValueKind || (min.Kind == ScalarKind.Double && (double.IsNaN(min.Double) || double.IsNaN(max.Double))))
        {
            return ZoneMapResult.Maybe;
        }

        var allMatch = Kind switch
        {
            ComparisonKind.Equal => min.CompareTo(Low) == 0 && max.CompareTo(Low) == 0,
            ComparisonKind.NotEqual => Low.CompareTo(min) < 0 || Low.CompareTo(max) > 0,
            ComparisonKind.LessThan => max.CompareTo(Low) < 0,
            ComparisonKind.LessThanOrEqual => max.CompareTo(Low) <= 0,
            ComparisonKind.GreaterThan => min.CompareTo(Low) > 0,
            ComparisonKind.GreaterThanOrEqual => min.CompareTo(Low) >= 0,
            ComparisonKind.Between => min.CompareTo(Low) >= 0 && max.CompareTo(High) <= 0,
            _ => min.CompareTo(max) == 0 && InSet(min),
        };
        var noneMatch = Kind switch
        {
            ComparisonKind.Equal => Low.CompareTo(min) < 0 || Low.CompareTo(max) > 0,
            ComparisonKind.NotEqual => min.CompareTo(Low) == 0 && max.CompareTo(Low) == 0,
            ComparisonKind.LessThan => min.CompareTo(Low) >= 0,
            ComparisonKind.LessThanOrEqual => min.CompareTo(Low) > 0,
            ComparisonKind.GreaterThan => max.CompareTo(Low) <= 0,
            ComparisonKind.GreaterThanOrEqual => max.CompareTo(Low) < 0,
            ComparisonKind.Between => Low.CompareTo(High) > 0 || Low.CompareTo(max) > 0 || High.CompareTo(min) < 0,
            _ => !AnyInRange(min, max),
        };

        if (noneMatch)
        {
            return ZoneMapResult.AlwaysFalse;
        }

        // A double chunk may hold NaNs between its min and max; only a no-match verdict is safe there.
        return allMatch && nullCount == 0 && min.Kind != ScalarKind.Double ? ZoneMapResult.AlwaysTrue : ZoneMapResult.Maybe;
    }

    public override string ToString() => Kind switch
    {
        ComparisonKind.Equal => $"= {Low}",
        ComparisonKind.NotEqual => $"<> {Low}",
        ComparisonKind.LessThan => $"< {Low}",
        ComparisonKind.LessThanOrEqual => $"<= {Low}",
        ComparisonKind.GreaterThan => $"> {Low}",
        ComparisonKind.GreaterThanOrEqual => $">= {Low}",
        ComparisonKind.Between => $"BETWEEN {Low} AND {High}",
        _ => $"IN ({string.Join(", ", Set)})",
    };

    /// <summary>
    /// The predicate as a closed, possibly negated range over the element type <typeparamref name="T"/> of a flat vector,
    /// with constants outside the type's domain folded in (a SMALLINT compared with 100000 matches everything or nothing).
    /// </summary>
    public ValueRange<T> GetRange<T>()
        where T : unmanaged, INumber<T>, IMinMaxValue<T>
    {
        if (Kind == ComparisonKind.In)
        {
            throw new InvalidOperationException("IN has no range form.");
        }

        if (typeof(T) == typeof(double))
        {
            var range = GetDoubleRange();
            return new ValueRange<T>(T.CreateTruncating(range.Low), T.CreateTruncating(range.High), range.Negated);
        }

        var (low, high, negated) = GetIntegralRange();
        var min = long.CreateTruncating(T.MinValue);
        var max = typeof(T) == typeof(ulong) ? long.MaxValue : long.CreateTruncating(T.MaxValue);
        if (low < min)
        {
            low = min;
        }

        if (high > max)
        {
            high = max;
        }

        return low > high
            ? new ValueRange<T>(T.One, T.Zero, negated)
            : new ValueRange<T>(T.CreateTruncating(low), T.CreateTruncating(high), negated);
    }

    /// <summary>The IN constants as the element type <typeparamref name="T"/>, ascending, those outside its domain dropped; cached.</summary>
    public ReadOnlySpan<T> GetSortedSet<T>()
        where T : unmanaged, INumber<T>, IMinMaxValue<T>
    {
        if (_sortedSetCache is T[] cached)
        {
            return cached;
        }

        var values = new List<T>(Set.Count);
        foreach (var value in _set)
        {
            if (typeof(T) == typeof(double))
            {
                // NaN equals nothing, itself included; in a sorted set a binary search would find it.
                var number = RequireKind(value, ScalarKind.Double).Double;
                if (!double.IsNaN(number))
                {
                    values.Add(T.CreateTruncating(number));
                }

                continue;
            }

            var integer = RequireKind(value, ScalarKind.Integer).Int64;
            if (integer >= long.CreateTruncating(T.MinValue) && (typeof(T) == typeof(ulong) || integer <= long.CreateTruncating(T.MaxValue)))
            {
                values.Add(T.CreateTruncating(integer));
            }
        }

        var sorted = values.Distinct().Order().ToArray();
        _sortedSetCache = sorted;
        return sorted;
    }

    private (long Low, long High, bool Negated) GetIntegralRange()
    {
        var c = RequireKind(Low, ScalarKind.Integer).Int64;
        return Kind switch
        {
            ComparisonKind.Equal => (c, c, false),
            ComparisonKind.NotEqual => (c, c, true),
            ComparisonKind.LessThan => c == long.MinValue ? (1, 0, false) : (long.MinValue, c - 1, false),
            ComparisonKind.LessThanOrEqual => (long.MinValue, c, false),
            ComparisonKind.GreaterThan => c == long.MaxValue ? (1, 0, false) : (c + 1, long.MaxValue, false),
            ComparisonKind.GreaterThanOrEqual => (c, long.MaxValue, false),
            _ => (c, RequireKind(High, ScalarKind.Integer).Int64, false),
        };
    }

    private (double Low, double High, bool Negated) GetDoubleRange()
    {
        var c = RequireKind(Low, ScalarKind.Double).Double;
        return Kind switch
        {
            ComparisonKind.Equal => (c, c, false),
            ComparisonKind.NotEqual => (c, c, true),
            ComparisonKind.LessThan => c == double.NegativeInfinity ? (1, 0, false) : (double.NegativeInfinity, Math.BitDecrement(c), false),
            ComparisonKind.LessThanOrEqual => (double.NegativeInfinity, c, false),
            ComparisonKind.GreaterThan => c == double.PositiveInfinity ? (1, 0, false) : (Math.BitIncrement(c), double.PositiveInfinity, false),
            ComparisonKind.GreaterThanOrEqual => (c, double.PositiveInfinity, false),
            _ => (c, RequireKind(High, ScalarKind.Double).Double, false),
        };
    }

    private static ScalarValue RequireKind(ScalarValue value, ScalarKind kind) => value.Kind == kind
        ? value
        : throw new ArgumentException($"The predicate compares with a {value.Kind} value where the column holds {kind} values.");

    private bool InSet(ScalarValue value)
    {
        foreach (var candidate in _set)
        {
            if (value.Kind == ScalarKind.Double ? value.Double == candidate.Double : value.CompareTo(candidate) == 0)
            {
                return true;
            }
        }

        return false;
    }

    private bool AnyInRange(ScalarValue min, ScalarValue max)
    {
        foreach (var candidate in _set)
        {
            if (candidate.CompareTo(min) >= 0 && candidate.CompareTo(max) <= 0)
            {
                return true;
            }
        }

        return false;
    }

    private static void RequireValue(ScalarValue value)
    {
        if (value.IsNull)
        {
            throw new ArgumentException("A comparison with NULL is never true; the caller should fold it away.", nameof(value));
        }
    }
}
