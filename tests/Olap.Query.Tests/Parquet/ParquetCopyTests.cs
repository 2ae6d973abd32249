using Olap.Query.Tests.Database;
using Olap.Query.Tests.Engine;

namespace Olap.Query.Tests.Parquet;

/// <summary>COPY to and from Parquet: what Olap writes DuckDB reads (and Olap reads back), with its options and errors.</summary>
public sealed class ParquetCopyTests : IDisposable
{
    private readonly TemporaryDirectory _temp = new();
    private readonly DuckDbOracle _duckDb = new();
    private readonly OlapDatabase _database = OlapDatabase.OpenInMemory();
    private readonly OlapSession _session;

    public ParquetCopyTests()
    {
        _session = _database.Connect();
        _session.Execute("CREATE TABLE every (id INTEGER, b BOOLEAN, s SMALLINT, l BIGINT, d DOUBLE, m4 DECIMAL(4,1), m9 DECIMAL(9,2), m18 DECIMAL(18,4), v VARCHAR, day DATE, ts TIMESTAMP)");
        _session.Execute("""
            INSERT INTO every VALUES
              (1, true, -3, 10000000000, 0.25, 12.5, 1234567.89, 12345678901234.5678, 'één', DATE '1969-07-20', TIMESTAMP '1969-07-20 20:17:40.123456'),
              (2, false, 32000, -5, -1e300, -0.1, 0.01, -0.0001, '', DATE '2024-02-29', TIMESTAMP '2024-02-29 23:59:59'),
              (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
              (4, true, 0, 0, 3.5, 0.0, 5.00, 7, 'a|b,"c"', DATE '2000-01-01', TIMESTAMP '2000-01-01 00:00:00')
            """);
    }

