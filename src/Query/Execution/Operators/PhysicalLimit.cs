using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Query.Execution.Operators;

/// <summary>OFFSET and LIMIT: reads its input's streams one after another and stops as soon as it has enough rows.</summary>
public sealed class PhysicalLimit(PhysicalOperator child, long? limit, long offset) : PhysicalOperator
{
    public PhysicalOperator Child { get; } = child;

    public override IReadOnlyList<ColumnType> Types => Child.Types;

    public override IReadOnlyList<PhysicalOperator> Children => [Child];

    public override string Name => "LIMIT";

    public override IEnumerable<string> Details => [limit is null ? $"offset {offset}" : offset == 0 ? $"limit {limit}" : $"limit {limit} offset {offset}"];

    protected override IReadOnlyList<IChunkStream> OpenStreams(QueryContext context)
    {
        if (limit == 0)
        {
            return [new LimitStream([], 0, 0)];
        }

        // The input's streams are read one after another: the first takes morsels in order and stops early;
        // operators below that break the pipeline (aggregates, sorts) still use every worker.
        return [new LimitStream(Child.Open(context), limit ?? long.MaxValue, offset)];
    }

    private sealed class LimitStream(IReadOnlyList<IChunkStream> inputs, long limit, long offset) : IChunkStream
    {
        private readonly int[] _rows = new int[VectorSize.Standard];
        private int _input;
        private long _skip = offset;
        private long _left = limit;

        public DataChunk? Next()
        {
            while (_left > 0 && _input < inputs.Count)
            {
                var chunk = inputs[_input].Next();
                if (chunk is null)
                {
                    _input++;
                    continue;
                }

                var live = chunk.LiveCount;
                if (_skip >= live)
                {
                    _skip -= live;
                    continue;
                }

                var from = (int)_skip;
                var take = (int)Math.Min(live - from, _left);
                _skip = 0;
                _left -= take;
                if (from == 0 && take == live)
                {
                    return chunk;
                }

                for (var i = 0; i < take; i++)
                {
                    _rows[i] = chunk.Selection is { } selection ? selection[from + i] : from + i;
                }

                chunk.SetSelection(_rows.AsSpan(0, take));
                return chunk;
            }

            return null;
        }
    }
}
