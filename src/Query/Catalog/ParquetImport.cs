using Olap.Columnar.Format;
using Olap.Query.Catalog.Parquet;

namespace Olap.Query.Catalog;

/// <summary>
/// A Parquet file loaded into a table (<c>olap FILE.parquet</c>): the file read by <see cref="ParquetFileSource"/>, so
/// its types map as <c>FROM 'x.parquet'</c> maps them; nested and unsupported types are refused with the column named.
/// </summary>
public static class ParquetImport
{
    /// <summary>Creates table <paramref name="table"/> with the file's columns and loads its rows; returns the rows.</summary>
    public static long LoadAsTable(OlapSession connection, string table, string path)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.Execute($"CREATE TABLE {Quote(table)} AS SELECT * FROM '{path.Replace("'", "''", StringComparison.Ordinal)}'").RowsAffected;
    }

    /// <summary>The file's columns as Olap column definitions.</summary>
    public static IReadOnlyList<ColumnDefinition> ReadSchema(string path)
    {
        using var source = ParquetFileSource.Open(path);
        return source.Columns;
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
