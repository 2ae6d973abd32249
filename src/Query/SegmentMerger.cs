using Olap.Columnar.Storage;

namespace Olap.Query;

/// <summary>
/// Background merges, size-tiered: when a table has <see cref="MinimumRun"/> or more segments of fewer than
/// <see cref="SmallSegmentRows"/> rows each (one per checkpoint or small load) in one size tier, or a segment with a
/// quarter of its rows deleted, they are rewritten as one segment sorted by the table's key, without the deleted rows. The rows are
/// read and written outside the write lock, from a snapshot; the commit then takes the lock and goes ahead only if
/// the merged segments are still the table's, unchanged (a DELETE or DROP meanwhile abandons the merge). Queries keep
/// reading the segments of their snapshot: a merged-away file stays readable to those that opened it, and a
/// statement that had not is run again on the newer snapshot.
/// </summary>
internal sealed class SegmentMerger(OlapDatabase database) : IDisposable
{
    /// <summary>Segments below this many rows count as small.</summary>
    public const long SmallSegmentRows = 1 << 20;

    /// <summary>Small segments of one table it takes to merge them.</summary>
    public const int MinimumRun = 8;

    private readonly Lock _gate = new();
    private long _merges;
    private long _rowsWritten;
    private readonly CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;
    private bool _again;

    /// <summary>Merges committed since the database opened, and the rows they wrote (write amplification's measure).</summary>
    public MergeStatistics Statistics => new(Interlocked.Read(ref _merges), Interlocked.Read(ref _rowsWritten));

    /// <summary>After a commit: looks for merges to do on a background task (one at a time).</summary>
    public void Schedule()
    {
        if (!database.AutoMerge || database.IsReadOnly || _stop.IsCancellationRequested)
        {
            return;
        }

        lock (_gate)
        {
            if (!_running.IsCompleted)
            {
                _again = true;
                return;
            }

            _running = Task.Run(Run);
        }
    }

    public void WaitUntilIdle()
    {
        while (true)
        {
            Task running;
            lock (_gate)
            {
                running = _running;
            }

            running.Wait();
            lock (_gate)
            {
                if (ReferenceEquals(running, _running) && running.IsCompleted)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Stops merging (the database closes): a merge under way is abandoned, its files removed.</summary>
    public void Stop()
    {
        _stop.Cancel();
        try
        {
            WaitUntilIdle();
        }
        catch (AggregateException)
        {
        }
    }

    public void Dispose()
    {
        Stop();
        _stop.Dispose();
    }

    /// <summary>
    /// The segments of <paramref name="table"/> worth merging now, or none: <see cref="MinimumRun"/> small segments of
    /// one size tier (row counts within a factor of eight), smallest tier first; else the segments a quarter deleted.
    /// Merging only like sizes keeps the rows each merge rewrites in proportion to what it gains: merging every small
    /// segment each time rewrote the growing merged one again and again (18 rewrites per row over 256 small loads).
    /// </summary>
    public static IReadOnlyList<SegmentEntry> Candidates(TableEntry table)
    {
        if (table.Cube is not null)
        {
            return [];
        }

        Span<int> counts = stackalloc int[Tiers];
        foreach (var segment in table.Segments)
        {
            if (segment.RowCount < SmallSegmentRows)
            {
                counts[Tier(segment.RowCount)]++;
            }
        }

        for (var tier = 0; tier < Tiers; tier++)
        {
            if (counts[tier] >= MinimumRun)
            {
                return [.. table.Segments.Where(s => s.RowCount < SmallSegmentRows && Tier(s.RowCount) == tier)];
            }
        }

        return [.. table.Segments.Where(s => s.DeletedRows * 4 >= s.RowCount && s.DeletedRows > 0)];
    }

    /// <summary>Size tiers of small segments: 1-7 rows, 8-63, 64-511, ... up to <see cref="SmallSegmentRows"/>.</summary>
    private const int Tiers = 8;

    private static int Tier(long rows) => Math.Min(Tiers - 1, System.Numerics.BitOperations.Log2((ulong)Math.Max(1, rows)) / 3);

    private void Run()
    {
        while (!_stop.IsCancellationRequested)
        {
            var merged = false;
            foreach (var table in database.Directory.Current.Tables)
            {
                var chosen = Candidates(table);
                if (chosen.Count == 0)
                {
                    continue;
                }

                try
                {
                    using var session = new OlapSession(database);
                    if (new StatementRunner(database, session, string.Empty, _stop.Token).Merge(table.Name, chosen))
                    {
                        merged = true;
                        Interlocked.Increment(ref _merges);
                        Interlocked.Add(ref _rowsWritten, chosen.Sum(segment => segment.RowCount - segment.DeletedRows));
                    }
                }
                catch (Exception error) when (error is IOException or OperationCanceledException or QueryException or UnauthorizedAccessException)
                {
                    // A merge only tidies: the segments it would have replaced are all still there.
                    return;
                }
            }

            lock (_gate)
            {
                if (!merged && !_again)
                {
                    return;
                }

                _again = false;
            }
        }
    }
}

/// <summary>What background merges did since the database opened: merges committed and the rows they wrote.</summary>
public readonly record struct MergeStatistics(long Merges, long RowsWritten);
