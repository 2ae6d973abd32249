using Apache.Arrow;

namespace Olap.Query.Tests.Database;

/// <summary>
/// A connection reuses the optimized plan of a query it ran before, but never past a change: a write to the
/// database, another cube setting, other parameter values or a newly registered table give the new answer.
/// </summary>
public sealed class PlanCacheTests : IDisposable
{
    private readonly OlapDatabase _database = OlapDatabase.OpenInMemory();
    private readonly OlapSession _session;

    public PlanCacheTests()
    {
        _session = _database.Connect();
        _session.ExecuteScript("CREATE TABLE t (k INTEGER, v INTEGER); INSERT INTO t VALUES (1, 10), (2, 20)");
    }

    public void Dispose()
    {
        _session.Dispose();
        _database.Dispose();
    }

    private string Sum(string sql, IReadOnlyList<QueryParameter>? parameters = null)
        => (parameters is null ? _session.Execute(sql) : _session.ExecuteScript(sql, parameters)[^1]).GetText(0, 0);

    [Fact]
    public void A_repeated_query_sees_every_write_in_between()
    {
        const string query = "SELECT sum(v) FROM t";
        Assert.Equal("30", Sum(query));
        Assert.Equal("30", Sum(query));
        _session.Execute("INSERT INTO t VALUES (3, 30)");
        Assert.Equal("60", Sum(query));

        // Another connection's write too.
        using (var other = _database.Connect())
        {
            other.Execute("INSERT INTO t VALUES (4, 40)");
        }

        Assert.Equal("100", Sum(query));
        _session.ExecuteScript("DROP TABLE t; CREATE TABLE t (k INTEGER, v INTEGER); INSERT INTO t VALUES (9, 1)");
        Assert.Equal("1", Sum(query));
    }

    [Fact]
    public void Parameters_are_bound_anew_each_time()
    {
        const string query = "SELECT sum(v) FROM t WHERE k = $1";
        Assert.Equal("10", Sum(query, [new QueryParameter(null, 1)]));
        Assert.Equal("20", Sum(query, [new QueryParameter(null, 2)]));
    }

    [Fact]
    public void A_registered_table_that_shadows_a_stored_one_is_seen_at_once()
    {
        const string query = "SELECT sum(v) FROM t";
        Assert.Equal("30", Sum(query));
        var schema = new Schema.Builder().Field(f => f.Name("k").DataType(Apache.Arrow.Types.Int32Type.Default)).Field(f => f.Name("v").DataType(Apache.Arrow.Types.Int32Type.Default)).Build();
        var batch = new RecordBatch(schema, [new Int32Array.Builder().Append(1).Build(), new Int32Array.Builder().Append(5).Build()], 1);
        _session.RegisterArrow("t", schema, [batch]);
        Assert.Equal("5", Sum(query));
        _session.Unregister("t");
        Assert.Equal("30", Sum(query));
    }

    [Fact]
    public void Turning_cubes_off_and_on_changes_the_plan_of_the_same_text()
    {
        _session.Execute("CREATE MATERIALIZED VIEW by_k AS SELECT k, sum(v) AS total FROM t GROUP BY k");
        const string explain = "EXPLAIN SELECT k, sum(v) FROM t GROUP BY k";
        const string query = "SELECT sum(v) FROM t WHERE k = 2";
        Assert.Equal("20", Sum(query));
        Assert.Contains("CUBE SCAN", string.Join('\n', ResultText.Column(_session.Execute(explain))), StringComparison.Ordinal);
        _session.Execute("SET use_cubes = false");
        Assert.DoesNotContain("CUBE SCAN", string.Join('\n', ResultText.Column(_session.Execute(explain))), StringComparison.Ordinal);
        Assert.Equal("20", Sum(query));
        _session.Execute("SET use_cubes = true");
        Assert.Contains("CUBE SCAN", string.Join('\n', ResultText.Column(_session.Execute(explain))), StringComparison.Ordinal);
    }
}
