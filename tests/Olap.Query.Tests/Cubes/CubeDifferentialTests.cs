using System.Globalization;
using System.Text;
using DuckDB.NET.Data;
using Olap.Query.Tests.Differential;

namespace Olap.Query.Tests.Cubes;

/// <summary>
/// Never a wrong answer from a cube: random aggregate queries (<see cref="CubeQueries"/>) run in our engine with
/// cubes and without them, and in DuckDB, on the same data; all three must agree. Then rows are appended to the fact
/// table and to a dimension (the cubes follow incrementally) and the queries run again.
/// </summary>
public sealed class CubeDifferentialTests : IClassFixture<CubeDifferentialTests.Engines>
{
    private readonly Engines _engines;

    public CubeDifferentialTests(Engines engines) => _engines = engines;

    /// <summary>The differential data in both engines, with the cubes built in ours.</summary>
    public sealed class Engines : IDisposable
    {
        private readonly string _directory = Path.Combine(Path.GetTempPath(), "olap-cube-differential-" + Guid.NewGuid().ToString("N"));

        public Engines()
        {
            Directory.CreateDirectory(_directory);
            var data = DifferentialData.Write(_directory);
            Olap = OlapDatabase.OpenInMemory();
            Session = Olap.Connect();
            DuckDb = new DuckDBConnection("Data Source=:memory:");
            DuckDb.Open();
            foreach (var table in data.Tables)
            {
                Session.Execute($"CREATE TABLE {table.Name} ({table.Columns})");
                DuckDbExecute($"CREATE TABLE {table.Name} ({table.Columns})");

                // The last sales file is held back, to be appended once the cubes exist.
                var files = table.Name == "sales" ? table.Files.Take(table.Files.Count - 1) : table.Files;
                foreach (var file in files)
                {
                    Load(table.Name, file);
                }
            }

            HeldBackSales = data.Tables.Single(t => t.Name == "sales").Files[^1];
            foreach (var definition in CubeQueries.Definitions)
            {
                Session.Execute(definition);
            }
        }

        public OlapDatabase Olap { get; }

        public OlapSession Session { get; }

        public DuckDBConnection DuckDb { get; }

        public string HeldBackSales { get; }

        public bool Appended { get; private set; }

        /// <summary>Appends the held-back sales file and a few customers to both engines (once).</summary>
        public void Append()
        {
            if (Appended)
            {
                return;
            }

            Load("sales", HeldBackSales);
            const string customers = "INSERT INTO customer VALUES (9001, 'Customer#late', 'ASIA', 'JAPAN', 'BUILDING', DATE '2021-01-01', true), (9002, NULL, 'EUROPE', 'FRANCE', NULL, NULL, false)";
            Session.Execute(customers);
            DuckDbExecute(customers);
            const string sales = "INSERT INTO sales (id, cust_id, prod_id, store_id, qty, amount, price, channel, sale_date, returned) VALUES (90001, 9001, 1000000001, 1, 7, 12.50, 3.5, 'web', DATE '2022-02-02', false), (90002, 9002, 1000000002, 2, NULL, NULL, NULL, NULL, NULL, NULL)";
            Session.Execute(sales);
            DuckDbExecute(sales);
            Appended = true;
        }

        private void Load(string table, string file)
        {
            Session.Execute($"COPY {table} FROM '{file}' (HEADER true, ALLOW_QUOTED_NULLS false)");
            DuckDbExecute($"COPY {table} FROM '{file}' (HEADER true, DELIMITER ',', QUOTE '\"', ALLOW_QUOTED_NULLS false)");
        }

        private void DuckDbExecute(string sql)
        {
            using var command = DuckDb.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }

        internal ResultRows QueryDuckDb(string sql)
        {
            using var command = DuckDb.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            return ResultRows.FromDuckDb(reader);
        }

        public void Dispose()
        {
            Session.Dispose();
            Olap.Dispose();
            DuckDb.Dispose();
            Directory.Delete(_directory, recursive: true);
        }
    }

    public static IReadOnlyList<string> Queries { get; } = CubeQueries.Generate(CubeQueries.Seed, CubeQueries.Count);

    [Fact]
    public void Random_queries_answer_the_same_with_cubes_without_them_and_in_duckdb()
    {
        var answered = CheckAll(out var failures);
        Assert.True(failures.Length == 0, failures.ToString());

        // The corpus must exercise the rewrite, and its misses must fall back.
        Assert.True(answered > Queries.Count / 2, $"only {answered} of {Queries.Count} queries were answered from a cube");
        Assert.True(answered < Queries.Count, "every query was answered from a cube: the misses did not miss");
    }

    [Fact]
    public void After_appends_to_the_fact_table_and_a_dimension_the_cubes_still_answer_correctly()
    {
        _engines.Append();
        var answered = CheckAll(out var failures);
        Assert.True(failures.Length == 0, failures.ToString());
        Assert.True(answered > Queries.Count / 2, $"only {answered} of {Queries.Count} queries were answered from a cube after the appends");
    }

    [Fact]
    public void The_corpus_is_the_same_in_every_run()
    {
        Assert.Equal(Queries, CubeQueries.Generate(CubeQueries.Seed, CubeQueries.Count));
        Assert.Equal(CubeQueries.Count, Queries.Distinct(StringComparer.Ordinal).Count());
    }

    /// <summary>Runs every query three ways; returns how many a cube answered and writes every disagreement to <paramref name="failures"/>.</summary>
    private int CheckAll(out StringBuilder failures)
    {
        failures = new StringBuilder();
        var answered = 0;
        var session = _engines.Session;
        lock (_engines)
        {
            for (var i = 0; i < Queries.Count; i++)
            {
                var sql = Queries[i];
                var expected = _engines.QueryDuckDb(sql);
                session.Execute("SET use_cubes = true");
                var plan = string.Join('\n', Enumerable.Range(0, 1).SelectMany(_ => ResultLines(session.Execute("EXPLAIN " + sql))));
                if (plan.Contains("CUBE SCAN", StringComparison.Ordinal))
                {
                    answered++;
                }

                foreach (var useCubes in new[] { true, false })
                {
                    session.Execute($"SET use_cubes = {(useCubes ? "true" : "false")}");
                    var difference = ResultComparer.Difference(ResultRows.FromOlap(session.Execute(sql)), expected, ordered: false);
                    if (difference is not null)
                    {
                        failures.Append(CultureInfo.InvariantCulture, $"query {i} of seed {CubeQueries.Seed}, cubes {(useCubes ? "on" : "off")}:\n  {sql}\n{difference}\n{(useCubes ? plan + "\n" : string.Empty)}");
                    }
                }
            }

            session.Execute("SET use_cubes = true");
        }

        return answered;
    }

    private static IEnumerable<string> ResultLines(QueryResult result) => Enumerable.Range(0, result.RowCount).Select(r => result.GetText(r, 0));
}
