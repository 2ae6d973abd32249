using Olap.Columnar.Vectors;

namespace Olap.Query.Catalog;

/// <summary>A scan of one morsel: chunks of the projected columns, surviving rows marked by the selection.</summary>
public interface ITableScan : IDisposable
{
    /// <summary>Fills <paramref name="chunk"/> (built with the scan's column types); false at the end of the morsel.</summary>
    bool Next(DataChunk chunk);

    int RowGroupsScanned { get; }

    int RowGroupsSkipped { get; }
}
