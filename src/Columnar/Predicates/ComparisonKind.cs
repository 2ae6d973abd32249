namespace Olap.Columnar.Predicates;

/// <summary>The comparisons a column chunk can evaluate on its encoded form.</summary>
public enum ComparisonKind : byte
{
    Equal,
    NotEqual,
    LessThan,
    LessThanOrEqual,
    GreaterThan,
    GreaterThanOrEqual,
    Between,
    In,
}
