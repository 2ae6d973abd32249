using Olap.Columnar.Format;
using Olap.Columnar.Vectors;

namespace Olap.Query.Catalog;

/// <summary>Adapts a native file's <see cref="FileScan"/> to <see cref="ITableScan"/>.</summary>
internal sealed class NativeFileScan(FileScan scan) : ITableScan
{
    public int RowGroupsScanned => scan.RowGroupsScanned;

    public int RowGroupsSkipped => scan.RowGroupsSkipped;

    public bool Next(DataChunk chunk) => scan.Next(chunk);

    public void Dispose()
    {
        // The reader belongs to the table; a scan holds nothing of its own.
    }
}
