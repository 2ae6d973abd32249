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
}
