using Olap.Datasets.Ssb;
using Olap.Query;

namespace Olap.Datasets.Tests.Ssb;

/// <summary>
/// The olap format: a database directory with the SSB schema; lineorder is appended straight from the generator,
/// the dimensions go through COPY.
/// </summary>
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

    [Fact]
    public void Lineorder_appended_from_the_generator_holds_the_same_rows_as_its_tbl_text_and_is_stored_in_date_order()
    {
        var generator = new SsbGenerator(0.01) { Workers = 2 };
        generator.WriteDatabase(_directory);
        var text = Path.Combine(_directory + "-text", "lineorder.tbl");
        Directory.CreateDirectory(Path.GetDirectoryName(text)!);
        generator.WriteTable(SsbTable.Lineorder, text, SsbFileFormat.Tbl);

        using var database = OlapDatabase.Open(_directory);
        database.Execute("CREATE TABLE from_text AS SELECT * FROM lineorder LIMIT 0");
        database.Execute($"COPY from_text FROM '{text}' (DELIMITER '|')");
        const string everyColumn = "SELECT * FROM {0} ORDER BY lo_orderkey, lo_linenumber";
        var appended = Rows(database.Execute(string.Format(System.Globalization.CultureInfo.InvariantCulture, everyColumn, "lineorder")));
        var copied = Rows(database.Execute(string.Format(System.Globalization.CultureInfo.InvariantCulture, everyColumn, "from_text")));
        Assert.Equal(copied.Count, appended.Count);
        Assert.Equal(copied, appended);

        // Storage order (a plain scan returns rows in it) follows the sort key.
        var dates = database.Execute("SELECT lo_orderdate FROM lineorder");
        for (var row = 1; row < dates.RowCount; row++)
        {
            Assert.True(string.CompareOrdinal(dates.GetText(row - 1, 0), dates.GetText(row, 0)) <= 0, $"row {row} is out of date order");
        }

        Directory.Delete(Path.GetDirectoryName(text)!, recursive: true);
    }

    private static List<string> Rows(QueryResult result)
        => [.. Enumerable.Range(0, result.RowCount).Select(r => string.Join("|", Enumerable.Range(0, result.Columns.Count).Select(c => result.GetText(r, c))))];

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
