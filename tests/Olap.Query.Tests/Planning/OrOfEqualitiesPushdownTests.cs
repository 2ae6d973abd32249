namespace Olap.Query.Tests.Planning;

/// <summary>
/// An OR of equalities on one column (SSB's <c>p_mfgr = 'MFGR#1' OR p_mfgr = 'MFGR#2'</c>) is an IN list, which the
/// scan evaluates on encoded data; anything else under the OR stays a filter above the scan.
/// </summary>
public sealed class OrOfEqualitiesPushdownTests : IDisposable
{
    private readonly OlapDatabase _db = OlapDatabase.OpenInMemory();

    public OrOfEqualitiesPushdownTests()
    {
        _db.Execute("CREATE TABLE t (a INTEGER, b VARCHAR, c INTEGER)");
        _db.Execute("INSERT INTO t VALUES (1, 'x', 10), (2, 'y', 20), (3, 'z', 30), (NULL, NULL, 40), (2, 'x', NULL)");
    }

    public void Dispose() => _db.Dispose();

    private string Plan(string sql)
    {
        var plan = _db.Execute("EXPLAIN " + sql);
        return string.Join("\n", Enumerable.Range(0, plan.RowCount).Select(r => plan.GetText(r, 0)));
    }

    private List<string> Rows(string sql)
    {
        var result = _db.Execute(sql);
        return [.. Enumerable.Range(0, result.RowCount).Select(r => string.Join("|", Enumerable.Range(0, result.Columns.Count).Select(c => result.GetText(r, c))))];
    }

    [Fact]
    public void Equalities_on_one_string_column_become_an_IN_filter_in_the_scan()
    {
        const string sql = "SELECT c FROM t WHERE b = 'x' OR b = 'z' ORDER BY c";

        var plan = Plan(sql);

        Assert.Contains("filter: b IN ('x', 'z')", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("FILTER", plan, StringComparison.Ordinal);
        Assert.Equal(["10", "30", "NULL"], Rows(sql));
    }

    [Fact]
    public void Nested_ORs_and_IN_lists_on_the_same_column_merge_into_one_list()
    {
        const string sql = "SELECT c FROM t WHERE (a = 1 OR a IN (3, 7)) OR 2 = a ORDER BY c";

        Assert.Contains("filter: a IN (1, 3, 7, 2)", Plan(sql), StringComparison.Ordinal);
        Assert.Equal(["10", "20", "30", "NULL"], Rows(sql));
    }

    [Fact]
    public void An_OR_over_two_columns_or_with_another_comparison_stays_above_the_scan()
    {
        const string twoColumns = "SELECT c FROM t WHERE a = 1 OR b = 'y' ORDER BY c";
        const string range = "SELECT c FROM t WHERE a = 1 OR a > 2 ORDER BY c";

        Assert.Contains("FILTER", Plan(twoColumns), StringComparison.Ordinal);
        Assert.Contains("FILTER", Plan(range), StringComparison.Ordinal);
        Assert.Equal(["10", "20"], Rows(twoColumns));
        Assert.Equal(["10", "30"], Rows(range));
    }
}
