using Olap.Columnar.Format;
using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Query.Catalog;

/// <summary>
/// A stored table with one more column, each row's place: the segment number times 2^40 plus its row number in the
/// segment. DELETE reads it to learn which rows its condition matches. It evaluates no filters itself (they run above
/// it), and the table must have no buffered rows (DELETE checkpoints them first: they have no place yet).
/// </summary>
internal sealed class RowIdTableSource : ITableSource
{
    public const string RowIdColumn = "__olap_row_id";
    public const int SegmentShift = 40;

    private readonly SegmentedTable _table;

    public RowIdTableSource(SegmentedTable table)
    {
        if (table.Buffered.Count > 0)
        {
            throw new InvalidOperationException("Buffered rows have no row ids: checkpoint them first.");
        }

        _table = table;
        Columns = [.. table.Columns.Take(table.VisibleColumns), new ColumnDefinition(RowIdColumn, ColumnType.BigInt)];
    }

    public string Name => _table.Name;

    public IReadOnlyList<ColumnDefinition> Columns { get; }

    public IReadOnlyList<SortKeyColumn> SortKey => [];

    public long EstimatedRowCount => _table.EstimatedRowCount;

    public bool EvaluatesFilters => false;

    public IReadOnlyList<ScanMorsel> GetMorsels() => _table.GetMorsels();

    public ITableScan OpenScan(ScanMorsel morsel, IReadOnlyList<int> columns, IReadOnlyList<ScanFilter> filters)
    {
        var rowId = Columns.Count - 1;
        var stored = columns.Where(c => c != rowId).ToList();
        var inner = (NativeFileScan)_table.OpenScan(morsel, stored, []);
        return new RowIdScan(inner, [.. stored.Select(c => Columns[c].Type)], [.. columns.Select(c => c == rowId ? -1 : stored.IndexOf(c))], (long)morsel.Segment << SegmentShift);
    }

    private sealed class RowIdScan(NativeFileScan inner, ColumnType[] storedTypes, int[] sources, long segmentBase) : ITableScan
    {
        private readonly DataChunk _stored = new(storedTypes);

        public int RowGroupsScanned => inner.RowGroupsScanned;

        public int RowGroupsSkipped => inner.RowGroupsSkipped;

        public bool Next(DataChunk chunk)
        {
            if (!inner.Next(_stored))
            {
                return false;
            }

            var count = _stored.Count;
            for (var i = 0; i < sources.Length; i++)
            {
                if (sources[i] < 0)
                {
                    var ids = chunk.Columns[i].PrepareFlat<long>(count);
                    var first = segmentBase + inner.ChunkFirstRow;
                    for (var row = 0; row < count; row++)
                    {
                        ids[row] = first + row;
                    }
                }
                else
                {
                    var vector = _stored.Columns[sources[i]];
                    vector.Flatten();
                    chunk.Columns[i].ReferenceSlice(vector, 0, count);
                }
            }

            chunk.SetCount(count);
            if (_stored.Selection is { } selection)
            {
                chunk.SetSelection(selection.Indices);
            }

            return true;
        }

        public void Dispose() => inner.Dispose();
    }
}
