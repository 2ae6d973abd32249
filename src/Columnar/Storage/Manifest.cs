using Olap.Columnar.Format;

namespace Olap.Columnar.Storage;

/// <summary>
/// What a database holds at one version: its tables (schema, sort key, segment files) and views. A manifest is
/// immutable; a change writes a new one with the next version (a snapshot is one manifest).
/// </summary>
public sealed record Manifest(long Version, IReadOnlyList<TableEntry> Tables, IReadOnlyList<ViewEntry> Views)
{
    /// <summary>
    /// The newest write-log record whose rows are in segments (<see cref="WriteLog"/>): records up to it are not
    /// replayed into the write buffer when the database opens.
    /// </summary>
    public long LogSequence { get; init; }

    public static Manifest Empty { get; } = new(0, [], []);

    public TableEntry? FindTable(string name)
    {
        foreach (var table in Tables)
        {
            if (string.Equals(table.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return table;
            }
        }

        return null;
    }

    public ViewEntry? FindView(string name)
    {
        foreach (var view in Views)
        {
            if (string.Equals(view.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return view;
            }
        }

        return null;
    }
}

/// <summary>
/// A table: its columns, declared sort key and the native segment files that hold its rows, in order. A materialized
/// view (a data cube) is a table whose rows its <see cref="Cube"/> definition computes.
/// </summary>
public sealed record TableEntry(string Name, IReadOnlyList<ColumnDefinition> Columns, IReadOnlyList<SortKeyColumn> SortKey, IReadOnlyList<SegmentEntry> Segments, CubeEntry? Cube = null)
{
    public long RowCount
    {
        get
        {
            long rows = 0;
            foreach (var segment in Segments)
            {
                rows += segment.RowCount - segment.DeletedRows;
            }

            return rows;
        }
    }
}

/// <summary>
/// What makes a table a materialized view: the SQL of its defining query, how many of its columns a query sees (the
/// rest are kept for maintenance and rewriting: AVG's sum and count, the grouping-set id), and whether it is stale
/// (its tables changed in a way it could not follow; it is not used to answer queries until refreshed).
/// <see cref="DeltaSegments"/>: how many of the table's last segments hold the aggregates of appends since the cube was
/// last built whole. Their groups may repeat groups of other segments (partial aggregates, as ClickHouse's
/// aggregating merges keep them), so the cube's rows are its segments' rows grouped again.
/// </summary>
public sealed record CubeEntry(string Sql, int VisibleColumns, bool Stale, int DeltaSegments = 0);

/// <summary>
/// One immutable native file of a table, named relative to the database directory, with the file of its deleted rows
/// (<see cref="DeletionVector"/>) when a DELETE removed some: <see cref="RowCount"/> counts them, the table does not.
/// </summary>
public sealed record SegmentEntry(string FileName, long RowCount, string? Deletes = null, long DeletedRows = 0);

/// <summary>A view: its name and the SQL text of its query, bound anew when used.</summary>
public sealed record ViewEntry(string Name, string Sql);
