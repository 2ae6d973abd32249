using Olap.Columnar.Storage;

namespace Olap.Query;

/// <summary>
/// Background merges, size-tiered: when a table has <see cref="MinimumRun"/> or more segments of fewer than
/// <see cref="SmallSegmentRows"/> rows each (one per checkpoint or small load), or a segment with a quarter of its
/// rows deleted, they are rewritten as one segment sorted by the table's key, without the deleted rows. The rows are
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
    private readonly CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;
    private bool _again;

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

    /// <summary>The segments of <paramref name="table"/> worth merging now, or none.</summary>
    public static IReadOnlyList<SegmentEntry> Candidates(TableEntry table)
    {
        if (table.Cube is not null)
        {
            return [];
        }

        var small = table.Segments.Where(s => s.RowCount < SmallSegmentRows).ToList();
        if (small.Count >= MinimumRun)
        {
            return small;
        }

        return [.. table.Segments.Where(s => s.DeletedRows * 4 >= s.RowCount && s.DeletedRows > 0)];
    }

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
                    merged |= new StatementRunner(database, session, string.Empty, _stop.Token).Merge(table.Name, chosen);
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
