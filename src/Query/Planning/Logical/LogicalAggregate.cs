namespace Olap.Query.Planning.Logical;

/// <summary>Groups the child's rows by <see cref="Groups"/>; outputs the group values, then one column per aggregate.</summary>
public sealed class LogicalAggregate(LogicalOperator child, IReadOnlyList<BoundExpression> groups, IReadOnlyList<BoundAggregate> aggregates, IReadOnlyList<OutputColumn> columns) : LogicalOperator
{
    public LogicalOperator Child { get; } = child;

    public IReadOnlyList<BoundExpression> Groups { get; } = groups;

    public IReadOnlyList<BoundAggregate> Aggregates { get; } = aggregates;

    public override IReadOnlyList<OutputColumn> Columns { get; } = columns;

    public override IReadOnlyList<LogicalOperator> Children => [Child];
}
