using Olap.Benchmarks.Ssb;

namespace Olap.Benchmarks.Tests;

/// <summary>The thirteen queries come from benchmarks/ssb/queries; only DuckDB's copy quotes the date table.</summary>
public sealed class SsbQueryTests
{
    [Fact]
    public void The_thirteen_queries_are_embedded_in_flight_order()
    {
        Assert.Equal(
            ["Q1.1", "Q1.2", "Q1.3", "Q2.1", "Q2.2", "Q2.3", "Q3.1", "Q3.2", "Q3.3", "Q3.4", "Q4.1", "Q4.2", "Q4.3"],
            SsbQuery.All.Select(q => q.Name));
    }

    [Fact]
    public void The_queries_are_the_repository_files_unchanged()
    {
        var file = Path.Combine(RepositoryFiles.Root, "benchmarks", "ssb", "queries", "q2.1.sql");

        Assert.Equal(File.ReadAllText(file), SsbQuery.All.Single(q => q.Name == "Q2.1").Sql);
    }

    [Fact]
    public void DuckDB_gets_the_date_table_quoted_and_the_d_date_columns_untouched()
    {
        var sql = "select d_year from lineorder, date where lo_orderdate = d_datekey and d_date = 'x';\nfrom date, customer";

        Assert.Equal(
            "select d_year from lineorder, \"date\" where lo_orderdate = d_datekey and d_date = 'x';\nfrom \"date\", customer",
            SsbQuery.DuckDbText(sql));
    }
}
