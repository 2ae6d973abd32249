using Olap.Columnar.Format;

namespace Olap.Query.Catalog;

/// <summary>
/// Rows a query can scan: a stored table, or a file queried in place. A source splits into morsels that workers
/// scan in parallel; sources that evaluate <see cref="ScanFilter"/>s on their data say so, and the planner keeps
/// the filters of the others as a filter operator above the scan.
/// </summary>
public interface ITableSource
{
    /// <summary>The name plans and errors show.</summary>
    string Name { get; }

    IReadOnlyList<ColumnDefinition> Columns { get; }

    /// <summary>The order rows are stored in, or empty.</summary>
    IReadOnlyList<SortKeyColumn> SortKey { get; }

    /// <summary>Rows in the source, or an estimate when it cannot know without reading.</summary>
    long EstimatedRowCount { get; }

    /// <summary>True when scans evaluate filters themselves (zone maps, encoded data).</summary>
    bool EvaluatesFilters { get; }

    /// <summary>
    /// What storage statistics say about a column, for the optimizer's estimates: the smallest and largest value and
    /// the number of distinct values (a lower bound), or null when the source keeps no statistics.
    /// </summary>
    ColumnStatistics? GetStatistics(int column) => null;

    /// <summary>The units of parallel work, in storage order.</summary>
    IReadOnlyList<ScanMorsel> GetMorsels();

    /// <summary>
    /// The morsels that may hold rows passing <paramref name="filters"/>: a source with zone maps leaves out those they
    /// exclude, so a selective query schedules (and spreads over workers) only the work it has.
    /// </summary>
    IReadOnlyList<ScanMorsel> GetMorsels(IReadOnlyList<ScanFilter> filters) => GetMorsels();

    /// <summary>Starts reading one morsel's <paramref name="columns"/>, rows satisfying every filter.</summary>
    ITableScan OpenScan(ScanMorsel morsel, IReadOnlyList<int> columns, IReadOnlyList<ScanFilter> filters);
}

/// <summary>A slice of a source: row groups [<see cref="FirstRowGroup"/>, <see cref="EndRowGroup"/>) of segment <see cref="Segment"/>.</summary>
public readonly record struct ScanMorsel(int Segment, int FirstRowGroup, int EndRowGroup);

/// <summary>A column's range and distinct count from storage statistics (zone maps); <see cref="Min"/>/<see cref="Max"/> are NULL when all values are.</summary>
public sealed record ColumnStatistics(Olap.Columnar.Types.ScalarValue Min, Olap.Columnar.Types.ScalarValue Max, long Distinct);
