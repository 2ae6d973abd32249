using Olap.Columnar.Format;
using Olap.Columnar.Types;
using Olap.Columnar.Vectors;
using Olap.Query.Catalog;
using Olap.Query.Planning;

namespace Olap.Query.Execution.Operators;

/// <summary>Scans a table source; workers take morsels (row groups) from a shared counter.</summary>
public sealed class PhysicalScan(ITableSource source, string alias, IReadOnlyList<int> columns, IReadOnlyList<ScanFilter> filters) : PhysicalOperator
{
    private readonly List<(ScanFilter Filter, string Origin)> _runtimeFilters = [];
    private TopNScanFilter? _topNFilter;
    private long _rowGroupsScanned;
    private long _rowGroupsSkipped;

    public ITableSource Source { get; } = source;

    public IReadOnlyList<int> Columns { get; } = columns;

    public IReadOnlyList<ScanFilter> Filters { get; } = filters;

    public override IReadOnlyList<ColumnType> Types => field ??= [.. Columns.Select(c => Source.Columns[c].Type)];

    public override IReadOnlyList<PhysicalOperator> Children => [];

    /// <summary>Scans of at most this many rows run on one worker.</summary>
    private const int SmallScanRows = 32 * Olap.Columnar.Vectors.VectorSize.Standard;

    public override string Name => Source is SegmentedTable { AnsweringCube: not null } ? "CUBE SCAN" : "SCAN";

    public override IEnumerable<string> Details
    {
        get
        {
            yield return alias == Source.Name ? Source.Name : $"{Source.Name} AS {alias}";
            if (Source is SegmentedTable { AnsweringCube: { } cube })
            {
                yield return cube;
            }

            yield return $"columns: {string.Join(", ", Columns.Select(c => Source.Columns[c].Name))} ({Columns.Count} of {Source.Columns.Count})";
            foreach (var filter in Filters)
            {
                yield return $"filter: {Describe(filter)}";
            }
        }
    }

    public override IEnumerable<string> RuntimeDetails
    {
        get
        {
            foreach (var (filter, origin) in _runtimeFilters)
            {
                yield return $"runtime filter: {Describe(filter)} ({origin})";
            }

            if (_topNFilter is not null)
            {
                yield return _topNFilter.Describe(this);
            }

            yield return $"row groups: {Interlocked.Read(ref _rowGroupsScanned)} scanned, {Interlocked.Read(ref _rowGroupsSkipped)} skipped";
        }
    }

    /// <summary>Lets a top-N above narrow the morsels this scan opens from now on (see <see cref="TopNScanFilter"/>).</summary>
    internal void SetTopNFilter(TopNScanFilter filter) => _topNFilter = filter;

    /// <summary>
    /// Adds a filter learned while the query runs, before this scan opens: a hash join's build side bounds the
    /// join key, so fact rows (and whole row groups, by zone map) outside the bounds are skipped at the scan.
    /// </summary>
    internal void AddRuntimeFilter(ScanFilter filter, string origin) => _runtimeFilters.Add((filter, origin));

    private string Describe(ScanFilter filter)
    {
        var column = Source.Columns[filter.Column];
        var text = ScanFilterText.Describe(column.Name, column.Type, filter.Predicate);
        return filter.Keys is { } keys ? $"{text} AND {column.Name} IN bitmap of {keys.Count} keys" : text;
    }

    protected override IReadOnlyList<IChunkStream> OpenStreams(QueryContext context)
    {
        var filters = _runtimeFilters.Count == 0 ? Filters : [.. Filters, .. _runtimeFilters.Select(f => f.Filter)];
        var morsels = Source.GetMorsels(filters);
        var pruned = Source.GetMorsels().Count - morsels.Count;
        if (pruned > 0)
        {
            // Left out by zone maps before any worker started: skipped all the same.
            Interlocked.Add(ref _rowGroupsSkipped, pruned);
        }

        var shared = new MorselCounter();
        context.Progress?.AddMorsels(morsels.Count);
        var workers = Math.Max(1, Math.Min(context.Threads, morsels.Count));
        if (Source is SegmentedTable table && table.RowsIn(morsels) <= SmallScanRows)
        {
            // Waking workers costs more than reading a few row groups (a cube's answer): the caller's thread does it.
            workers = 1;
        }

        var streams = new IChunkStream[workers];
        for (var i = 0; i < workers; i++)
        {
            streams[i] = new ScanStream(this, morsels, shared, filters, context.Progress);
        }

        return streams;
    }

    private sealed class MorselCounter
    {
        private int _next = -1;

        public int Take() => Interlocked.Increment(ref _next);
    }

    private sealed class ScanStream(PhysicalScan owner, IReadOnlyList<ScanMorsel> morsels, MorselCounter counter, IReadOnlyList<ScanFilter> filters, QueryProgress? progress) : IChunkStream
    {
        private readonly DataChunk _chunk = new(owner.Types);
        private ITableScan? _scan;
        private long _sequence;
        private long _morselRows;

        public DataChunk? Next()
        {
            while (true)
            {
                if (_scan is null)
                {
                    var index = counter.Take();
                    if (index >= morsels.Count)
                    {
                        return null;
                    }

                    var bound = owner._topNFilter?.Current;
                    _scan = owner.Source.OpenScan(morsels[index], owner.Columns, bound is { } topN ? [.. filters, topN] : filters);
                    _sequence = (long)index << 32;
                }

                if (_scan.Next(_chunk))
                {
                    _chunk.Sequence = _sequence++;
                    _morselRows += _chunk.LiveCount;
                    return _chunk;
                }

                Interlocked.Add(ref owner._rowGroupsScanned, _scan.RowGroupsScanned);
                Interlocked.Add(ref owner._rowGroupsSkipped, _scan.RowGroupsSkipped);
                _scan.Dispose();
                _scan = null;
                progress?.CompleteMorsel(_morselRows);
                _morselRows = 0;
            }
        }
    }
}
