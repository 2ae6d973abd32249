using Olap.Columnar.Format;
using Olap.Columnar.Vectors;

namespace Olap.Query.Catalog;

/// <summary>
/// A query result held in memory, scanned like a table: an intermediate result a statement reads again (a cube's
/// finest grouping, from which its coarser grouping sets are rolled up).
/// </summary>
internal sealed class ResultTableSource : ITableSource
{
    private const int MorselRows = 16 * VectorSize.Standard;
    private readonly QueryResult _result;

    public ResultTableSource(string name, QueryResult result)
    {
        Name = name;
        _result = result;
        Columns = [.. result.Columns.Select(c => new ColumnDefinition(c.Name, c.Type))];
    }

    public string Name { get; }

    public IReadOnlyList<ColumnDefinition> Columns { get; }

    public IReadOnlyList<SortKeyColumn> SortKey => [];

    public long EstimatedRowCount => _result.RowCount;

    public bool EvaluatesFilters => false;

    public IReadOnlyList<ScanMorsel> GetMorsels()
        => [.. Enumerable.Range(0, (_result.RowCount + MorselRows - 1) / MorselRows).Select(m => new ScanMorsel(m, 0, 1))];

    public ITableScan OpenScan(ScanMorsel morsel, IReadOnlyList<int> columns, IReadOnlyList<ScanFilter> filters)
        => new Scan(_result, columns, morsel.Segment * MorselRows, Math.Min(_result.RowCount, (morsel.Segment + 1) * MorselRows));

    private sealed class Scan(QueryResult result, IReadOnlyList<int> columns, int start, int end) : ITableScan
    {
        private readonly ColumnBuilder[] _builders = [.. columns.Select(c => new ColumnBuilder(result.Columns[c].Type))];
        private int _position = start;

        public int RowGroupsScanned => 1;

        public int RowGroupsSkipped => 0;

        public bool Next(DataChunk chunk)
        {
            if (_position >= end)
            {
                return false;
            }

            var count = Math.Min(chunk.Capacity, end - _position);
            for (var i = 0; i < columns.Count; i++)
            {
                _builders[i].Clear();
                _builders[i].AppendRange(result.GetColumn(columns[i]), _position, count);
                _builders[i].ViewInto(chunk.Columns[i]);
            }

            chunk.SetCount(count);
            _position += count;
            return true;
        }

        public void Dispose()
        {
        }
    }
}
