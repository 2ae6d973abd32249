using System.Diagnostics;
using Olap.Columnar.Vectors;

namespace Olap.Query.Execution.Operators;

/// <summary>Counts the rows and time (including the operator's inputs) of one worker's stream, for EXPLAIN ANALYZE.</summary>
internal sealed class ProfiledStream(IChunkStream inner, Action<long, long> record) : IChunkStream
{
    private long _rows;
    private long _ticks;
    private bool _done;

    public DataChunk? Next()
    {
        var start = Stopwatch.GetTimestamp();
        var chunk = inner.Next();
        _ticks += Stopwatch.GetTimestamp() - start;
        if (chunk is not null)
        {
            _rows += chunk.LiveCount;
        }
        else if (!_done)
        {
            _done = true;
            record(_rows, _ticks);
        }

        return chunk;
    }
}
