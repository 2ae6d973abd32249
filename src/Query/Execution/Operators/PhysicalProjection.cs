using Olap.Columnar.Types;
using Olap.Columnar.Vectors;
using Olap.Query.Execution.Expressions;
using Olap.Query.Planning;

namespace Olap.Query.Execution.Operators;

/// <summary>Evaluates one expression per output column; a bare column passes its vector through untouched.</summary>
public sealed class PhysicalProjection(PhysicalOperator child, IReadOnlyList<BoundExpression> expressions) : PhysicalOperator
{
    public PhysicalOperator Child { get; } = child;

    public IReadOnlyList<BoundExpression> Expressions { get; } = expressions;

    public override IReadOnlyList<ColumnType> Types => field ??= [.. Expressions.Select(e => e.Type)];

    public override IReadOnlyList<PhysicalOperator> Children => [Child];

    public override string Name => "PROJECTION";

    public override IEnumerable<string> Details => Expressions.Select(ExpressionPrinter.Print);

    protected override IReadOnlyList<IChunkStream> OpenStreams(QueryContext context)
        => [.. Child.Open(context).Select(s => (IChunkStream)new ProjectionStream(s, Types, [.. Expressions.Select(ExpressionExecutor.Create)]))];

    private sealed class ProjectionStream(IChunkStream input, IReadOnlyList<ColumnType> types, ExpressionExecutor[] executors) : IChunkStream
    {
        private readonly DataChunk _output = new(types);

        public DataChunk? Next()
        {
            var chunk = input.Next();
            if (chunk is null)
            {
                return null;
            }

            for (var i = 0; i < executors.Length; i++)
            {
                _output.Columns[i] = executors[i].Evaluate(chunk);
            }

            _output.SetCount(chunk.Count);
            _output.Sequence = chunk.Sequence;
            if (chunk.Selection is { } selection)
            {
                _output.SetSelection(selection.Indices);
            }

            return _output;
        }
    }
}
