using Olap.Columnar.Format;
using Olap.Query.Catalog;

namespace Olap.Query.Planning.Logical;

/// <summary>
/// A scan of a table source reading <see cref="ColumnIds"/> (positions in the source), with the filters pushed into
/// the scan (<see cref="Filters"/>, on source column positions) evaluated by the storage on encoded data.
/// </summary>
public sealed class LogicalGet(ITableSource source, string alias, IReadOnlyList<int> columnIds, IReadOnlyList<ScanFilter> filters) : LogicalOperator
{
    public ITableSource Source { get; } = source;

    public string Alias { get; } = alias;

    public IReadOnlyList<int> ColumnIds { get; } = columnIds;

    public IReadOnlyList<ScanFilter> Filters { get; } = filters;

    /// <summary>Rows the optimizer expects the scan to produce (filters considered).</summary>
    public double EstimatedRows { get; init; } = source.EstimatedRowCount;

    public override IReadOnlyList<OutputColumn> Columns => [.. ColumnIds.Select(id => new OutputColumn(Source.Columns[id].Name, Source.Columns[id].Type, Alias))];

    public override IReadOnlyList<LogicalOperator> Children => [];
}
