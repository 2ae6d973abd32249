using Olap.Query.Tests.Database;

namespace Olap.Query.Tests.Engine;

/// <summary>GROUP BY ROLLUP, CUBE, GROUPING SETS and GROUPING(), each checked against DuckDB on the same rows.</summary>
public sealed class GroupingSetsTests : IDisposable
{
    private const string Table = "CREATE TABLE sales (region VARCHAR, city VARCHAR, year INTEGER, amount INTEGER)";

    private const string Rows = """
        INSERT INTO sales VALUES
          ('east', 'boston', 2023, 10), ('east', 'boston', 2024, 20), ('east', 'nyc', 2023, 30), ('east', NULL, 2024, 5),
          ('west', 'la', 2023, 40), ('west', 'la', 2024, 50), ('west', 'sf', 2024, 60), (NULL, 'nowhere', 2023, 1)
        """;

    private readonly DuckDbOracle _duckDb = new();
    private readonly OlapDatabase _database = OlapDatabase.OpenInMemory();
    private readonly OlapSession _session;

    public GroupingSetsTests()
    {
        _session = _database.Connect();
        foreach (var sql in new[] { Table, Rows })
        {
            _session.Execute(sql);
            _duckDb.Execute(sql);
        }
    }

    public void Dispose()
    {
        _session.Dispose();
        _database.Dispose();
        _duckDb.Dispose();
    }

    public static TheoryData<string> Queries =>
    [
        "SELECT region, city, sum(amount), count(*) FROM sales GROUP BY ROLLUP (region, city)",
        "SELECT region, year, sum(amount) FROM sales GROUP BY CUBE (region, year)",
        "SELECT region, city, year, sum(amount) FROM sales GROUP BY GROUPING SETS ((region, city), (year), ())",
        "SELECT region, year, sum(amount), GROUPING(region), GROUPING(year), GROUPING(region, year) FROM sales GROUP BY CUBE (region, year)",
        "SELECT year, region, city, max(amount) FROM sales GROUP BY year, ROLLUP (region, city)",
        "SELECT region, sum(amount) AS total FROM sales GROUP BY ROLLUP (region) HAVING sum(amount) > 50",
        "SELECT region, count(*) FROM sales WHERE year = 2024 GROUP BY GROUPING SETS ((region), ())",
        "SELECT region FROM sales GROUP BY ROLLUP (region)",
        "SELECT upper(region) AS r, sum(amount) FROM sales GROUP BY ROLLUP (region)",
        "SELECT region, sum(amount), GROUPING(region) FROM sales GROUP BY region",
        "SELECT CASE WHEN GROUPING(city) = 1 THEN 'all' ELSE city END AS c, sum(amount) FROM sales GROUP BY ROLLUP (city)",
    ];

    [Theory]
    [MemberData(nameof(Queries))]
    public void The_rows_are_duckdbs(string sql)
    {
        var expected = ResultText.SortedLines(_duckDb.Query(sql));
        Assert.Equal(expected, ResultText.SortedLines(_session.Execute(sql)));
    }

    [Fact]
    public void Order_by_sorts_the_combined_rows()
    {
        const string sql = "SELECT region, city, sum(amount) AS total FROM sales GROUP BY ROLLUP (region, city) ORDER BY region NULLS LAST, city NULLS LAST, total";
        Assert.Equal(_duckDb.Query(sql).Select(r => string.Join("|", r)), ResultText.Lines(_session.Execute(sql)));
    }

    [Fact]
    public void The_grand_total_of_no_rows_is_one_row()
    {
        const string sql = "SELECT region, count(*), sum(amount) FROM sales WHERE year = 1900 GROUP BY ROLLUP (region)";
        Assert.Equal(ResultText.SortedLines(_duckDb.Query(sql)), ResultText.SortedLines(_session.Execute(sql)));
        Assert.Single(ResultText.Lines(_session.Execute(sql)));
    }

    [Fact]
    public void Grouping_of_a_column_that_is_not_grouped_is_an_error_pointing_at_it()
    {
        var error = Assert.Throws<Olap.Query.Binding.BindException>(() => _session.Execute("SELECT GROUPING(amount) FROM sales GROUP BY ROLLUP (region)"));
        Assert.Contains("GROUPING argument amount is not in the GROUP BY", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, error.Position.Line);
    }
}
