using Olap.Datasets.Ssb;
using Olap.Query;

namespace Olap.Datasets.Tests.Ssb;

/// <summary>The olap format: a database directory with the SSB schema, loaded through COPY.</summary>
public sealed class SsbDatabaseTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "olap-ssb-db-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Generating_into_a_database_loads_every_table_with_its_row_count_and_the_sort_key()
    {
        var generator = new SsbGenerator(0.01);
        var counts = generator.WriteDatabase(_directory);

        using var database = OlapDatabase.Open(_directory);
        foreach (var table in SsbGenerator.Tables)
        {
            var result = database.Execute($"SELECT count(*) FROM {SsbGenerator.TableName(table)}");
            Assert.Equal(counts[table], Convert.ToInt64(result.GetValue(0, 0), System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.Equal(generator.Lineorders().LongCount(), counts[SsbTable.Lineorder]);
        Assert.Equal(300, counts[SsbTable.Customer]);
        var describe = database.Execute("DESCRIBE lineorder");
        var text = string.Join("\n", Enumerable.Range(0, describe.RowCount).Select(r => string.Join(" ", Enumerable.Range(0, describe.Columns.Count).Select(c => describe.GetText(r, c)))));
        Assert.Contains("lo_orderdate", text, StringComparison.Ordinal);
        Assert.Contains("sort", text, StringComparison.OrdinalIgnoreCase);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
