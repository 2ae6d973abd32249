namespace Olap.Query.Tests.Database;

/// <summary>SET threads changes how a query runs, never what it returns: 1, 2 and 4 workers agree on a table of many segments.</summary>
public sealed class ThreadCountTests : IDisposable
{
    private readonly TemporaryDirectory _temp = new();
    private readonly OlapDatabase _db;

    public ThreadCountTests()
    {
        _db = OlapDatabase.Open(_temp.File("db"));
        _db.Execute("CREATE TABLE facts (id INTEGER, k INTEGER, g VARCHAR, amount BIGINT) SORTED BY (id)");
        for (var part = 0; part < 3; part++)
        {
            var csv = _temp.File($"part{part}.csv");
            File.WriteAllLines(csv, ["id,k,g,amount", .. Enumerable.Range(part * 70_000, 70_000).Select(Row)]);
            _db.Execute($"COPY facts FROM '{csv}' (HEADER)");
        }

        _db.Execute($"INSERT INTO facts VALUES {string.Join(", ", Enumerable.Range(210_000, 500).Select(i => $"({i}, NULL, NULL, {i})"))}");
        _db.Execute("INSERT INTO facts SELECT id + 300000, k, g, amount * 2 FROM facts WHERE id % 3 = 0");
        _db.Execute("CREATE TABLE dims (k INTEGER, label VARCHAR)");
        _db.Execute($"INSERT INTO dims VALUES {string.Join(", ", Enumerable.Range(0, 120).Select(k => $"({k}, 'label{k % 40}')"))}, (5, 'duplicate five')");
    }

    private static string Row(int i) => $"{i},{(i * 31) % 101},g{(i * 17) % 23},{((long)i * i) % 1_000_003}";

    public void Dispose()
    {
        _db.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public void The_table_spans_several_segments()
    {
        Assert.True(DirectoryState.SegmentFiles(_db.Path).Count >= 5);
        Assert.Equal((210_500 + 70_167).ToString(System.Globalization.CultureInfo.InvariantCulture), _db.Execute("SELECT count(*) FROM facts").GetText(0, 0));
    }

    [Theory]
    [InlineData("SELECT count(*), sum(amount), min(amount), max(amount), count(k), count(DISTINCT g) FROM facts")]
    [InlineData("SELECT g, count(*), sum(amount), min(id), max(id) FROM facts GROUP BY g")]
    [InlineData("SELECT k, g, count(*), sum(amount) FROM facts GROUP BY k, g")]
    [InlineData("SELECT DISTINCT g FROM facts")]
    [InlineData("SELECT DISTINCT k % 7, g FROM facts")]
    [InlineData("SELECT label, count(*), sum(amount) FROM facts JOIN dims ON facts.k = dims.k GROUP BY label")]
    [InlineData("SELECT facts.k, count(*), count(label) FROM facts LEFT JOIN dims ON facts.k = dims.k WHERE id % 5 = 0 GROUP BY facts.k")]
    [InlineData("SELECT id, amount FROM facts WHERE id % 997 = 0 ORDER BY amount DESC, id")]
    [InlineData("SELECT id, g, amount FROM facts ORDER BY amount DESC, id LIMIT 50")]
    [InlineData("SELECT id, g, amount FROM facts ORDER BY g NULLS FIRST, amount, id LIMIT 30 OFFSET 100")]
    [InlineData("SELECT id FROM facts WHERE id BETWEEN 69990 AND 70010 OR id > 350000 ORDER BY id")]
    public void One_two_and_four_threads_give_the_same_result(string sql)
    {
        var ordered = sql.Contains("ORDER BY", StringComparison.Ordinal);
        List<string>? expected = null;
        foreach (var threads in new[] { 1, 2, 4 })
        {
            using var connection = _db.Connect();
            connection.Execute($"SET threads = {threads}");
            Assert.Equal(threads, connection.Threads);
            var result = connection.Execute(sql);
            var lines = ordered ? ResultText.Lines(result) : ResultText.SortedLines(result);
            Assert.NotEmpty(lines);
            if (expected is null)
            {
                expected = lines;
            }
            else
            {
                Assert.Equal(expected, lines);
            }
        }
    }

    [Fact]
    public void Four_threads_agree_with_duckdb_on_an_aggregate_over_a_join()
    {
        const string Sql = "SELECT label, count(*), sum(amount), min(g) FROM facts JOIN dims ON facts.k = dims.k WHERE id % 4 = 1 GROUP BY label";
        using var connection = _db.Connect();
        connection.Execute("SET threads = 4");
        var actual = ResultText.SortedLines(connection.Execute(Sql));

        using var duck = new Engine.DuckDbOracle();
        duck.Execute("CREATE TABLE facts (id INTEGER, k INTEGER, g VARCHAR, amount BIGINT)");
        duck.Execute("CREATE TABLE dims (k INTEGER, label VARCHAR)");
        duck.Execute($"INSERT INTO facts SELECT * FROM read_csv('{_temp.Path}/part*.csv', header = true, columns = {{'id': 'INTEGER', 'k': 'INTEGER', 'g': 'VARCHAR', 'amount': 'BIGINT'}})");
        duck.Execute("INSERT INTO facts SELECT range, NULL, NULL, range FROM range(210000, 210500)");
        duck.Execute("INSERT INTO facts SELECT id + 300000, k, g, amount * 2 FROM facts WHERE id % 3 = 0");
        duck.Execute("INSERT INTO dims SELECT range, 'label' || (range % 40) FROM range(0, 120)");
        duck.Execute("INSERT INTO dims VALUES (5, 'duplicate five')");

        Assert.Equal(ResultText.SortedLines(duck.Query(Sql)), actual);
    }
}
