using Olap.Columnar.Types;
using Olap.Columnar.Vectors;
using Olap.Query.Execution.Expressions;
using Olap.Query.Planning;

namespace Olap.Query.Execution.Operators;

/// <summary>Narrows each chunk's selection to the rows where the predicate is TRUE; columns are not copied.</summary>
public sealed class PhysicalFilter(PhysicalOperator child, BoundExpression predicate) : PhysicalOperator
{
    public PhysicalOperator Child { get; } = child;

    public BoundExpression Predicate { get; } = predicate;

    public override IReadOnlyList<ColumnType> Types => Child.Types;

    public override IReadOnlyList<PhysicalOperator> Children => [Child];

    public override string Name => "FILTER";

    public override IEnumerable<string> Details => [ExpressionPrinter.Print(Predicate)];

    protected override IReadOnlyList<IChunkStream> OpenStreams(QueryContext context)
        => [.. Child.Open(context).Select(s => (IChunkStream)new FilterStream(s, ExpressionExecutor.Create(Predicate)))];

    private sealed class FilterStream(IChunkStream input, ExpressionExecutor predicate) : IChunkStream
    {
        private readonly SelectionVector _selected = new();

        public DataChunk? Next()
        {
            while (input.Next() is { } chunk)
            {
                var count = predicate.Select(chunk, _selected);
                if (count == 0)
                {
                    continue;
                }

                if (count != chunk.LiveCount)
                {
                    chunk.SetSelection(_selected.Storage[..count]);
                }

                return chunk;
            }

            return null;
        }
    }
}
