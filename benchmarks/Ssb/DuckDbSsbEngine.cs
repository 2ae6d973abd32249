using System.Globalization;
using System.Text.RegularExpressions;
using DuckDB.NET.Data;
using Olap.Datasets.Ssb;

namespace Olap.Benchmarks.Ssb;

/// <summary>
/// DuckDB in process with its own storage (one .db file), the same thread count, and the same physical design where it
/// can have it: the schema without Olap's SORTED BY, and lineorder inserted in lo_orderdate order so its zone maps
/// skip row groups on date ranges as Olap's do.
/// </summary>
internal sealed partial class DuckDbSsbEngine : SsbEngine
{
    private readonly string _path;
    private readonly DuckDBConnection _connection;

    public DuckDbSsbEngine(string directory, int threads, bool reuse = false)
    {
        Reused = PrepareDirectory(directory, reuse);
        _path = Path.Combine(directory, "ssb.duckdb");
        _connection = new DuckDBConnection("DataSource=" + _path);
        _connection.Open();
        Execute(string.Create(CultureInfo.InvariantCulture, $"SET threads = {threads}"));
    }

    public override string Name => "DuckDB";

    public override string PhysicalDesign => "lineorder inserted ORDER BY lo_orderdate (no SORTED BY in DuckDB)";

    public override void Load(SsbDataFiles files)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (Reused)
        {
            return;
        }

        var schema = SsbQuery.DuckDbText(SortedBy().Replace(SsbSchema.Text, string.Empty));
        Execute(schema);
        foreach (var table in SsbGenerator.Tables)
        {
            var name = SsbQuery.DuckDbText(SsbGenerator.TableName(table));
            if (table == SsbTable.Lineorder)
            {
                // .tbl lines end in '|': DuckDB's reader sees an 18th, empty column, so name the 17 real ones and
                // let the 18th fall away through the explicit select list.
                var columns = SsbGenerator.Columns(table);
                Execute(
                    $"INSERT INTO {name} SELECT {string.Join(", ", columns.Select((_, i) => $"column{i:D2}"))} " +
                    $"FROM read_csv({Quote(files.PathOf(table))}, delim = '|', header = false, auto_detect = true) ORDER BY column05");
            }
            else
            {
                Execute($"COPY {name} FROM {Quote(files.PathOf(table))} (DELIMITER '|', HEADER false)");
            }
        }

        // The loaded data is written to the .db file, as Olap's is to its folder, before the load counts as done.
        Execute("CHECKPOINT");
    }

    public override long StorageBytes()
    {
        var wal = _path + ".wal";
        return new FileInfo(_path).Length + (File.Exists(wal) ? new FileInfo(wal).Length : 0);
    }

    public override List<object?[]> Run(SsbQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var command = _connection.CreateCommand();
        command.CommandText = query.DuckDbSql;
        using var reader = command.ExecuteReader();
        return RowValues.Of(reader);
    }

    /// <summary>DuckDB's own account of the memory it holds (buffer pool and other allocations), in bytes.</summary>
    public long MemoryBytes()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT CAST(coalesce(sum(memory_usage_bytes), 0) AS BIGINT) FROM duckdb_memory()";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public override void Dispose() => _connection.Dispose();

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [GeneratedRegex(@"\s*SORTED BY \([^)]*\)")]
    private static partial Regex SortedBy();
}
