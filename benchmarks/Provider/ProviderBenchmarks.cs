using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using DuckDB.NET.Data;
using Olap.Data;

namespace Olap.Benchmarks.Provider;

/// <summary>
/// The .NET library's bulk paths, Olap against DuckDB.NET in the same process: appending narrow integer rows
/// (two columns, committed) and reading rows through a data reader with typed getters. One operation is one row,
/// so the Mvalues/s column is millions of rows per second.
/// <c>dotnet run -c Release --project benchmarks -- --filter '*ProviderBenchmarks*'</c>
/// </summary>
[Config(typeof(RowThroughputConfig))]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 7)]
public class ProviderBenchmarks : IDisposable
{
    private const int AppendRows = 2_000_000;
    private const int ReadRows = 10_000_000;

    private OlapConnection _olap = null!;
    private DuckDBConnection _duckDb = null!;
    private int _table;

    [GlobalSetup]
    public void Setup()
    {
        _olap = new OlapConnection("Data Source=:memory:;Threads=2");
        _olap.Open();
        _duckDb = new DuckDBConnection("DataSource=:memory:");
        _duckDb.Open();
        Execute(_duckDb, "SET threads = 2");
        Execute(_duckDb, $"CREATE TABLE wide AS SELECT i::INTEGER AS a, (i * 3)::BIGINT AS b FROM range({ReadRows}) r(i)");
        new OlapCommand("CREATE TABLE wide (a INTEGER, b BIGINT)", _olap).ExecuteNonQuery();
        using var appender = _olap.CreateAppender("wide");
        for (var i = 0; i < ReadRows; i++)
        {
            appender.Append(i).Append(i * 3L).EndRow();
        }

        appender.Commit();
    }

    [GlobalCleanup]
    public void Cleanup() => Dispose();

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _olap?.Dispose();
            _duckDb?.Dispose();
        }
    }

    [IterationSetup(Targets = [nameof(OlapAppender), nameof(DuckDbAppender)])]
    public void NewTables()
    {
        _table++;
        new OlapCommand($"CREATE TABLE t{_table} (a INTEGER, b BIGINT)", _olap).ExecuteNonQuery();
        Execute(_duckDb, $"CREATE TABLE t{_table} (a INTEGER, b BIGINT)");
    }

    [IterationCleanup(Targets = [nameof(OlapAppender), nameof(DuckDbAppender)])]
    public void DropTables()
    {
        new OlapCommand($"DROP TABLE t{_table}", _olap).ExecuteNonQuery();
        Execute(_duckDb, $"DROP TABLE t{_table}");
    }

    [Benchmark(OperationsPerInvoke = AppendRows)]
    public long OlapAppender()
    {
        using var appender = _olap.CreateAppender($"t{_table}");
        for (var i = 0; i < AppendRows; i++)
        {
            appender.Append(i).Append(i * 7L).EndRow();
        }

        return appender.Commit();
    }

    [Benchmark(OperationsPerInvoke = AppendRows)]
    public void DuckDbAppender()
    {
        using var appender = _duckDb.CreateAppender($"t{_table}");
        for (var i = 0; i < AppendRows; i++)
        {
            appender.CreateRow().AppendValue(i).AppendValue(i * 7L).EndRow();
        }
    }

    [Benchmark(OperationsPerInvoke = ReadRows)]
    public long OlapReader()
    {
        using var reader = new OlapCommand("SELECT a, b FROM wide", _olap).ExecuteReader();
        long sum = 0;
        while (reader.Read())
        {
            sum += reader.GetInt32(0) + reader.GetInt64(1);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = ReadRows)]
    public long DuckDbReader()
    {
        using var command = _duckDb.CreateCommand();
        command.CommandText = "SELECT a, b FROM wide";
        using var reader = command.ExecuteReader();
        long sum = 0;
        while (reader.Read())
        {
            sum += reader.GetInt32(0) + reader.GetInt64(1);
        }

        return sum;
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

/// <summary>Rows per second (one operation is one row of 12 bytes: an INTEGER and a BIGINT).</summary>
internal sealed class RowThroughputConfig : BenchmarkDotNet.Configs.ManualConfig
{
    public RowThroughputConfig() => AddColumn(new ThroughputColumn(bytes: false, bytesPerValue: 12));
}
