namespace Olap.Query.Planning.Logical;

/// <summary>Computes one output column per expression over the child's columns.</summary>
public sealed class LogicalProjection(LogicalOperator child, IReadOnlyList<BoundExpression> expressions, IReadOnlyList<OutputColumn> columns) : LogicalOperator
{
    public LogicalOperator Child { get; } = child;

    public IReadOnlyList<BoundExpression> Expressions { get; } = expressions;

    public override IReadOnlyList<OutputColumn> Columns { get; } = columns;

    public override IReadOnlyList<LogicalOperator> Children => [Child];
}
