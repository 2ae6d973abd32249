namespace Olap.Columnar.Format;

/// <summary>A row group: its first row in the file, its row count, and one chunk per column.</summary>
public sealed record RowGroupMetadata(long FirstRow, int RowCount, IReadOnlyList<ColumnChunkMetadata> Columns);
