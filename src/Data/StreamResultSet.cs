using Olap.Columnar.Vectors;
using Olap.Query;

namespace Olap.Data;

/// <summary>A statement's rows as the engine streams them: one chunk in memory at a time.</summary>
internal sealed class StreamResultSet(ResultStream stream) : IResultSet
{
    private DataChunk? _chunk;

    public IReadOnlyList<ResultColumn> Columns => stream.Columns;

    public long RowsAffected => stream.RowsAffected;

    public int ChunkRows => _chunk?.Count ?? 0;

    public bool NextChunk()
    {
        if (stream.Next(out var chunk))
        {
            _chunk = chunk;
            return true;
        }

        _chunk = null;
        return false;
    }

    public ColumnVector Column(int column) => _chunk!.Columns[column];

    public void Dispose() => stream.Dispose();
}
