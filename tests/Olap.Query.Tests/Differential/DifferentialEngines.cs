using System.Text;
using DuckDB.NET.Data;

namespace Olap.Query.Tests.Differential;

/// <summary>
/// Both engines with the same data, loaded once for all differential tests: our database (the fact table in
/// several segments, so scans run over several morsels) with one connection per thread count, and an in-memory
/// DuckDB that loads the same CSV files.
/// </summary>
public sealed class DifferentialEngines : IDisposable
{
    /// <summary>Every query runs with each of these thread counts; the answer must not depend on it.</summary>
    public static readonly int[] ThreadCounts = [1, 2];

    private readonly string _directory;
    private readonly OlapDatabase _olap;
    private readonly OlapSession[] _olapConnections;
    private readonly DuckDBConnection _duckDb;

    public DifferentialEngines()
    {
        _directory = Path.Combine(Path.GetTempPath(), "olap-differential-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        var data = DifferentialData.Write(_directory);
        Tables = data.Tables;

        _olap = OlapDatabase.OpenInMemory();
        _duckDb = new DuckDBConnection("Data Source=:memory:");
        _duckDb.Open();
        using (var load = _olap.Connect())
        {
            foreach (var table in data.Tables)
            {
                var sorted = table.SortKey is null ? string.Empty : $" SORTED BY ({table.SortKey})";
                load.Execute($"CREATE TABLE {table.Name} ({table.Columns}){sorted}");
                RunDuckDb($"CREATE TABLE {table.Name} ({table.Columns})");
                foreach (var file in table.Files)
                {
                    load.Execute($"COPY {table.Name} FROM '{file}' (HEADER true, ALLOW_QUOTED_NULLS false)");

                    // DuckDB reads a quoted "" as NULL unless told otherwise; ours reads it as the empty string.
                    RunDuckDb($"COPY {table.Name} FROM '{file}' (HEADER true, DELIMITER ',', QUOTE '\"', ALLOW_QUOTED_NULLS false)");
                }
            }
        }

        _olapConnections = new OlapSession[ThreadCounts.Length];
        for (var i = 0; i < ThreadCounts.Length; i++)
        {
            _olapConnections[i] = _olap.Connect();
            _olapConnections[i].Execute($"SET threads = {ThreadCounts[i]}");
        }
    }

    internal IReadOnlyList<TableData> Tables { get; }

    /// <summary>Runs a query in DuckDB alone (to check the data or the corpus itself).</summary>
    internal ResultRows QueryDuckDb(string sql)
    {
        using var command = _duckDb.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        return ResultRows.FromDuckDb(reader);
    }

    /// <summary>Runs a query in our engine alone with the given thread count.</summary>
    internal ResultRows QueryOlap(string sql, int threads)
        => ResultRows.FromOlap(_olapConnections[Array.IndexOf(ThreadCounts, threads)].Execute(sql));

    /// <summary>
    /// Runs <paramref name="sql"/> in both engines, ours once per thread count, and returns every difference
    /// (an empty string when all agree). Each one names the seed, the thread count and the SQL.
    /// </summary>
    internal string Differences(string sql, bool ordered)
    {
        ResultRows expected;
        try
        {
            expected = QueryDuckDb(sql);
        }
        catch (DuckDBException e)
        {
            return $"DuckDB rejects the query, so the corpus is wrong (seed {DifferentialData.Seed}):\n  {sql}\n{e.Message}\n";
        }

        var text = new StringBuilder();
        foreach (var threads in ThreadCounts)
        {
            var header = $"seed {DifferentialData.Seed}, threads {threads}, {(ordered ? "ordered" : "rows as a multiset")}:\n  {sql}\n";
            ResultRows actual;
            try
            {
                actual = QueryOlap(sql, threads);
            }
#pragma warning disable CA1031 // Any failure of our engine is a difference to report, with the query that caused it.
            catch (Exception e)
#pragma warning restore CA1031
            {
                text.Append("Olap throws ").Append(e.GetType().Name).Append(", DuckDB answers ")
                    .Append(expected.Rows.Count).Append(" rows (").Append(header).Append(")\n")
                    .AppendLine(e.Message.Trim())
                    .AppendLine(string.Join('\n', (e.StackTrace ?? string.Empty).Split('\n').Take(3)));
                continue;
            }

            var difference = ResultComparer.Difference(actual, expected, ordered);
            if (difference is not null)
            {
                text.Append("Olap and DuckDB differ (").Append(header).Append(")\n").Append(difference);
            }
        }

        return text.ToString();
    }

    private void RunDuckDb(string sql)
    {
        using var command = _duckDb.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        foreach (var connection in _olapConnections)
        {
            connection.Dispose();
        }

        _olap.Dispose();
        _duckDb.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}

/// <summary>The differential tests share one pair of loaded engines and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class DifferentialCollection : ICollectionFixture<DifferentialEngines>
{
    public const string Name = "Differential";
}
