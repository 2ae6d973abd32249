namespace Olap.Query.Tests.Engine;

/// <summary>COPY FROM loads dbgen's .tbl output as it is: pipe-delimited, a trailing '|', gzip, no header.</summary>
public sealed class SsbCopyTests(SsbDatabase ssb) : IClassFixture<SsbDatabase>
{
    [Theory]
    [InlineData("lineorder", 600_572)]
    [InlineData("customer", 3_000)]
    [InlineData("supplier", 200)]
    [InlineData("part", 20_000)]
    [InlineData("date", 2_557)]
    public void Every_row_of_the_shared_sf01_files_is_loaded(string table, long rows)
    {
        var result = ssb.Database.Execute($"SELECT count(*) FROM {table}");
        Assert.Equal(rows, result.GetValue(0, 0));
    }

    [Fact]
    public void Values_survive_the_load()
    {
        // Sums computed from the gzip files with a script.
        Assert.Equal((Int128)2_053_506_977_113, ssb.Database.Execute("SELECT sum(lo_revenue) FROM lineorder").GetValue(0, 0));
        Assert.Equal((Int128)507_335, ssb.Database.Execute("SELECT sum(p_size) FROM part").GetValue(0, 0));

        var first = ssb.Database.Execute("SELECT d_datekey, d_date, d_sellingseason, d_holidayfl FROM date ORDER BY d_datekey LIMIT 1");
        Assert.Equal(19920101, first.GetValue(0, 0));
        Assert.Equal("January 1, 1992", first.GetValue(0, 1));
        Assert.Equal("Winter", first.GetValue(0, 2));
        Assert.Equal(true, first.GetValue(0, 3));

        var last = ssb.Database.Execute("SELECT lo_orderkey, lo_orderpriority, lo_shipmode FROM lineorder WHERE lo_orderkey = 600000 AND lo_linenumber = 2");
        Assert.Equal(1, last.RowCount);
        Assert.Equal("3-MEDIUM", last.GetValue(0, 1));
        Assert.Equal("RAIL", last.GetValue(0, 2));
    }

    [Fact]
    public void The_fact_table_is_stored_in_order_date_order_so_a_year_skips_row_groups()
    {
        var plan = ssb.Database.Execute("EXPLAIN ANALYZE SELECT count(*) FROM lineorder WHERE lo_orderdate BETWEEN 19930101 AND 19931231");
        var text = string.Join('\n', Enumerable.Range(0, plan.RowCount).Select(r => plan.GetText(r, 0)));
        Assert.Contains("lo_orderdate >= 19930101", text, StringComparison.Ordinal);
        Assert.Matches(@"row groups: \d+ scanned, [1-9]\d* skipped", text);
    }
}
