using Olap.Columnar.Format;
using Olap.Columnar.Types;

namespace Olap.Cli.Tests;

public sealed class InspectCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("olap-inspect-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Inspect_shows_schema_sort_key_and_each_chunks_encoding_and_zone_map()
    {
        var path = Path.Combine(_directory, "orders.olap");
        var columns = new[] { new ColumnDefinition("orderdate", ColumnType.Date), new ColumnDefinition("region", ColumnType.Varchar) };
        using (var writer = new OlapFileWriter(path, columns, new OlapWriterOptions { SortKey = [new SortKeyColumn(0)] }))
        {
            for (var i = 0; i < 5000; i++)
            {
                writer.AppendRow(ScalarValue.FromInt64(8035 + (i / 100)), ScalarValue.FromString(i % 2 == 0 ? "ASIA" : "EUROPE"));
            }

            writer.Finish();
        }

        var output = new StringWriter();
        var error = new StringWriter();

        var exitCode = InspectCommand.Run(path, output, error);

        Assert.Equal(0, exitCode);
        var text = output.ToString();
        Assert.Contains("5000 rows in 1 row groups", text, StringComparison.Ordinal);
        Assert.Contains("orderdate DATE", text, StringComparison.Ordinal);
        Assert.Contains("sorted by: orderdate", text, StringComparison.Ordinal);
        Assert.Contains("min 1992-01-01", text, StringComparison.Ordinal);
        Assert.Contains("RunLength", text, StringComparison.Ordinal);
        Assert.Empty(error.ToString());
    }

    [Fact]
    public void Inspect_of_a_file_that_is_not_olap_says_so_and_fails()
    {
        var path = Path.Combine(_directory, "notes.txt");
        File.WriteAllText(path, new string('x', 200));
        var error = new StringWriter();

        var exitCode = InspectCommand.Run(path, new StringWriter(), error);

        Assert.Equal(1, exitCode);
        Assert.Contains("not an Olap file", error.ToString(), StringComparison.Ordinal);
        Assert.Contains(path, error.ToString(), StringComparison.Ordinal);
    }
}
