using Olap.Columnar.Types;

namespace Olap.Query.Planning;

/// <summary>The aggregate functions of the dialect.</summary>
public enum AggregateKind
{
    CountStar,
    Count,
    Sum,
    Avg,
    Min,
    Max,
}

/// <summary>An aggregate over the aggregate operator's input; <see cref="Argument"/> is null for COUNT(*).</summary>
public sealed record BoundAggregate(AggregateKind Kind, BoundExpression? Argument, bool Distinct, ColumnType Type)
{
    public override string ToString()
    {
        var name = Kind == AggregateKind.CountStar ? "count_star" : Kind.ToString().ToLowerInvariant();
        var argument = Argument is null ? string.Empty : (Distinct ? "DISTINCT " : string.Empty) + ExpressionPrinter.Print(Argument);
        return $"{name}({argument})";
    }
}
