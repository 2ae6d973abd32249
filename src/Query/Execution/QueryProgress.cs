namespace Olap.Query.Execution;

/// <summary>
/// How far the running statement has come, readable from another thread while it runs (a progress bar). Scans add
/// their morsels (row groups) to the total when they open and count each one done as it finishes, with the rows it
/// produced. A query with several scans (a join) grows its total as each scan opens, so the fraction is an estimate
/// that can step back, as DuckDB's is.
/// </summary>
public sealed class QueryProgress
{
    private long _morselsTotal;
    private long _morselsDone;
    private long _rowsScanned;

    /// <summary>Morsels the scans opened so far will read.</summary>
    public long MorselsTotal => Interlocked.Read(ref _morselsTotal);

    public long MorselsDone => Interlocked.Read(ref _morselsDone);

    /// <summary>Rows the finished morsels produced (those that passed the filters pushed into the scan).</summary>
    public long RowsScanned => Interlocked.Read(ref _rowsScanned);

    /// <summary>Done over total, 0 before any scan opened.</summary>
    public double Fraction
    {
        get
        {
            var total = MorselsTotal;
            return total == 0 ? 0 : Math.Min(1.0, (double)MorselsDone / total);
        }
    }

    internal void AddMorsels(int count) => Interlocked.Add(ref _morselsTotal, count);

    internal void CompleteMorsel(long rows)
    {
        Interlocked.Add(ref _rowsScanned, rows);
        Interlocked.Increment(ref _morselsDone);
    }
}
