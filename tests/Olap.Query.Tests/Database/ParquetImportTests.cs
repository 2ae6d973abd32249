using Olap.Query.Catalog;
using ParquetSharp;

namespace Olap.Query.Tests.Database;

/// <summary>A Parquet file's flat columns load into a table with the matching types, NULLs kept; what cannot be read is named.</summary>
public sealed class ParquetImportTests : IDisposable
{
    private readonly TemporaryDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>Every supported type, optional (with NULLs) and required, over two row groups.</summary>
    internal static void WriteSample(string path)
    {
        Column[] columns =
        [
            new Column<int>("id"),
            new Column<int?>("qty"),
            new Column<long?>("big"),
            new Column<double?>("ratio"),
            new Column<float>("f"),
            new Column<bool?>("flag"),
            new Column<string>("name"),
            new Column<decimal?>("price", LogicalType.Decimal(12, 2)),
            new Column<Date?>("day"),
            new Column<DateTime?>("at", LogicalType.Timestamp(isAdjustedToUtc: false, TimeUnit.Micros)),
        ];
        using var file = new ParquetFileWriter(path, columns);
        for (var group = 0; group < 2; group++)
        {
            using var rowGroup = file.AppendRowGroup();
            var ids = Enumerable.Range(group * 3, 3).ToArray();
            using (var w = rowGroup.NextColumn().LogicalWriter<int>()) { w.WriteBatch(ids); }
            using (var w = rowGroup.NextColumn().LogicalWriter<int?>()) { w.WriteBatch(ids.Select(i => i == 1 ? (int?)null : i * 10).ToArray()); }
            using (var w = rowGroup.NextColumn().LogicalWriter<long?>()) { w.WriteBatch(ids.Select(i => (long?)(i * 10_000_000_000L)).ToArray()); }
            using (var w = rowGroup.NextColumn().LogicalWriter<double?>()) { w.WriteBatch(ids.Select(i => i == 2 ? (double?)null : i / 4.0).ToArray()); }
            using (var w = rowGroup.NextColumn().LogicalWriter<float>()) { w.WriteBatch(ids.Select(i => i + 0.5f).ToArray()); }
            using (var w = rowGroup.NextColumn().LogicalWriter<bool?>()) { w.WriteBatch(ids.Select(i => (bool?)(i % 2 == 0)).ToArray()); }
            using (var w = rowGroup.NextColumn().LogicalWriter<string>()) { w.WriteBatch(ids.Select(i => i == 4 ? null! : $"n{i} é").ToArray()); }
            using (var w = rowGroup.NextColumn().LogicalWriter<decimal?>()) { w.WriteBatch(ids.Select(i => (decimal?)(i * 1.25m)).ToArray()); }
            using (var w = rowGroup.NextColumn().LogicalWriter<Date?>()) { w.WriteBatch(ids.Select(i => (Date?)new Date(2024, 1, 1 + i)).ToArray()); }
            using (var w = rowGroup.NextColumn().LogicalWriter<DateTime?>()) { w.WriteBatch(ids.Select(i => (DateTime?)new DateTime(2024, 5, 6, 7, 8, i, DateTimeKind.Unspecified)).ToArray()); }
        }

        file.Close();
    }

    [Fact]
    public void Every_supported_type_loads_with_its_values_and_NULLs()
    {
        var path = _temp.File("sample.parquet");
        WriteSample(path);
        using var db = OlapDatabase.OpenInMemory();
        using var connection = db.Connect();

        Assert.Equal(6, ParquetImport.LoadAsTable(connection, "sample", path));

        Assert.Equal(
            [
                "id|INTEGER", "qty|INTEGER", "big|BIGINT", "ratio|DOUBLE", "f|DOUBLE", "flag|BOOLEAN", "name|VARCHAR",
                "price|DECIMAL(12,2)", "day|DATE", "at|TIMESTAMP",
            ],
            ResultText.Rows(connection.Execute("DESCRIBE sample")).Select(r => r[0] + "|" + r[1]));
        Assert.Equal(
            [
                "0|0|0|0|0.5|true|n0 é|0.00|2024-01-01|2024-05-06 07:08:00",
                "1|NULL|10000000000|0.25|1.5|false|n1 é|1.25|2024-01-02|2024-05-06 07:08:01",
                "2|20|20000000000|NULL|2.5|true|n2 é|2.50|2024-01-03|2024-05-06 07:08:02",
                "3|30|30000000000|0.75|3.5|false|n3 é|3.75|2024-01-04|2024-05-06 07:08:03",
                "4|40|40000000000|1|4.5|true|NULL|5.00|2024-01-05|2024-05-06 07:08:04",
                "5|50|50000000000|1.25|5.5|false|n5 é|6.25|2024-01-06|2024-05-06 07:08:05",
            ],
            ResultText.Lines(connection.Execute("SELECT * FROM sample ORDER BY id")));
    }

    [Fact]
    public void A_file_that_is_not_Parquet_is_named_in_the_error()
    {
        var path = _temp.File("broken.parquet");
        File.WriteAllBytes(path, [0x50, 0x41, 0x52, 0x31, 0, 0]);
        using var db = OlapDatabase.OpenInMemory();
        using var connection = db.Connect();

        var error = Assert.Throws<QueryException>(() => ParquetImport.LoadAsTable(connection, "broken", path));

        Assert.Contains("broken.parquet", error.Message, StringComparison.Ordinal);
        Assert.Contains("not a readable Parquet file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unsupported_column_type_is_named()
    {
        // TIME has no Olap type (unsigned integers, once refused here, now load as the next wider signed type).
        var path = _temp.File("time.parquet");
        using (var file = new ParquetFileWriter(path, [new Column<TimeSpan>("counter")]))
        {
            using var rowGroup = file.AppendRowGroup();
            using (var w = rowGroup.NextColumn().LogicalWriter<TimeSpan>()) { w.WriteBatch([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)]); }
            file.Close();
        }

        var error = Assert.Throws<QueryException>(() => ParquetImport.ReadSchema(path));

        Assert.Contains("column counter", error.Message, StringComparison.Ordinal);
        Assert.Contains("not supported", error.Message, StringComparison.Ordinal);
    }
}
