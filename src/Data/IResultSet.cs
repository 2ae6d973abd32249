using Olap.Columnar.Vectors;
using Olap.Query;

namespace Olap.Data;

/// <summary>One statement's outcome as a data reader reads it: columns, then the rows in chunks of flat vectors.</summary>
internal interface IResultSet : IDisposable
{
    IReadOnlyList<ResultColumn> Columns { get; }

    /// <summary>Rows a data-changing statement changed, -1 for a query.</summary>
    long RowsAffected { get; }

    /// <summary>Moves to the next chunk of rows; false at the end.</summary>
    bool NextChunk();

    /// <summary>Rows in the current chunk.</summary>
    int ChunkRows { get; }

    /// <summary>The current chunk's values of a column, flat (one value per row).</summary>
    ColumnVector Column(int column);
}
