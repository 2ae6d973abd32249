namespace Olap.Query.Execution;

/// <summary>What a running query needs to know: how many workers it may use and whether it was cancelled.</summary>
public sealed class QueryContext(int threads, CancellationToken cancellation)
{
    public int Threads { get; } = Math.Max(1, threads);

    public CancellationToken Cancellation { get; } = cancellation;

    /// <summary>True for EXPLAIN ANALYZE: operators count rows and time.</summary>
    public bool Profile { get; init; }

    /// <summary>Where scans report the morsels they finish; null when nobody watches.</summary>
    public QueryProgress? Progress { get; init; }
}
