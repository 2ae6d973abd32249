using Olap.Columnar.Format;

namespace Olap.Query.Catalog;

/// <summary>
/// A table stored as native segment files plus the rows of its write buffer a statement's snapshot holds; every row
/// group of every segment is a morsel, and so is every buffered chunk (numbered after the segments).
/// </summary>
public sealed class SegmentedTable : ITableSource
{
    private readonly IReadOnlyList<OlapFileReader> _segments;
    private readonly IReadOnlyList<Olap.Columnar.Storage.BufferedChunk> _buffered;
    private readonly IReadOnlyList<Olap.Columnar.Storage.DeletionVector?> _deletes;
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<IReadOnlyList<ScanFilter>, IReadOnlyList<ScanMorsel>> _pruned = new();
    private ScanMorsel[]? _morsels;

    public SegmentedTable(string name, IReadOnlyList<ColumnDefinition> columns, IReadOnlyList<SortKeyColumn> sortKey, IReadOnlyList<OlapFileReader> segments, IReadOnlyList<Olap.Columnar.Storage.BufferedChunk>? buffered = null, IReadOnlyList<Olap.Columnar.Storage.DeletionVector?>? deletes = null)
    {
        _deletes = deletes ?? [];
        Name = name;
        Columns = columns;
        SortKey = sortKey;
        _segments = segments;
        _buffered = buffered ?? [];
        for (var i = 0; i < segments.Count; i++)
        {
            EstimatedRowCount += segments[i].RowCount - (i < _deletes.Count ? _deletes[i]?.Count ?? 0 : 0);
        }

        foreach (var chunk in _buffered)
        {
            EstimatedRowCount += chunk.RowCount;
        }
    }

    /// <summary>Buffered chunks this table's snapshot reads besides its segments.</summary>
    public IReadOnlyList<Olap.Columnar.Storage.BufferedChunk> Buffered => _buffered;

    public string Name { get; }

    /// <summary>The manifest entry this table was opened from; null for a file queried in place.</summary>
    public Olap.Columnar.Storage.TableEntry? Entry { get; init; }

    /// <summary>Columns a query sees, the first ones; a materialized view keeps the rest for its own upkeep.</summary>
    public int VisibleColumns => Entry?.Cube?.VisibleColumns ?? Columns.Count;

    /// <summary>When a query is answered from this materialized view instead of its tables: what EXPLAIN says about it.</summary>
    public string? AnsweringCube { get; init; }

    public IReadOnlyList<ColumnDefinition> Columns { get; }

    public IReadOnlyList<SortKeyColumn> SortKey { get; }

    public long EstimatedRowCount { get; }

    public bool EvaluatesFilters => true;

    public IReadOnlyList<OlapFileReader> Segments => _segments;

    public ColumnStatistics? GetStatistics(int column)
    {
        var min = Olap.Columnar.Types.ScalarValue.Null;
        var max = Olap.Columnar.Types.ScalarValue.Null;
        long distinct = 0;
        foreach (var segment in _segments)
        {
            foreach (var group in segment.RowGroups)
            {
                var chunk = group.Columns[column];
                distinct = Math.Max(distinct, chunk.DistinctCount);
                if (!chunk.Min.IsNull && (min.IsNull || chunk.Min.CompareTo(min) < 0))
                {
                    min = chunk.Min;
                }

                if (!chunk.Max.IsNull && (max.IsNull || chunk.Max.CompareTo(max) > 0))
                {
                    max = chunk.Max;
                }
            }
        }

        // Buffered rows widen the range (a cube's axes and key filters are sized by it); their distinct values are
        // left out, which keeps the count a lower bound.
        foreach (var chunk in _buffered)
        {
            if (!chunk.Min[column].IsNull && (min.IsNull || chunk.Min[column].CompareTo(min) < 0))
            {
                min = chunk.Min[column];
            }

            if (!chunk.Max[column].IsNull && (max.IsNull || chunk.Max[column].CompareTo(max) > 0))
            {
                max = chunk.Max[column];
            }
        }

        return new ColumnStatistics(min, max, distinct);
    }

