using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Olap.Columnar.Types;
using Olap.Columnar.Vectors;
using Olap.Query.Execution.Operators;

namespace Olap.Query.Execution;

/// <summary>
/// Runs a query plan on a background task and hands its rows over in chunks through a small bounded queue: the
/// workers wait while the reader is behind, so memory stays at a few chunks however many rows the query returns.
/// A plan with one output stream (ORDER BY, LIMIT, aggregates, or one thread) is pulled on the reader's own thread,
/// chunk by chunk, in its order; several parallel streams run on a thread of their own and are read as their chunks
/// arrive. Disposing cancels the query and waits for the workers to stop.
/// </summary>
internal sealed class StreamingQueryResult : ResultStream
{
    /// <summary>Chunks waiting for the reader; a few per worker is enough to keep both sides busy.</summary>
    private const int QueueChunks = 8;

    private readonly IReadOnlyList<ResultColumn> _columns;
    private readonly CancellationTokenSource _cancellation;
    private readonly BlockingCollection<ColumnBuilder[]> _queue = new(QueueChunks);
    private readonly ConcurrentBag<ColumnBuilder[]> _free = [];
    private readonly IReadOnlyList<IDisposable> _owned;
    private readonly Task? _producer;
    private readonly IChunkStream? _single;
    private ColumnBuilder[] _pulled;
    private readonly CancellationToken _token;

    /// <summary>Every chunk in memory of its own, never reused, so a consumer may keep referencing it (Arrow export).</summary>
    private readonly bool _fresh;
    private readonly ColumnType[] _types;
    private DataChunk _chunk;
    private ColumnBuilder[]? _current;
    private Exception? _error;
    private bool _disposed;

    public StreamingQueryResult(PhysicalOperator root, IReadOnlyList<ResultColumn> columns, int threads, IReadOnlyList<IDisposable> owned, bool freshBuffers, CancellationToken cancellation)
    {
        _fresh = freshBuffers;
        _columns = columns;
        _owned = owned;
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var types = columns.Select(c => c.Type).ToArray();
        _types = types;
        _chunk = new DataChunk(types, VectorSize.Standard);
        var context = new QueryContext(threads, _cancellation.Token);
        var token = _cancellation.Token;
        _token = token;
        _pulled = [.. types.Select(t => new ColumnBuilder(t, VectorSize.Standard))];
        var streams = root.Open(context);
        if (streams.Count == 1 || threads == 1)
        {
            _single = streams.Count == 1 ? streams[0] : new ConcatenatedStreams(streams);
            return;
        }

        // A thread of its own (LongRunning), not a pool thread: the producer blocks while the reader is behind and
        // waits for its workers, and a pool thread held that way starves the pool. It always runs, even when
        // cancelled before it starts, so the queue is always completed.
        _producer = Task.Factory.StartNew(
            () =>
        {
            try
            {
                ParallelDriver.Run(streams, context, (_, chunk) =>
                {
                    if (chunk.LiveCount == 0)
                    {
                        return;
                    }

                    var copy = !_fresh && _free.TryTake(out var reused) ? reused : [.. types.Select(t => new ColumnBuilder(t, chunk.LiveCount))];
                    foreach (var builder in copy)
                    {
                        builder.Clear();
                    }

                    VectorGather.AppendLive(chunk, copy);
                    _queue.Add(copy, token);
                });
            }
            catch (Exception error)
            {
                _error = error;
            }
            finally
            {
                _queue.CompleteAdding();
            }
        },
        CancellationToken.None,
        TaskCreationOptions.LongRunning,
        TaskScheduler.Default);
    }

    public override IReadOnlyList<ResultColumn> Columns => _columns;

    public override long RowsAffected => -1;

    public override bool Next([NotNullWhen(true)] out DataChunk? chunk)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        chunk = null;
        if (_single is not null)
        {
            return Pull(out chunk);
        }

        if (_current is not null)
        {
            if (!_fresh)
            {
                _free.Add(_current);
            }

            _current = null;
        }

        if (!_queue.TryTake(out var next, Timeout.Infinite))
        {
            // The producer finished: rethrow its failure (including cancellation) on the reader's thread.
            if (_error is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(_error);
            }

            return false;
        }

        _current = next;
        chunk = Present(next);
        return true;
    }

    /// <summary>The reader's chunk as a view of <paramref name="builders"/>' rows.</summary>
    private DataChunk Present(ColumnBuilder[] builders)
    {
        if (builders[0].Count > _chunk.Capacity)
        {
            _chunk = new DataChunk(_types, builders[0].Count);
        }

        for (var c = 0; c < builders.Length; c++)
        {
            builders[c].ViewInto(_chunk.Columns[c]);
        }

        _chunk.SetCount(builders[0].Count);
        return _chunk;
    }

    /// <summary>The one-stream case: the next non-empty chunk, its live rows copied flat.</summary>
    private bool Pull([NotNullWhen(true)] out DataChunk? chunk)
    {
        chunk = null;
        while (true)
        {
            _token.ThrowIfCancellationRequested();
            if (_single!.Next() is not { } next)
            {
                return false;
            }

            if (next.LiveCount == 0)
            {
                continue;
            }

            if (_fresh)
            {
                _pulled = [.. _types.Select(t => new ColumnBuilder(t, next.LiveCount))];
            }
            else
            {
                foreach (var builder in _pulled)
                {
                    builder.Clear();
                }
            }

            VectorGather.AppendLive(next, _pulled);
            chunk = Present(_pulled);
            return true;
        }
    }

    /// <summary>Several streams read one after the other on one thread (a plan run with one worker).</summary>
    private sealed class ConcatenatedStreams(IReadOnlyList<IChunkStream> streams) : IChunkStream
    {
        private int _index;

        public DataChunk? Next()
        {
            while (_index < streams.Count)
            {
                if (streams[_index].Next() is { } chunk)
                {
                    return chunk;
                }

                _index++;
            }

            return null;
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (_disposed || !disposing)
        {
            return;
        }

        _disposed = true;
        _cancellation.Cancel();
        try
        {
            _producer?.Wait();
        }
        catch (AggregateException)
        {
            // The producer records its own failures; a cancelled one has nothing more to say.
        }

        foreach (var resource in _owned)
        {
            resource.Dispose();
        }

        _cancellation.Dispose();
        _queue.Dispose();
    }
}
