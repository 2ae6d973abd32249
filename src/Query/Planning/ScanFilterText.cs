using Olap.Columnar.Predicates;
using Olap.Columnar.Types;

namespace Olap.Query.Planning;

/// <summary>A pushed-down scan filter as SQL-like text, with constants printed in the column's type.</summary>
public static class ScanFilterText
{
    public static string Describe(string column, ColumnType type, ColumnPredicate predicate)
    {
        string Text(ScalarValue value) => type.Id is LogicalTypeId.Varchar or LogicalTypeId.Date or LogicalTypeId.Timestamp
            ? $"'{ValueFormatter.Format(value, type)}'"
            : ValueFormatter.Format(value, type);

        return predicate.Kind switch
        {
            ComparisonKind.Between => $"{column} BETWEEN {Text(predicate.Low)} AND {Text(predicate.High)}",
            ComparisonKind.In => $"{column} IN ({string.Join(", ", predicate.Set.Select(Text))})",
            _ => $"{column} {ExpressionPrinter.Operator(predicate.Kind)} {Text(predicate.Low)}",
        };
    }
}
