using Olap.Columnar.Vectors;
using Olap.Query;

namespace Olap.Data;

/// <summary>A statement's rows already collected in a <see cref="QueryResult"/>: one chunk.</summary>
internal sealed class MaterializedResultSet(QueryResult result) : IResultSet
{
    private bool _started;

    public IReadOnlyList<ResultColumn> Columns => result.Columns;

    public long RowsAffected => result.RowsAffected;

    public int ChunkRows => _started ? result.RowCount : 0;

    public bool NextChunk()
    {
        if (_started)
        {
            return false;
        }

        _started = true;
        return result.RowCount > 0;
    }

    public ColumnVector Column(int column) => result.GetColumn(column);

    public void Dispose()
    {
    }
}