    public void Dispose()
    {
        _session.Dispose();
        _database.Dispose();
        _duckDb.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public void What_olap_writes_duckdb_reads_with_every_type_and_null()
    {
        var path = _temp.File("every.parquet");
        Assert.Equal(4, _session.Execute($"COPY every TO '{path}'").RowsAffected);

        var olap = ResultText.Lines(_session.Execute("SELECT * FROM every ORDER BY id"));
        // The oracle prints a midnight TIMESTAMP as a date; DuckDB's own text of it is compared instead.
        var duckDb = _duckDb.Query($"SELECT * REPLACE (ts::VARCHAR AS ts) FROM '{path}' ORDER BY id").Select(r => string.Join("|", r)).ToList();
        Assert.Equal(olap.Select(Normalize), duckDb.Select(Normalize));
        Assert.Equal(
            ["id|INTEGER", "b|BOOLEAN", "s|SMALLINT", "l|BIGINT", "d|DOUBLE", "m4|DECIMAL(4,1)", "m9|DECIMAL(9,2)", "m18|DECIMAL(18,4)", "v|VARCHAR", "day|DATE", "ts|TIMESTAMP"],
            _duckDb.Query($"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM '{path}')").Select(r => string.Join("|", r)));
    }

    [Fact]
    public void A_written_file_reads_back_in_place_and_loads_with_copy_from()
    {
        var path = _temp.File("every.parquet");
        _session.Execute($"COPY (SELECT * FROM every) TO '{path}' (FORMAT parquet)");
        Assert.Equal(ResultText.Lines(_session.Execute("SELECT * FROM every ORDER BY id")), ResultText.Lines(_session.Execute($"SELECT * FROM '{path}' ORDER BY id")));

        _session.Execute("CREATE TABLE copy_of (id INTEGER, b BOOLEAN, s SMALLINT, l BIGINT, d DOUBLE, m4 DECIMAL(4,1), m9 DECIMAL(9,2), m18 DECIMAL(18,4), v VARCHAR, day DATE, ts TIMESTAMP)");
        Assert.Equal(4, _session.Execute($"COPY copy_of FROM '{path}'").RowsAffected);
        Assert.Equal(ResultText.Lines(_session.Execute("SELECT * FROM every ORDER BY id")), ResultText.Lines(_session.Execute("SELECT * FROM copy_of ORDER BY id")));
    }

    [Fact]
    public void Copy_from_reads_duckdb_files_casting_to_the_table_columns()
    {
        var path = _temp.File("duck.parquet");
        _duckDb.Execute($"COPY (SELECT i AS k, i * 1.5 AS v, 'x' || i AS name FROM range(5000) r(i)) TO '{path}' (FORMAT parquet)");
        _session.Execute("CREATE TABLE t (k INTEGER, v DOUBLE, name VARCHAR)");

        Assert.Equal(5000, _session.Execute($"COPY t FROM '{path}'").RowsAffected);
        Assert.Equal(["5000|18746250|x999"], ResultText.Lines(_session.Execute("SELECT count(*), sum(v), max(name) FROM t")));
    }

    [Fact]
    public void Compression_and_row_group_size_reach_the_file()
    {
        var path = _temp.File("zstd.parquet");
        _session.Execute($"COPY (SELECT id, v FROM every) TO '{path}' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 3)");

        Assert.Equal([["ZSTD"]], _duckDb.Query($"SELECT DISTINCT compression FROM parquet_metadata('{path}')"));
        Assert.Equal([["2"]], _duckDb.Query($"SELECT count(DISTINCT row_group_id) FROM parquet_metadata('{path}')"));
    }

    [Fact]
    public void Partition_by_writes_hive_folders_that_duckdb_and_olap_read_back()
    {
        _session.Execute("CREATE TABLE sales (id INTEGER, year INTEGER, region VARCHAR, amount BIGINT)");
        _session.Execute("INSERT INTO sales SELECT id, 2020 + id % 3, CASE WHEN id % 2 = 0 THEN 'eu' ELSE 'us' END, id * 10 FROM (SELECT id FROM every UNION ALL SELECT id + 10 FROM every UNION ALL SELECT id + 20 FROM every) x");
        _session.Execute("INSERT INTO sales VALUES (99, NULL, 'eu', 1)");
        var folder = Path.Combine(_temp.Path, "sales");

        Assert.Equal(13, _session.Execute($"COPY sales TO '{folder}' (FORMAT parquet, PARTITION_BY (year, region))").RowsAffected);

        Assert.True(File.Exists(Path.Combine(folder, "year=2021", "region=us", "data_0.parquet")));
        Assert.True(File.Exists(Path.Combine(folder, "year=__HIVE_DEFAULT_PARTITION__", "region=eu", "data_0.parquet")));
        var expected = ResultText.Lines(_session.Execute("SELECT year, region, count(*), sum(amount) FROM sales GROUP BY year, region ORDER BY year NULLS FIRST, region"));
        var duckDb = _duckDb.Query($"SELECT year, region, count(*), sum(amount) FROM read_parquet('{folder}/**/*.parquet', hive_partitioning = true) GROUP BY year, region ORDER BY year NULLS FIRST, region");
        Assert.Equal(expected, duckDb.Select(r => string.Join("|", r)));
        Assert.Equal(expected, ResultText.Lines(_session.Execute($"SELECT year, region, count(*), sum(amount) FROM read_parquet('{folder}/**/*.parquet', hive_partitioning = true) GROUP BY year, region ORDER BY year NULLS FIRST, region")));
    }

    [Fact]
    public void A_failed_copy_leaves_no_file_behind()
    {
        var path = _temp.File("never.parquet");
        Assert.ThrowsAny<Exception>(() => _session.Execute($"COPY (SELECT CAST(v AS INTEGER) FROM every) TO '{path}'"));

        Assert.Empty(Directory.GetFiles(_temp.Path));
    }

    [Fact]
    public void Bad_options_and_mismatched_files_are_refused_with_the_reason()
    {
        var folder = Path.Combine(_temp.Path, "full");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "keep.txt"), "x");
        Assert.Contains("not empty", Assert.Throws<Olap.Query.Binding.BindException>(() => _session.Execute($"COPY every TO '{folder}' (FORMAT parquet, PARTITION_BY (id))")).Message, StringComparison.Ordinal);
        Assert.Contains("PARTITION_BY column nosuch", Assert.Throws<Olap.Query.Binding.BindException>(() => _session.Execute($"COPY every TO '{_temp.File("p")}' (FORMAT parquet, PARTITION_BY (nosuch))")).Message, StringComparison.Ordinal);
        Assert.Contains("COMPRESSION lzma is not supported", Assert.Throws<Olap.Query.Binding.BindException>(() => _session.Execute($"COPY every TO '{_temp.File("c.parquet")}' (COMPRESSION lzma)")).Message, StringComparison.Ordinal);
        Assert.Contains("options for writing Parquet", Assert.Throws<Olap.Query.Binding.BindException>(() => _session.Execute($"COPY every TO '{_temp.File("c.csv")}' (ROW_GROUP_SIZE 5)")).Message, StringComparison.Ordinal);

        var path = _temp.File("two.parquet");
        _duckDb.Execute($"COPY (SELECT 1 AS a, 2 AS b) TO '{path}' (FORMAT parquet)");
        Assert.Contains("has 2 columns", Assert.Throws<Olap.Query.Binding.BindException>(() => _session.Execute($"COPY every FROM '{path}'")).Message, StringComparison.Ordinal);
        Assert.Equal(["4"], ResultText.Lines(_session.Execute("SELECT count(*) FROM every")));
    }

    private static string Normalize(string line) =>
        string.Join("|", line.Split('|').Select(v => System.Text.RegularExpressions.Regex.IsMatch(v, @"^-?\d+\.\d+$") ? v.TrimEnd('0').TrimEnd('.') : v));
}
