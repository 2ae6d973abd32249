using System.Diagnostics;
using Olap.Columnar.Types;

namespace Olap.Query.Execution.Operators;

/// <summary>
/// A node of the physical plan. <see cref="Open"/> returns one stream per worker: sources hand out morsels to the
/// streams, streaming operators wrap each stream with their own per-worker state, and pipeline breakers (aggregate,
/// join build, sort) drain their input in parallel, merge, and stream the merged result.
/// </summary>
public abstract class PhysicalOperator
{
    private long _rows;
    private long _ticks;

    public abstract IReadOnlyList<ColumnType> Types { get; }

    public abstract IReadOnlyList<PhysicalOperator> Children { get; }

    /// <summary>The operator's name in EXPLAIN.</summary>
    public abstract string Name { get; }

    /// <summary>Lines under the name in EXPLAIN: predicates, keys, columns.</summary>
    public virtual IEnumerable<string> Details => [];

    /// <summary>Lines EXPLAIN ANALYZE adds after a run (row groups skipped, hash table sizes).</summary>
    public virtual IEnumerable<string> RuntimeDetails => [];

    public long RowsProduced => Interlocked.Read(ref _rows);

    /// <summary>Time spent under EXPLAIN ANALYZE, including the operator's inputs, added up over the workers.</summary>
    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _ticks));

    /// <summary>Starts the operator: its streams, wrapped to count rows and time under EXPLAIN ANALYZE.</summary>
    public IReadOnlyList<IChunkStream> Open(QueryContext context)
    {
        if (!context.Profile)
        {
            return OpenStreams(context);
        }

        // A pipeline breaker (aggregate, join build, sort) does its work while opening: that time counts too.
        var started = Stopwatch.GetTimestamp();
        var streams = OpenStreams(context);
        Record(0, Stopwatch.GetTimestamp() - started);

        var profiled = new IChunkStream[streams.Count];
        for (var i = 0; i < profiled.Length; i++)
        {
            profiled[i] = new ProfiledStream(streams[i], Record);
        }

        return profiled;
    }

    protected abstract IReadOnlyList<IChunkStream> OpenStreams(QueryContext context);

    /// <summary>Adds a worker's counts, once per worker (not per chunk), to keep the hot path free of contention.</summary>
    protected void Record(long rows, long ticks)
    {
        Interlocked.Add(ref _rows, rows);
        Interlocked.Add(ref _ticks, ticks);
    }
}
