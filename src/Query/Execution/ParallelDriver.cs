using System.Runtime.ExceptionServices;
using Olap.Columnar.Vectors;

namespace Olap.Query.Execution;

/// <summary>Drains streams on up to <see cref="QueryContext.Threads"/> workers, one stream per worker.</summary>
public static class ParallelDriver
{
    public static void Run(IReadOnlyList<IChunkStream> streams, QueryContext context, Action<int, DataChunk> consume)
    {
        if (streams.Count == 1 || context.Threads == 1)
        {
            for (var i = 0; i < streams.Count; i++)
            {
                Drain(streams[i], i, context, consume);
            }

            return;
        }

        try
        {
            Parallel.For(
                0,
                streams.Count,
                new ParallelOptions { MaxDegreeOfParallelism = context.Threads, CancellationToken = context.Cancellation },
                i => Drain(streams[i], i, context, consume));
        }
        catch (AggregateException aggregate) when (aggregate.InnerExceptions.Count > 0)
        {
            // Report the first real failure as itself (a SQL error stays a SQL error), not wrapped.
            ExceptionDispatchInfo.Capture(aggregate.InnerExceptions[0]).Throw();
        }
    }

    private static void Drain(IChunkStream stream, int worker, QueryContext context, Action<int, DataChunk> consume)
    {
        while (stream.Next() is { } chunk)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            consume(worker, chunk);
        }
    }
}