    public IReadOnlyList<ScanMorsel> GetMorsels()
    {
        if (_morsels is null)
        {
            var morsels = new List<ScanMorsel>();
            for (var s = 0; s < _segments.Count; s++)
            {
                for (var g = 0; g < _segments[s].RowGroups.Count; g++)
                {
                    morsels.Add(new ScanMorsel(s, g, g + 1));
                }
            }

            for (var b = 0; b < _buffered.Count; b++)
            {
                morsels.Add(new ScanMorsel(_segments.Count + b, 0, 1));
            }

            _morsels = [.. morsels];
        }

        return _morsels;
    }

    public IReadOnlyList<ScanMorsel> GetMorsels(IReadOnlyList<ScanFilter> filters)
    {
        var all = GetMorsels();
        if (filters.Count == 0)
        {
            return all;
        }

        // A cached plan scans with the same filter list again: the table and the list are immutable, so is the answer.
        return _pruned.GetValue(filters, list => Prune(all, list));
    }

    private IReadOnlyList<ScanMorsel> Prune(IReadOnlyList<ScanMorsel> all, IReadOnlyList<ScanFilter> filters)
    {
        List<ScanMorsel>? kept = null;
        for (var i = 0; i < all.Count; i++)
        {
            var morsel = all[i];
            var excluded = false;
            foreach (var filter in filters)
            {
                if (Excludes(morsel, filter))
                {
                    excluded = true;
                    break;
                }
            }

            if (excluded)
            {
                kept ??= [.. all.Take(i)];
            }
            else
            {
                kept?.Add(morsel);
            }
        }

        return kept ?? all;
    }

    private bool Excludes(ScanMorsel morsel, ScanFilter filter)
    {
        if (morsel.Segment >= _segments.Count)
        {
            var chunk = _buffered[morsel.Segment - _segments.Count];
            var min = chunk.Min[filter.Column];
            var nulls = min.IsNull ? chunk.RowCount : 0;
            return filter.Predicate.CheckZoneMap(min, chunk.Max[filter.Column], nulls, chunk.RowCount) == Olap.Columnar.Predicates.ZoneMapResult.AlwaysFalse;
        }

        var group = _segments[morsel.Segment].RowGroups[morsel.FirstRowGroup];
        var stats = group.Columns[filter.Column];
        return filter.Predicate.CheckZoneMap(stats.Min, stats.Max, stats.NullCount, group.RowCount) == Olap.Columnar.Predicates.ZoneMapResult.AlwaysFalse;
    }

    /// <summary>The rows of <paramref name="morsels"/>.</summary>
    public long RowsIn(IReadOnlyList<ScanMorsel> morsels)
    {
        long rows = 0;
        foreach (var morsel in morsels)
        {
            if (morsel.Segment >= _segments.Count)
            {
                rows += _buffered[morsel.Segment - _segments.Count].RowCount;
                continue;
            }

            for (var g = morsel.FirstRowGroup; g < morsel.EndRowGroup; g++)
            {
                rows += _segments[morsel.Segment].RowGroups[g].RowCount;
            }
        }

        return rows;
    }

    public ITableScan OpenScan(ScanMorsel morsel, IReadOnlyList<int> columns, IReadOnlyList<ScanFilter> filters)
        => morsel.Segment >= _segments.Count
            ? new BufferedRowsScan(_buffered[morsel.Segment - _segments.Count], columns, filters)
            : new NativeFileScan(_segments[morsel.Segment].Scan(columns, filters, morsel.FirstRowGroup, morsel.EndRowGroup), DeletesOf(morsel.Segment));

    /// <summary>The deleted rows of segment <paramref name="segment"/>, or null when it has none.</summary>
    public Olap.Columnar.Storage.DeletionVector? DeletesOf(int segment) => segment < _deletes.Count ? _deletes[segment] : null;
}
