using Olap.Columnar.Format;

namespace Olap.Query.Catalog;

/// <summary>A table stored as native segment files; every row group of every segment is a morsel.</summary>
public sealed class SegmentedTable : ITableSource
{
    private readonly IReadOnlyList<OlapFileReader> _segments;

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
        var morsels = new List<ScanMorsel>();
        for (var s = 0; s < _segments.Count; s++)
        {
            for (var g = 0; g < _segments[s].RowGroups.Count; g++)
            {
                morsels.Add(new ScanMorsel(s, g, g + 1));
            }
        }

        return morsels;
    }

    public ITableScan OpenScan(ScanMorsel morsel, IReadOnlyList<int> columns, IReadOnlyList<ScanFilter> filters)
        => new NativeFileScan(_segments[morsel.Segment].Scan(columns, filters, morsel.FirstRowGroup, morsel.EndRowGroup));
}
