namespace Olap.Query.Planning.Logical;

/// <summary>One ORDER BY key over the child's columns.</summary>
public sealed record BoundOrderKey(BoundExpression Expression, bool Descending, bool NullsFirst);

/// <summary>Sorts the child's rows by <see cref="Keys"/>, the first key first.</summary>
public sealed class LogicalOrder(LogicalOperator child, IReadOnlyList<BoundOrderKey> keys) : LogicalOperator
{
    public LogicalOperator Child { get; } = child;

    public IReadOnlyList<BoundOrderKey> Keys { get; } = keys;

    public override IReadOnlyList<OutputColumn> Columns => Child.Columns;

    public override IReadOnlyList<LogicalOperator> Children => [Child];
}
