using Olap.Datasets.Ssb;
using Olap.Query;

namespace Olap.Datasets.Tests.Ssb;

/// <summary>The generator's Parquet output: one file per table, the same rows as the .tbl files, lineorder by date.</summary>
public sealed class SsbParquetTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("olap-ssb-parquet-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Parquet_files_hold_the_tables_rows_with_lineorder_sorted_by_date()
    {
        var generator = new SsbGenerator(0.01);
        var counts = generator.WriteParquetFiles(_directory);

        using var database = OlapDatabase.OpenInMemory();
        using var session = database.Connect();
        foreach (var table in SsbGenerator.Tables)
        {
            var path = Path.Combine(_directory, SsbGenerator.TableName(table) + ".parquet");
            Assert.Equal(counts[table], (long)session.Execute($"SELECT count(*) FROM '{path}'").GetValue(0, 0)!);
        }

        var lineorder = Path.Combine(_directory, "lineorder.parquet");
        var dates = session.Execute($"SELECT lo_orderdate FROM '{lineorder}'");
        for (var row = 1; row < dates.RowCount; row++)
        {
            Assert.True((int)dates.GetValue(row - 1, 0)! <= (int)dates.GetValue(row, 0)!, $"row {row} is out of date order");
        }

        var first = generator.Lineorders().First();
        Assert.Equal(1L, (long)session.Execute($"SELECT count(*) FROM '{lineorder}' WHERE lo_orderkey = {first.OrderKey} AND lo_linenumber = 1 AND lo_revenue = {first.Revenue}").GetValue(0, 0)!);
    }
}
