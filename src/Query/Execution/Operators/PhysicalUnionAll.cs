using Olap.Columnar.Types;

namespace Olap.Query.Execution.Operators;

/// <summary>The streams of every input side by side; workers run the inputs concurrently.</summary>
public sealed class PhysicalUnionAll(IReadOnlyList<PhysicalOperator> inputs) : PhysicalOperator
{
    public override IReadOnlyList<ColumnType> Types => inputs[0].Types;

    public override IReadOnlyList<PhysicalOperator> Children => inputs;

    public override string Name => "UNION ALL";

    protected override IReadOnlyList<IChunkStream> OpenStreams(QueryContext context)
        => [.. inputs.SelectMany(i => i.Open(context))];
}
