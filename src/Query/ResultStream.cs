using System.Diagnostics.CodeAnalysis;
using Olap.Columnar.Vectors;

namespace Olap.Query;

/// <summary>
/// A statement's outcome read chunk by chunk (<see cref="OlapSession.ExecuteStreaming(string, IReadOnlyList{QueryParameter}, CancellationToken)"/>): a query's rows as its
/// plan produces them, without collecting them all first, or a statement without rows (<see cref="RowsAffected"/>).
/// Dispose it to stop a query early; one thread reads it.
/// </summary>
public abstract class ResultStream : IDisposable
{
    public abstract IReadOnlyList<ResultColumn> Columns { get; }

    /// <summary>Rows a data-changing statement changed, or -1 for a query.</summary>
    public abstract long RowsAffected { get; }

    /// <summary>
    /// The next chunk of rows: flat vectors, no selection, at least one row; false at the end. The chunk is valid until
    /// the next call. Errors of the running query (and its cancellation) surface here.
    /// </summary>
    public abstract bool Next([NotNullWhen(true)] out DataChunk? chunk);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}

/// <summary>A collected result handed out as one chunk.</summary>
internal sealed class MaterializedResultStream(QueryResult result) : ResultStream
{
    private bool _done;

    public override IReadOnlyList<ResultColumn> Columns => result.Columns;

    public override long RowsAffected => result.RowsAffected;

    public override bool Next([NotNullWhen(true)] out DataChunk? chunk)
    {
        chunk = null;
        if (_done || result.RowCount == 0)
        {
            _done = true;
            return false;
        }

        _done = true;
        chunk = new DataChunk([.. result.Columns.Select(c => c.Type)], result.RowCount);
        for (var c = 0; c < result.Columns.Count; c++)
        {
            var vector = result.GetColumn(c);
            chunk.Columns[c].ReferenceSlice(vector, 0, vector.Count);
        }

        chunk.SetCount(result.RowCount);
        return true;
    }
}
