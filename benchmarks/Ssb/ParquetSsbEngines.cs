using System.Globalization;
using DuckDB.NET.Data;
using Olap.Datasets.Ssb;
using Olap.Query;

namespace Olap.Benchmarks.Ssb;

/// <summary>Olap over the SSB Parquet files in place: an in-memory database whose five tables are views over the files.</summary>
internal sealed class OlapParquetSsbEngine : SsbEngine
{
    private readonly OlapDatabase _database = OlapDatabase.OpenInMemory();
    private readonly OlapSession _session;

    public OlapParquetSsbEngine(SsbParquetFiles files, int threads)
    {
        _session = _database.Connect();
        _session.Execute(string.Create(CultureInfo.InvariantCulture, $"SET threads = {threads}"));
        foreach (var table in SsbGenerator.Tables)
        {
            _session.Execute($"CREATE VIEW \"{SsbGenerator.TableName(table)}\" AS SELECT * FROM {Quote(files.PathOf(table))}");
        }
    }

    public override string Name => "Olap";

    public override string PhysicalDesign => "Parquet files read in place (lineorder in lo_orderdate order)";

    public override void Load(SsbDataFiles files)
    {
    }

    public override long StorageBytes() => 0;

    public override List<object?[]> Run(SsbQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return RowValues.Of(_session.Execute(query.Sql));
    }

    public string ExplainAnalyze(SsbQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var plan = _session.Execute("EXPLAIN ANALYZE " + query.Sql);
        return string.Join(Environment.NewLine, Enumerable.Range(0, plan.RowCount).Select(r => plan.GetText(r, 0)));
    }

    public override void Dispose()
    {
        _session.Dispose();
        _database.Dispose();
    }
}

/// <summary>DuckDB over the same Parquet files: an in-memory database whose five tables are views over read_parquet.</summary>
internal sealed class DuckDbParquetSsbEngine : SsbEngine
{
    private readonly DuckDBConnection _connection = new("DataSource=:memory:");

    public DuckDbParquetSsbEngine(SsbParquetFiles files, int threads)
    {
        _connection.Open();
        Execute(string.Create(CultureInfo.InvariantCulture, $"SET threads = {threads}"));
        foreach (var table in SsbGenerator.Tables)
        {
            Execute($"CREATE VIEW \"{SsbGenerator.TableName(table)}\" AS SELECT * FROM read_parquet({Quote(files.PathOf(table))})");
        }
    }

    public override string Name => "DuckDB";

    public override string PhysicalDesign => "the same Parquet files through read_parquet";

    public override void Load(SsbDataFiles files)
    {
    }

    public override long StorageBytes() => 0;

    public override List<object?[]> Run(SsbQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var command = _connection.CreateCommand();
        command.CommandText = query.DuckDbSql;
        using var reader = command.ExecuteReader();
        return RowValues.Of(reader);
    }

    public override void Dispose() => _connection.Dispose();

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
