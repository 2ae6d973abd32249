using Olap.Columnar.Format;
using Olap.Columnar.Storage;
using Olap.Columnar.Vectors;

namespace Olap.Query.Catalog;

/// <summary>
/// Adapts a native file's <see cref="FileScan"/> to <see cref="ITableScan"/>, leaving out the rows its segment's
/// deletion vector names (they are dropped from the selection; a chunk left with none is skipped).
/// </summary>
internal sealed class NativeFileScan(FileScan scan, DeletionVector? deletes = null) : ITableScan
{
    public int RowGroupsScanned => scan.RowGroupsScanned;

    public int RowGroupsSkipped => scan.RowGroupsSkipped;

    /// <summary>The segment row number of the last chunk's row 0.</summary>
    public long ChunkFirstRow => scan.ChunkFirstRow;

    public bool Next(DataChunk chunk)
    {
        while (scan.Next(chunk))
        {
            if (deletes is null || KeepLive(chunk, deletes, scan.ChunkFirstRow))
            {
                return true;
            }
        }

        return false;
    }

    public void Dispose()
    {
        // The reader belongs to the table; a scan holds nothing of its own.
    }

    /// <summary>Drops deleted rows from the chunk's selection (in place: a kept row's slot is never past its own); false when none is left.</summary>
    private static bool KeepLive(DataChunk chunk, DeletionVector deletes, long first)
    {
        var storage = chunk.SelectionStorage.Storage;
        var kept = 0;
        if (chunk.Selection is { } selection)
        {
            var live = selection.Count;
            for (var i = 0; i < live; i++)
            {
                var row = storage[i];
                if (!deletes.IsDeleted(first + row))
                {
                    storage[kept++] = row;
                }
            }
        }
        else
        {
            for (var row = 0; row < chunk.Count; row++)
            {
                if (!deletes.IsDeleted(first + row))
                {
                    storage[kept++] = row;
                }
            }

            if (kept == chunk.Count)
            {
                return true;
            }
        }

        chunk.UseSelectionStorage(kept);
        return kept > 0;
    }
}
