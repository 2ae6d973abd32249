using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;
using Microsoft.Data.Sqlite;
using Olap.Data;
using Olap.Query;

namespace Olap.Benchmarks.Writes;

/// <summary>
/// <c>inserts</c>: durable writes side by side. Single-row INSERTs, each its own acknowledged, durable statement, as
/// parameterized commands through each engine's ADO.NET provider, from one connection and from several at once:
/// Olap (write log flushed per statement), DuckDB (a database file; its WAL is flushed at each commit) and SQLite
/// (WAL mode, synchronous=FULL, so each commit is flushed). Then bulk appends through each engine's appender or
/// batch, committed durably; then Olap's query time over a table whose write buffer is full against the same rows
/// merged into segments. Engines alternate, each figure is the median of the repetitions.
/// </summary>
internal static class InsertBenchmark
{
    public static int Run(string[] args, TextWriter output)
    {
        var rows = BenchmarkOptions.Int(args, "--rows", 1000);
        var connections = BenchmarkOptions.Int(args, "--connections", 4);
        var repetitions = BenchmarkOptions.Int(args, "--runs", 3);
        var bulkRows = BenchmarkOptions.Int(args, "--bulk-rows", 5_000_000);
        var folder = Path.Combine(Path.GetTempPath(), $"olap-inserts-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            output.WriteLine($"# Durable inserts ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {repetitions} runs, medians)");
            output.WriteLine();
            output.WriteLine("| workload | Olap rows/s | DuckDB rows/s | SQLite (WAL) rows/s | Olap / DuckDB |");
            output.WriteLine("|---|---:|---:|---:|---:|");
            Row(output, $"single-row INSERTs, 1 connection ({rows} rows)", Medians(repetitions, folder, (engine, path) => SingleRows(engine, path, rows, 1)));
            Row(output, $"single-row INSERTs, {connections} connections ({rows} rows each)", Medians(repetitions, folder, (engine, path) => SingleRows(engine, path, rows, connections)));
            Row(output, $"bulk append, committed ({bulkRows:N0} rows)", Medians(repetitions, folder, (engine, path) => Bulk(engine, path, bulkRows)));
            output.WriteLine();
            BufferedQuery(output, folder, repetitions);
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private enum Engine
    {
        Olap,
        DuckDb,
        Sqlite,
    }

    private static void Row(TextWriter output, string workload, double[] rates)
        => output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {workload} | {rates[0]:N0} | {rates[1]:N0} | {rates[2]:N0} | {rates[0] / rates[1]:F2} |"));

    /// <summary>Rows per second for each engine, median over the repetitions, engines taking turns in each.</summary>
    private static double[] Medians(int repetitions, string folder, Func<Engine, string, double> measure)
    {
        var samples = new List<double>[3];
        for (var e = 0; e < 3; e++)
        {
            samples[e] = [];
        }

        for (var run = 0; run < repetitions; run++)
        {
            foreach (var engine in Enum.GetValues<Engine>())
            {
                var path = Path.Combine(folder, $"{engine}-{Guid.NewGuid():N}");
                samples[(int)engine].Add(measure(engine, path));
            }
        }

        return [.. samples.Select(s => s.Order().ElementAt(s.Count / 2))];
    }

    private static DbConnection Connect(Engine engine, string path) => engine switch
    {
        Engine.Olap => new OlapConnection($"Data Source={path}"),
        Engine.DuckDb => new DuckDBConnection($"Data Source={path}.duckdb"),
        _ => new SqliteConnection($"Data Source={path}.sqlite;Pooling=false"),
    };

    private static void Execute(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static DbConnection Open(Engine engine, string path)
    {
        var connection = Connect(engine, path);
        connection.Open();
        if (engine == Engine.Sqlite)
        {
            Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
        }

        return connection;
    }

    private static double SingleRows(Engine engine, string path, int rows, int connections)
    {
        using (var setup = Open(engine, path))
        {
            Execute(setup, "CREATE TABLE t (id INTEGER, name VARCHAR, amount DOUBLE)");
        }

        var opened = Enumerable.Range(0, connections).Select(_ => Open(engine, path)).ToList();
        try
        {
            var placeholder = engine == Engine.Olap ? "$" : engine == Engine.DuckDb ? "$" : "$p";
            var started = Stopwatch.StartNew();
            Parallel.For(0, connections, new ParallelOptions { MaxDegreeOfParallelism = connections }, c =>
            {
                using var command = opened[c].CreateCommand();
                command.CommandText = engine == Engine.Sqlite ? "INSERT INTO t VALUES ($p1, $p2, $p3)" : "INSERT INTO t VALUES ($1, $2, $3)";
                var id = command.CreateParameter();
                var name = command.CreateParameter();
                var amount = command.CreateParameter();
                foreach (var (parameter, index) in new[] { (id, 1), (name, 2), (amount, 3) })
                {
                    parameter.ParameterName = engine == Engine.Sqlite ? $"{placeholder}{index}" : index.ToString(CultureInfo.InvariantCulture);
                    command.Parameters.Add(parameter);
                }

                for (var i = 0; i < rows; i++)
                {
                    id.Value = (c * rows) + i;
                    name.Value = "name " + i.ToString(CultureInfo.InvariantCulture);
                    amount.Value = i * 0.25;
                    command.ExecuteNonQuery();
                }
            });
            var seconds = started.Elapsed.TotalSeconds;
            using var count = opened[0].CreateCommand();
            count.CommandText = "SELECT count(*) FROM t";
            var stored = Convert.ToInt64(count.ExecuteScalar(), CultureInfo.InvariantCulture);
            if (stored != (long)rows * connections)
            {
                throw new InvalidOperationException($"{engine} stored {stored} rows, not {rows * connections}");
            }

            return rows * connections / seconds;
        }
        finally
        {
            foreach (var connection in opened)
            {
                connection.Dispose();
            }

        }
    }

    private static double Bulk(Engine engine, string path, int rows)
    {
        if (engine == Engine.Olap)
        {
            using var database = OlapDatabase.Open(path);
            database.Execute("CREATE TABLE t (id INTEGER, name VARCHAR, amount DOUBLE)");
            using var session = database.Connect();
            var started = Stopwatch.StartNew();
            using var appender = session.CreateAppender("t");
            var chunk = appender.CreateChunk();
            for (var start = 0; start < rows; start += chunk.Capacity)
            {
                var count = Math.Min(chunk.Capacity, rows - start);
                var ids = chunk.Columns[0].PrepareFlat<int>(count);
                var amounts = chunk.Columns[2].PrepareFlat<double>(count);
                var names = new Olap.Columnar.Vectors.ColumnBuilder(Olap.Columnar.Types.ColumnType.Varchar, count);
                for (var i = 0; i < count; i++)
                {
                    ids[i] = start + i;
                    amounts[i] = i * 0.25;
                    names.AppendString("name " + (i % 1000).ToString(CultureInfo.InvariantCulture));
                }

                names.ViewInto(chunk.Columns[1]);
                chunk.SetCount(count);
                appender.Append(chunk);
            }

            appender.Commit();
            return rows / started.Elapsed.TotalSeconds;
        }

        using var connection = Open(engine, path);
        Execute(connection, "CREATE TABLE t (id INTEGER, name VARCHAR, amount DOUBLE)");
        var timer = Stopwatch.StartNew();
        if (engine == Engine.DuckDb)
        {
            using (var appender = ((DuckDBConnection)connection).CreateAppender("t"))
            {
                for (var i = 0; i < rows; i++)
                {
                    appender.CreateRow().AppendValue(i).AppendValue("name " + (i % 1000).ToString(CultureInfo.InvariantCulture)).AppendValue(i * 0.25).EndRow();
                }
            }

            Execute(connection, "CHECKPOINT");
        }
        else
        {
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO t VALUES ($a, $b, $c)";
            var a = command.CreateParameter();
            a.ParameterName = "$a";
            var b = command.CreateParameter();
            b.ParameterName = "$b";
            var c = command.CreateParameter();
            c.ParameterName = "$c";
            command.Parameters.Add(a);
            command.Parameters.Add(b);
            command.Parameters.Add(c);
            command.Prepare();
            for (var i = 0; i < rows; i++)
            {
                a.Value = i;
                b.Value = "name " + (i % 1000).ToString(CultureInfo.InvariantCulture);
                c.Value = i * 0.25;
                command.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        return rows / timer.Elapsed.TotalSeconds;
    }

    /// <summary>Olap's query time over 1M rows in segments plus a full write buffer, against the same rows merged.</summary>
    private static void BufferedQuery(TextWriter output, string folder, int repetitions)
    {
        using var database = OlapDatabase.Open(Path.Combine(folder, "buffered"));
        database.AutoMerge = false;
        database.Execute("CREATE TABLE t (id INTEGER, grp VARCHAR, amount DOUBLE) SORTED BY (id)");
        database.Execute("CREATE TABLE seed (i INTEGER)");
        database.Execute("INSERT INTO seed VALUES " + string.Join(", ", Enumerable.Range(0, 1000).Select(i => $"({i})")));
        database.Execute("INSERT INTO t SELECT a.i * 1000 + b.i, 'g' || (b.i % 10), b.i * 0.5 FROM seed a, seed b");
        database.Execute("DROP TABLE seed");
        var buffered = database.WriteBufferRows - 1;
        using (var session = database.Connect())
        {
            for (var start = 0; start < buffered; start += 1000)
            {
                var values = string.Join(", ", Enumerable.Range(start, Math.Min(1000, buffered - start)).Select(i => string.Create(CultureInfo.InvariantCulture, $"({2_000_000 + i}, 'g{i % 10}', {i * 0.5})")));
                session.Execute("INSERT INTO t VALUES " + values);
            }
        }

        string[] queries =
        [
            "SELECT count(*), sum(amount) FROM t",
            "SELECT grp, count(*), avg(amount) FROM t GROUP BY grp",
            "SELECT count(*) FROM t WHERE id BETWEEN 500000 AND 2050000 AND grp = 'g3'",
        ];
        var withBuffer = queries.Select(q => Median(database, q, repetitions * 5)).ToArray();
        database.Execute("CHECKPOINT");
        database.AutoMerge = true;
        database.Execute("CREATE TABLE trigger_merge (x INTEGER)");
        database.WaitForMerges();
        var merged = queries.Select(q => Median(database, q, repetitions * 5)).ToArray();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Queries over 1,000,000 rows in a segment plus {buffered:N0} in the write buffer, then the same rows checkpointed and merged:"));
        output.WriteLine();
        output.WriteLine("| query | with a full buffer ms | merged ms | ratio |");
        output.WriteLine("|---|---:|---:|---:|");
        for (var q = 0; q < queries.Length; q++)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| `{queries[q]}` | {withBuffer[q]:F2} | {merged[q]:F2} | {withBuffer[q] / merged[q]:F2} |"));
        }
    }

    private static double Median(OlapDatabase database, string sql, int runs)
    {
        using var session = database.Connect();
        session.Execute(sql);
        var times = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            var started = Stopwatch.StartNew();
            session.Execute(sql);
            times.Add(started.Elapsed.TotalMilliseconds);
        }

        return times.Order().ElementAt(times.Count / 2);
    }
}
