using System.Text.RegularExpressions;

namespace Olap.Query.Tests.Database;

/// <summary>
/// EXPLAIN shows what the scan was asked to do (pushed filters, pruned columns); EXPLAIN ANALYZE adds what happened
/// (rows per operator, row groups skipped by zone maps, runtime filters from joins).
/// </summary>
public sealed partial class ExplainTests : IDisposable
{
    /// <summary>Several row groups of 131,072 rows: 400,000 rows sorted by id in one segment.</summary>
    private const int FactRows = 400_000;

    private readonly TemporaryDirectory _temp = new();
    private readonly OlapDatabase _db;

    public ExplainTests()
    {
        _db = OlapDatabase.Open(_temp.File("db"));
        var csv = _temp.File("facts.csv");
        File.WriteAllLines(csv, ["id,day,amount,note", .. Enumerable.Range(0, 100_000).Select(i => $"{i},{i / 1000},{i % 97},n{i % 5}")]);
        _db.Execute("CREATE TABLE seed (id INTEGER, day INTEGER, amount INTEGER, note VARCHAR)");
        _db.Execute($"COPY seed FROM '{csv}' (HEADER)");
        _db.Execute("CREATE TABLE facts SORTED BY (id) AS SELECT id + copy * 100000 AS id, day + copy * 100 AS day, amount, note FROM seed, (SELECT 0 AS copy UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) AS copies");
        _db.Execute("CREATE TABLE days (day INTEGER, year INTEGER)");
        _db.Execute($"INSERT INTO days VALUES {string.Join(", ", Enumerable.Range(0, 400).Select(d => $"({d}, {1990 + (d / 100)})"))}");
    }

    public void Dispose()
    {
        _db.Dispose();
        _temp.Dispose();
    }

    private string Plan(string sql) => string.Join("\n", ResultText.Column(_db.Execute(sql)));

    private static (long Scanned, long Skipped) RowGroups(string scanLine)
    {
        var match = RowGroupsLine().Match(scanLine);
        Assert.True(match.Success, scanLine);
        return (long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), long.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"row groups: (\d+) scanned, (\d+) skipped")]
    private static partial Regex RowGroupsLine();

    [Fact]
    public void A_top_n_bounds_the_scan_of_its_first_key_and_skips_row_groups()
    {
        using var connection = _db.Connect();
        connection.Execute("SET threads = 1");
        var plan = string.Join("\n", ResultText.Column(connection.Execute("EXPLAIN ANALYZE SELECT id, amount FROM facts ORDER BY id DESC LIMIT 5")));

        // Rows come in storage order (id ascending), so each new row group beats the bound and none is skipped;
        // in the opposite direction the first row group settles the bound and the rest are skipped by zone map.
        Assert.Contains("top-N filter: id >=", plan, StringComparison.Ordinal);
        var ascending = string.Join("\n", ResultText.Column(connection.Execute("EXPLAIN ANALYZE SELECT id, amount FROM facts ORDER BY id LIMIT 5")));
        Assert.Contains("top-N filter: id <= ", ascending, StringComparison.Ordinal);
        var (scanned, skipped) = RowGroups(ascending.Split('\n').First(l => l.Contains("row groups:", StringComparison.Ordinal)));
        Assert.Equal(1, scanned);
        Assert.Equal(3, skipped);

        var top = connection.Execute("SELECT id FROM facts ORDER BY id LIMIT 5");
        Assert.Equal(["0", "1", "2", "3", "4"], ResultText.Column(top));
    }

    [Fact]
    public void The_fact_table_has_several_row_groups()
    {
        Assert.Equal(FactRows.ToString(System.Globalization.CultureInfo.InvariantCulture), _db.Execute("SELECT count(*) FROM facts").GetText(0, 0));
        var (scanned, skipped) = RowGroups(Plan("EXPLAIN ANALYZE SELECT count(*) FROM facts"));
        Assert.Equal(4, scanned);
        Assert.Equal(0, skipped);
    }

    [Fact]
    public void Explain_shows_filters_pushed_into_the_scan_and_the_columns_it_reads()
    {
        var plan = Plan("EXPLAIN SELECT id, amount FROM facts WHERE amount > 50 AND note = 'n1'");

        Assert.Contains("filter: amount > 50", plan, StringComparison.Ordinal);
        Assert.Contains("filter: note = 'n1'", plan, StringComparison.Ordinal);
        Assert.Contains("columns: id, amount (2 of 4)", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("rows", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("row groups", plan, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_of_a_filtered_count_reads_one_column()
    {
        var plan = Plan("EXPLAIN SELECT count(*) FROM facts WHERE day = 3");

        Assert.Contains("(1 of 4)", plan, StringComparison.Ordinal);
        Assert.Contains("filter: day = 3", plan, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_analyze_shows_rows_per_operator()
    {
        var plan = Plan("EXPLAIN ANALYZE SELECT note, count(*) FROM facts WHERE amount = 0 GROUP BY note");

        var expectedScanRows = Enumerable.Range(0, 100_000).Count(i => i % 97 == 0) * 4;
        Assert.Contains($"SCAN  [{expectedScanRows:N0} rows", plan, StringComparison.Ordinal);
        Assert.Matches(@"HASH_GROUP_BY  \[5 rows", plan);
        Assert.Contains("total: 5 rows", plan, StringComparison.Ordinal);
    }

    [Fact]
    public void A_range_on_the_sort_key_skips_row_groups()
    {
        var plan = Plan("EXPLAIN ANALYZE SELECT sum(amount) FROM facts WHERE id BETWEEN 150000 AND 160000");

        var (scanned, skipped) = RowGroups(plan);
        Assert.Equal(1, scanned);
        Assert.Equal(3, skipped);
        Assert.Contains("SCAN  [10,001 rows", plan, StringComparison.Ordinal);
    }

    [Fact]
    public void A_filter_on_a_column_the_table_is_not_sorted_by_skips_nothing()
    {
        var (scanned, skipped) = RowGroups(Plan("EXPLAIN ANALYZE SELECT count(*) FROM facts WHERE amount = 5"));

        Assert.Equal(4, scanned);
        Assert.Equal(0, skipped);
    }

    [Fact]
    public void A_filtered_dimension_becomes_a_runtime_filter_on_the_fact_scan()
    {
        var plan = Plan("EXPLAIN ANALYZE SELECT count(*) FROM facts JOIN days ON facts.day = days.day WHERE days.year = 1990");

        Assert.Contains("runtime filter: day BETWEEN 0 AND 99", plan, StringComparison.Ordinal);
        var factScan = plan[plan.IndexOf("facts", StringComparison.Ordinal)..];
        var (_, skipped) = RowGroups(factScan);
        Assert.True(skipped > 0, plan);
        Assert.Equal("100000", _db.Execute("SELECT count(*) FROM facts JOIN days ON facts.day = days.day WHERE days.year = 1990").GetText(0, 0));
    }

    [Fact]
    public void A_left_join_puts_no_runtime_filter_on_the_preserved_side()
    {
        var sql = "SELECT count(*), count(year) FROM facts LEFT JOIN days ON facts.day = days.day AND days.year = 1991";
        var plan = Plan("EXPLAIN ANALYZE " + sql);

        Assert.DoesNotContain("runtime filter", plan, StringComparison.Ordinal);
        Assert.Equal(["400000|100000"], ResultText.Lines(_db.Execute(sql)));
    }
}
