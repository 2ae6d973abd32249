using Olap.Columnar.Format;
using Olap.Columnar.Predicates;
using Olap.Columnar.Tests.Format;
using Olap.Columnar.Text;
using Olap.Columnar.Types;

namespace Olap.Columnar.Tests.Text;

/// <summary>The storage path end to end: dbgen text streams into a native file sorted by the SSB's sort key, and reads back.</summary>
public sealed class SsbToNativeFileTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Lineorder_loads_into_a_file_sorted_by_order_date_whose_zone_maps_prune_a_year()
    {
        var path = _directory.File("lineorder.olap");
        const int orderDate = 5;
        const int revenue = 12;
        long textRows = 0, textRevenue1993 = 0, textRows1993 = 0;
        using (var reader = DelimitedTextReader.Open(SsbTables.DataFile("lineorder.tbl.gz"), SsbTables.Lineorder, new DelimitedTextOptions { Delimiter = '|' }))
        using (var writer = new OlapFileWriter(path, SsbTables.Lineorder, new OlapWriterOptions { SortKey = [new SortKeyColumn(orderDate)] }))
        {
            var chunk = reader.CreateChunk();
            while (reader.ReadChunk(chunk))
            {
                for (var row = 0; row < chunk.Count; row++)
                {
                    var date = chunk.Columns[orderDate].GetValue<int>(row);
                    if (date is >= 19930101 and <= 19931231)
                    {
                        textRows1993++;
                        textRevenue1993 += chunk.Columns[revenue].GetValue<int>(row);
                    }
                }

                textRows += chunk.Count;
                writer.Append(chunk);
            }

            writer.Finish();
        }

        using var file = OlapFileReader.Open(path);
        file.Verify();
        Assert.Equal(600_572, textRows);
        Assert.Equal(textRows, file.RowCount);
        Assert.Equal([new SortKeyColumn(orderDate)], file.SortKey);

        var scan = file.Scan([orderDate, revenue], [new ScanFilter(orderDate, ColumnPredicate.Between(ScalarValue.FromInt64(19930101), ScalarValue.FromInt64(19931231)))]);
        var result = scan.CreateChunk();
        long rows = 0, sum = 0, previous = 0;
        while (scan.Next(result))
        {
            for (var i = 0; i < result.LiveCount; i++)
            {
                var row = result.Selection?[i] ?? i;
                var date = result.Columns[0].GetValue<int>(row);
                Assert.True(date >= previous, "rows come back in sort-key order");
                previous = date;
                sum += result.Columns[1].GetValue<int>(row);
                rows++;
            }
        }

        Assert.Equal(textRows1993, rows);
        Assert.Equal(textRevenue1993, sum);

        // One year of seven spans about a seventh of the row groups, plus the boundary groups.
        Assert.InRange(scan.RowGroupsScanned, 1, (file.RowGroups.Count / 7) + 2);
        Assert.Equal(file.RowGroups.Count, scan.RowGroupsScanned + scan.RowGroupsSkipped);
    }
}
