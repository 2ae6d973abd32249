namespace Olap.Query.Planning.Logical;

/// <summary>Keeps the rows for which <see cref="Predicate"/> is TRUE.</summary>
public sealed class LogicalFilter(LogicalOperator child, BoundExpression predicate) : LogicalOperator
{
    public LogicalOperator Child { get; } = child;

    public BoundExpression Predicate { get; } = predicate;

    public override IReadOnlyList<OutputColumn> Columns => Child.Columns;

    public override IReadOnlyList<LogicalOperator> Children => [Child];
}
