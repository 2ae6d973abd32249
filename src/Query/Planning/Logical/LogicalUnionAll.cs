namespace Olap.Query.Planning.Logical;

/// <summary>The rows of every input, whose columns have been cast to common types; the first input names the columns.</summary>
public sealed class LogicalUnionAll(IReadOnlyList<LogicalOperator> inputs, IReadOnlyList<OutputColumn> columns) : LogicalOperator
{
    public IReadOnlyList<LogicalOperator> Inputs { get; } = inputs;

    public override IReadOnlyList<OutputColumn> Columns { get; } = columns;

    public override IReadOnlyList<LogicalOperator> Children => Inputs;
}
