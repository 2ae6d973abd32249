using System.Text;
using Olap.Datasets.Ssb;

namespace Olap.Datasets.Tests.Ssb;

/// <summary>CSV holds the same values as .tbl: a header, commas, and quotes around text that contains a comma.</summary>
public sealed class SsbCsvTests
{
    [Fact]
    public void Csv_has_a_header_and_quotes_text_with_commas()
    {
        var generator = new SsbGenerator(0.01);
        var lines = Text(generator, SsbTable.Date, SsbFileFormat.Csv).Split('\n');
        Assert.Equal(string.Join(',', SsbGenerator.Columns(SsbTable.Date)), lines[0]);
        Assert.Equal("19920101,\"January 1, 1992\",Thursday,January,1992,199201,Jan1992,5,1,1,1,1,Winter,0,0,1,1", lines[1]);
    }

    [Theory]
    [InlineData(SsbTable.Lineorder)]
    [InlineData(SsbTable.Customer)]
    [InlineData(SsbTable.Supplier)]
    [InlineData(SsbTable.Part)]
    [InlineData(SsbTable.Date)]
    public void Duckdb_reads_the_csv_back_as_the_tbl_values(SsbTable table)
    {
        var directory = Path.Combine(Path.GetTempPath(), "olap-ssb-csv-" + Guid.NewGuid().ToString("N"));
        try
        {
            var generator = new SsbGenerator(0.01);
            generator.WriteFiles(directory, SsbFileFormat.Csv);
            using var tbl = new SsbDuckDb(t => Tbl(generator, directory, t));
            var name = SsbDuckDb.Quote(SsbGenerator.TableName(table));
            var csv = Path.Combine(directory, SsbGenerator.FileName(table, SsbFileFormat.Csv));
            tbl.Execute($"create table from_csv as select * from {name} limit 0");
            tbl.Execute($"copy from_csv from '{csv}' (header true)");
            Assert.Equal(0, tbl.Scalar($"select count(*) from (select * from from_csv except select * from {name})"));
            Assert.Equal(tbl.Scalar($"select count(*) from {name}"), tbl.Scalar("select count(*) from from_csv"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string Tbl(SsbGenerator generator, string directory, SsbTable table)
    {
        var path = Path.Combine(directory, SsbGenerator.FileName(table, SsbFileFormat.Tbl));
        if (!File.Exists(path))
        {
            generator.WriteTable(table, path, SsbFileFormat.Tbl);
        }

        return path;
    }

    private static string Text(SsbGenerator generator, SsbTable table, SsbFileFormat format)
    {
        using var stream = new MemoryStream();
        generator.WriteTable(table, stream, format);
        return Encoding.ASCII.GetString(stream.ToArray());
    }
}
