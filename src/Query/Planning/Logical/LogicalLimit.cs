namespace Olap.Query.Planning.Logical;

/// <summary>Skips <see cref="Offset"/> rows, then passes at most <see cref="Limit"/> (all when null).</summary>
public sealed class LogicalLimit(LogicalOperator child, long? limit, long offset) : LogicalOperator
{
    public LogicalOperator Child { get; } = child;

    public long? Limit { get; } = limit;

    public long Offset { get; } = offset;

    public override IReadOnlyList<OutputColumn> Columns => Child.Columns;

    public override IReadOnlyList<LogicalOperator> Children => [Child];
}
