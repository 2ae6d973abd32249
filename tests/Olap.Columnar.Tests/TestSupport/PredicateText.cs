using System.Globalization;
using Olap.Columnar.Predicates;
using Olap.Columnar.Types;

namespace Olap.Columnar.Tests.TestSupport;

/// <summary>Integer predicates written as theory data: "OP n", "BETWEEN a AND b", "IN a b ...".</summary>
public static class PredicateText
{
    public static ColumnPredicate Parse(string text)
    {
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var numbers = parts.Skip(1).Where(p => p != "AND").Select(p => ScalarValue.FromInt64(long.Parse(p, CultureInfo.InvariantCulture))).ToArray();
        return parts[0] switch
        {
            "=" => ColumnPredicate.Compare(ComparisonKind.Equal, numbers[0]),
            "<>" => ColumnPredicate.Compare(ComparisonKind.NotEqual, numbers[0]),
            "<" => ColumnPredicate.Compare(ComparisonKind.LessThan, numbers[0]),
            "<=" => ColumnPredicate.Compare(ComparisonKind.LessThanOrEqual, numbers[0]),
            ">" => ColumnPredicate.Compare(ComparisonKind.GreaterThan, numbers[0]),
            ">=" => ColumnPredicate.Compare(ComparisonKind.GreaterThanOrEqual, numbers[0]),
            "BETWEEN" => ColumnPredicate.Between(numbers[0], numbers[1]),
            "IN" => ColumnPredicate.In(numbers),
            _ => throw new ArgumentException($"Unknown operator in \"{text}\".", nameof(text)),
        };
    }
}
