namespace Olap.Query.Tests.Engine;

public sealed class EngineSmokeTests
{
    [Fact]
    public void Create_insert_group_and_join()
    {
        using var db = OlapDatabase.OpenInMemory();
        db.Execute("CREATE TABLE t (a INTEGER, b VARCHAR) SORTED BY (a)");
        db.Execute("INSERT INTO t VALUES (1, 'x'), (2, 'y'), (2, 'z'), (3, 'y')");
        var result = db.Execute("SELECT b, count(*), sum(a) FROM t GROUP BY b ORDER BY b");
        Assert.Equal(3, result.RowCount);
        Assert.Equal("x", result.GetValue(0, 0));
        Assert.Equal(1L, result.GetValue(0, 1));
        Assert.Equal((Int128)5, result.GetValue(1, 2));

        db.Execute("CREATE TABLE d (k INTEGER, name VARCHAR)");
        db.Execute("INSERT INTO d VALUES (1, 'one'), (2, 'two')");
        var joined = db.Execute("SELECT name, count(*) FROM t JOIN d ON t.a = d.k WHERE a >= 2 GROUP BY name");
        Assert.Equal(1, joined.RowCount);
        Assert.Equal("two", joined.GetValue(0, 0));
        Assert.Equal(2L, joined.GetValue(0, 1));

        var plan = db.Execute("EXPLAIN SELECT name, count(*) FROM t JOIN d ON t.a = d.k WHERE a >= 2 GROUP BY name");
        var text = string.Join("\n", Enumerable.Range(0, plan.RowCount).Select(r => plan.GetText(r, 0)));
        Assert.Contains("filter: a >= 2", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Join_keys_spread_too_wide_for_an_array_are_hashed_and_still_match()
    {
        using var db = OlapDatabase.OpenInMemory();
        db.Execute("CREATE TABLE f (k BIGINT, v INTEGER); CREATE TABLE d (k BIGINT, name VARCHAR)");
        db.Execute("INSERT INTO f VALUES (1, 10), (1000000000000, 20), (-5000000000000, 30), (7, 40), (NULL, 50)");
        db.Execute("INSERT INTO d VALUES (1, 'one'), (1000000000000, 'trillion'), (-5000000000000, 'minus'), (8, 'eight'), (NULL, 'null')");
        var result = db.Execute("SELECT name, v FROM f JOIN d ON f.k = d.k ORDER BY v");
        Assert.Equal(3, result.RowCount);
        Assert.Equal(["one", "trillion", "minus"], Enumerable.Range(0, 3).Select(r => (string)result.GetValue(r, 0)!));

        var plan = db.Execute("EXPLAIN ANALYZE SELECT name, v FROM f JOIN d ON f.k = d.k");
        Assert.Contains(Enumerable.Range(0, plan.RowCount), r => plan.GetText(r, 0).Contains("hashed, unique keys", StringComparison.Ordinal));
    }

    [Fact]
    public void A_parallel_scan_returns_rows_in_insertion_order()
    {
        using var db = OlapDatabase.OpenInMemory();
        using var connection = db.Connect();
        connection.Execute("CREATE TABLE t (v INTEGER); SET threads = 2");
        var expected = new List<int>();
        for (var segment = 0; segment < 8; segment++)
        {
            var values = Enumerable.Range(segment * 10, 10).Reverse().ToList();
            expected.AddRange(values);
            connection.Execute($"INSERT INTO t VALUES {string.Join(", ", values.Select(v => $"({v})"))}");
        }

        var result = connection.Execute("SELECT v FROM t WHERE v % 3 <> 1");
        var actual = Enumerable.Range(0, result.RowCount).Select(r => (int)result.GetValue(r, 0)!).ToList();
        Assert.Equal(expected.Where(v => v % 3 != 1), actual);
    }
}
