using System.Diagnostics;
using Olap.Columnar.Format;
using Olap.Columnar.Text;
using Xunit.Abstractions;

namespace Olap.Columnar.Tests.Text;

/// <summary>The five tables of the shared dbgen SF 0.1 output load straight from their gzip files.</summary>
public sealed class SsbLoadTests(ITestOutputHelper output)
{
    private static readonly DelimitedTextOptions s_dbgen = new() { Delimiter = '|' };

    [Fact]
    public void Lineorder_loads_every_row_with_its_values()
    {
        var stopwatch = Stopwatch.StartNew();
        var table = Load("lineorder.tbl.gz", SsbTables.Lineorder, revenueColumn: 12);
        stopwatch.Stop();
        output.WriteLine(
            $"lineorder.tbl.gz: {table.Rows:N0} rows in {stopwatch.Elapsed.TotalMilliseconds:F0} ms = {table.Rows / stopwatch.Elapsed.TotalSeconds / 1e6:F1} M rows/s (rough: first run, JIT included)");

        Assert.Equal(600_572, table.Rows);
        Assert.Equal("1|1|739|15519|83|19960102|5-LOW|0|17|2438667|19402955|4|2341120|86070|2|19960212|TRUCK", table.First);
        Assert.Equal("600000|2|485|12916|13|19980303|3-MEDIUM|0|1|182891|1027902|3|177404|109734|0|19980524|RAIL", table.Last);
        Assert.Equal(2_053_506_977_113, table.Sum); // sum(lo_revenue), computed from the gzip with a script
        Assert.Equal(0, table.Nulls);
    }

    [Fact]
    public void Customer_loads_every_row()
    {
        var table = Load("customer.tbl.gz", SsbTables.Customer);
        Assert.Equal(3_000, table.Rows);
        Assert.Equal("1|Customer#000000001|j5JsirBM9P|MOROCCO  9|MOROCCO|AFRICA|25-989-741-2988|BUILDING", table.First);
        Assert.Equal("3000|Customer#000003000|,5Yw1O|EGYPT    0|EGYPT|MIDDLE EAST|14-645-615-5901|FURNITURE", table.Last);
    }

    [Fact]
    public void Supplier_loads_every_row()
    {
        var table = Load("supplier.tbl.gz", SsbTables.Supplier);
        Assert.Equal(200, table.Rows);
        Assert.Equal("1|Supplier#000000001|sdrGnXCDRcfriBvY0KL,i|PERU     9|PERU|AMERICA|27-989-741-2988", table.First);
        Assert.Equal("200|Supplier#000000200|fdAQLE5VY6hwvxG|IRAQ     8|IRAQ|MIDDLE EAST|21-472-302-4189", table.Last);
    }

    [Fact]
    public void Part_loads_every_row()
    {
        var table = Load("part.tbl.gz", SsbTables.Part, revenueColumn: 7);
        Assert.Equal(20_000, table.Rows);
        Assert.Equal("1|lace spring|MFGR#1|MFGR#11|MFGR#1121|goldenrod|PROMO BURNISHED COPPER|7|JUMBO PKG", table.First);
        Assert.Equal("20000|salmon ivory|MFGR#2|MFGR#25|MFGR#2538|royal|STANDARD BURNISHED NICKEL|48|SM JAR", table.Last);
        Assert.Equal(507_335, table.Sum); // sum(p_size)
    }

    [Fact]
    public void Date_loads_every_day_with_flags_as_booleans()
    {
        var table = Load("date.tbl.gz", SsbTables.Date);
        Assert.Equal(2_557, table.Rows);
        Assert.Equal("19920101|January 1, 1992|Thursday|January|1992|199201|Jan1992|5|1|1|1|1|Winter|false|false|true|true", table.First);
        Assert.Equal("19981231|December 31, 1998|Friday|December|1998|199812|Dec1998|6|31|365|12|53|Christmas|false|true|false|true", table.Last);
    }

    /// <summary>Streams a file and keeps only its row count, first and last rows, NULL count and one column's sum.</summary>
    private static LoadedTable Load(string name, ColumnDefinition[] columns, int revenueColumn = 0)
    {
        using var reader = DelimitedTextReader.Open(SsbTables.DataFile(name), columns, s_dbgen);
        var chunk = reader.CreateChunk();
        long rows = 0;
        long sum = 0;
        long nulls = 0;
        string? first = null;
        string? last = null;
        while (reader.ReadChunk(chunk))
        {
            first ??= string.Join('|', TextRows.Render(chunk, 0));
            last = string.Join('|', TextRows.Render(chunk, chunk.Count - 1));
            rows += chunk.Count;
            foreach (var value in chunk.Columns[revenueColumn].Values<int>()[..chunk.Count])
            {
                sum += value;
            }

            foreach (var column in chunk.Columns)
            {
                nulls += column.Validity.AllValid ? 0 : 1;
            }
        }

        Assert.Equal(rows, reader.RowsRead);
        return new LoadedTable(rows, first, last, sum, nulls);
    }

    private sealed record LoadedTable(long Rows, string? First, string? Last, long Sum, long Nulls);
}
