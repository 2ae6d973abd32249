using Olap.Columnar.Format;

namespace Olap.Query.Catalog;

/// <summary>A table stored as native segment files; every row group of every segment is a morsel.</summary>
public sealed class SegmentedTable : ITableSource
{
    private readonly IReadOnlyList<OlapFileReader> _segments;
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<IReadOnlyList<ScanFilter>, IReadOnlyList<ScanMorsel>> _pruned = new();
    private ScanMorsel[]? _morsels;

    public SegmentedTable(string name, IReadOnlyList<ColumnDefinition> columns, IReadOnlyList<SortKeyColumn> sortKey, IReadOnlyList<OlapFileReader> segments)
    {
        Name = name;
        Columns = columns;
        SortKey = sortKey;
        _segments = segments;
        foreach (var segment in segments)
        {
            EstimatedRowCount += segment.RowCount;
        }
    }

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
            var group = _segments[morsel.Segment].RowGroups[morsel.FirstRowGroup];
            var excluded = false;
            foreach (var filter in filters)
            {
                var stats = group.Columns[filter.Column];
                if (filter.Predicate.CheckZoneMap(stats.Min, stats.Max, stats.NullCount, group.RowCount) == Olap.Columnar.Predicates.ZoneMapResult.AlwaysFalse)
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

    /// <summary>The rows of <paramref name="morsels"/>.</summary>
    public long RowsIn(IReadOnlyList<ScanMorsel> morsels)
    {
        long rows = 0;
        foreach (var morsel in morsels)
        {
            for (var g = morsel.FirstRowGroup; g < morsel.EndRowGroup; g++)
            {
                rows += _segments[morsel.Segment].RowGroups[g].RowCount;
            }
        }

        return rows;
    }

    public ITableScan OpenScan(ScanMorsel morsel, IReadOnlyList<int> columns, IReadOnlyList<ScanFilter> filters)
        => new NativeFileScan(_segments[morsel.Segment].Scan(columns, filters, morsel.FirstRowGroup, morsel.EndRowGroup));
}
