using Olap.Columnar.Types;
using Olap.Columnar.Vectors;
using Olap.Query.Binding;
using Olap.Query.Tests.Database;
using Olap.Query.Tests.Engine;

namespace Olap.Query.Tests.Cubes;

/// <summary>
/// CREATE / DROP / REFRESH MATERIALIZED VIEW: what a cube stores, how it is listed and described, what it refuses,
/// that it survives a reopen, and that appends keep it equal to its definition run on the tables.
/// </summary>
public sealed class MaterializedViewTests : IDisposable
{
    private const string Schema = """
        CREATE TABLE region (r_id INTEGER, r_name VARCHAR, r_zone VARCHAR);
        CREATE TABLE sales (s_region INTEGER, s_year INTEGER, s_month INTEGER, s_amount DECIMAL(12,2), s_qty INTEGER, s_note VARCHAR);
        INSERT INTO region VALUES (1, 'north', 'a'), (2, 'south', 'a'), (3, 'east', 'b'), (4, 'west', NULL);
        INSERT INTO sales VALUES
          (1, 2023, 1, 10.50, 3, 'x'), (1, 2023, 2, 20.25, NULL, NULL), (2, 2023, 1, 5.00, 1, 'y'),
          (2, 2024, 3, 7.75, 2, 'x'), (3, 2024, 3, NULL, 4, 'z'), (4, 2024, 12, 100.00, 10, NULL),
          (4, 2023, 12, 1.00, 1, 'x'), (5, 2024, 1, 3.00, 3, 'orphan');
        """;

    private const string Cube = """
        CREATE MATERIALIZED VIEW by_region AS
        SELECT r_zone, r_name, s_year, s_month, sum(s_amount) AS amount, count(*) AS n, count(s_qty) AS qty_rows,
               min(s_qty) AS least, max(s_amount) AS most, avg(s_qty) AS mean_qty
        FROM sales JOIN region ON s_region = r_id
        GROUP BY r_zone, r_name, s_year, s_month
        """;

    private readonly TemporaryDirectory _directory = new();
    private readonly DuckDbOracle _duckDb = new();
    private OlapDatabase _database;
    private OlapSession _session;

    public MaterializedViewTests()
    {
        _database = OlapDatabase.Open(_directory.File("db"));
        _session = _database.Connect();
        _session.ExecuteScript(Schema);
        _duckDb.Execute(Schema);
    }

    public void Dispose()
    {
        _session.Dispose();
        _database.Dispose();
        _duckDb.Dispose();
        _directory.Dispose();
    }

    private List<string> Olap(string sql) => ResultText.SortedLines(_session.Execute(sql));

    /// <summary>Our rows of <paramref name="ours"/> are DuckDB's rows of <paramref name="theirs"/> (numbers by value).</summary>
    private void AssertSameRows(string theirs, string ours)
    {
        var difference = Differential.ResultComparer.Difference(Differential.ResultRows.FromOlap(_session.Execute(ours)), _duckDb.Rows(theirs), ordered: false);
        Assert.True(difference is null, difference);
    }

    private const string Definition = """
        SELECT r_zone, r_name, s_year, s_month, sum(s_amount) AS amount, count(*) AS n, count(s_qty) AS qty_rows,
               min(s_qty) AS least, max(s_amount) AS most, avg(s_qty) AS mean_qty
        FROM sales JOIN region ON s_region = r_id
        GROUP BY r_zone, r_name, s_year, s_month
        """;

    [Fact]
    public void A_materialized_view_holds_the_rows_of_its_query()
    {
        _session.Execute(Cube);
        AssertSameRows(Definition, "SELECT * FROM by_region");
    }

    [Fact]
    public void It_is_listed_and_described_with_its_own_columns_only()
    {
        _session.Execute(Cube);
        Assert.Contains("by_region", ResultText.Column(_session.Execute("SHOW TABLES")));
        var described = ResultText.Column(_session.Execute("DESCRIBE by_region"));
        Assert.Equal(["r_zone", "r_name", "s_year", "s_month", "amount", "n", "qty_rows", "least", "most", "mean_qty"], described);
        Assert.Equal(10, _session.Execute("SELECT * FROM by_region").Columns.Count);
    }

    [Fact]
    public void It_survives_closing_and_reopening_the_database()
    {
        _session.Execute(Cube);
        var before = Olap("SELECT * FROM by_region");
        _session.Dispose();
        _database.Dispose();
        _database = OlapDatabase.Open(_directory.File("db"));
        _session = _database.Connect();
        Assert.Equal(before, Olap("SELECT * FROM by_region"));
        Assert.Contains("by_region", string.Join('\n', ResultText.Column(_session.Execute("EXPLAIN SELECT r_name, sum(s_amount) FROM sales JOIN region ON s_region = r_id GROUP BY r_name"))));
    }

    [Fact]
    public void Inserts_and_copies_into_its_tables_keep_it_current_in_the_same_commit()
    {
        _session.Execute(Cube);
        const string more = "INSERT INTO sales VALUES (1, 2023, 1, 1.25, 9, 'new'), (3, 2025, 6, 2.00, NULL, 'new'), (2, 2024, 3, NULL, 5, NULL)";
        _session.Execute(more);
        _duckDb.Execute(more);
        AssertSameRows(Definition, "SELECT * FROM by_region");

        var csv = _directory.File("more.csv");
        File.WriteAllText(csv, "4,2024,12,50.00,1,c\n1,2026,1,4.00,2,c\n");
        _session.Execute($"COPY sales FROM '{csv}'");
        _duckDb.Execute($"COPY sales FROM '{csv}'");
        AssertSameRows(Definition, "SELECT * FROM by_region");

        // A new dimension row joins the rows already there.
        _session.Execute("INSERT INTO region VALUES (5, 'island', 'c')");
        _duckDb.Execute("INSERT INTO region VALUES (5, 'island', 'c')");
        AssertSameRows(Definition, "SELECT * FROM by_region");
    }

    [Fact]
    public void Appender_rows_reach_the_cube_too()
    {
        _session.Execute(Cube);
        using (var appender = _session.CreateAppender("sales"))
        {
            var columns = new[] { ColumnType.Integer, ColumnType.Integer, ColumnType.Integer, ColumnType.Decimal(12, 2), ColumnType.Integer, ColumnType.Varchar }
                .Select(type => new ColumnBuilder(type)).ToArray();
            foreach (var (region, year, month, cents, qty) in new[] { (2, 2023, 1, 450L, 7), (4, 2024, 12, 25L, 2), (3, 2027, 2, 100L, 1) })
            {
                columns[0].AppendInt64(region);
                columns[1].AppendInt64(year);
                columns[2].AppendInt64(month);
                columns[3].AppendInt64(cents);
                columns[4].AppendInt64(qty);
                columns[5].AppendString("appended");
            }

            var chunk = appender.CreateChunk(3);
            for (var c = 0; c < columns.Length; c++)
            {
                columns[c].ViewInto(chunk.Columns[c]);
            }

            chunk.SetCount(3);
            appender.Append(chunk);
            appender.Commit();
        }

        _duckDb.Execute("INSERT INTO sales VALUES (2, 2023, 1, 4.50, 7, 'appended'), (4, 2024, 12, 0.25, 2, 'appended'), (3, 2027, 2, 1.00, 1, 'appended')");
        AssertSameRows(Definition, "SELECT * FROM by_region");
    }

    [Fact]
    public void Refresh_computes_it_again_and_drop_removes_it()
    {
        _session.Execute(Cube);
        Assert.Equal(0, _session.Execute("REFRESH MATERIALIZED VIEW by_region").RowCount);
        AssertSameRows(Definition, "SELECT * FROM by_region");
        _session.Execute("DROP MATERIALIZED VIEW by_region");
        Assert.DoesNotContain("by_region", ResultText.Column(_session.Execute("SHOW TABLES")));
        _session.Execute("DROP MATERIALIZED VIEW IF EXISTS by_region");
        Assert.Equal(["4"], ResultText.Column(_session.Execute("SELECT count(*) FROM region")));
    }

    [Theory]
    [InlineData("SELECT r_name, count(DISTINCT s_qty) FROM sales JOIN region ON s_region = r_id GROUP BY r_name", "COUNT(DISTINCT ...) cannot be kept in a materialized view")]
    [InlineData("SELECT r_name, sum(s_qty) * 2 FROM sales JOIN region ON s_region = r_id GROUP BY r_name", "one aggregate (SUM, COUNT, MIN, MAX, AVG)")]
    [InlineData("SELECT s_year + 1, sum(s_qty) FROM sales GROUP BY s_year + 1", "groups by columns of its tables")]
    [InlineData("SELECT r_name, sum(s_qty) FROM sales LEFT JOIN region ON s_region = r_id GROUP BY r_name", "inner joins")]
    [InlineData("SELECT s_year, sum(s_qty) FROM sales GROUP BY s_year, s_month", "s_month is grouped but not selected")]
    [InlineData("SELECT s_year, sum(s_qty) FROM sales GROUP BY s_year HAVING sum(s_qty) > 1", "HAVING is not allowed")]
    [InlineData("SELECT s_year, sum(s_qty) FROM sales GROUP BY s_year ORDER BY s_year", "ORDER BY, LIMIT and OFFSET is not allowed")]
    [InlineData("SELECT * FROM sales", "* is not allowed")]
    [InlineData("SELECT s_year, s_month FROM sales GROUP BY s_year", "s_month must appear in the GROUP BY")]
    public void Definitions_a_cube_cannot_keep_are_refused_and_change_nothing(string query, string message)
    {
        var error = Assert.Throws<BindException>(() => _session.Execute($"CREATE MATERIALIZED VIEW bad AS {query}"));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("bad", ResultText.Column(_session.Execute("SHOW TABLES")));
    }

    [Fact]
    public void A_cube_is_not_written_to_and_its_tables_are_not_dropped_under_it()
    {
        _session.Execute(Cube);
        Assert.Contains("is a materialized view", Assert.Throws<BindException>(() => _session.Execute("INSERT INTO by_region (r_name) VALUES ('x')")).Message, StringComparison.Ordinal);
        Assert.Contains("use DROP MATERIALIZED VIEW by_region", Assert.Throws<BindException>(() => _session.Execute("DROP TABLE by_region")).Message, StringComparison.Ordinal);
        Assert.Contains("materialized view by_region reads table region: drop by_region first", Assert.Throws<BindException>(() => _session.Execute("DROP TABLE region")).Message, StringComparison.Ordinal);
        Assert.Throws<QueryException>(() => _session.CreateAppender("by_region"));
        AssertSameRows(Definition, "SELECT * FROM by_region");
    }

    [Fact]
    public void Grouping_sets_in_a_definition_are_stored_together_and_hidden_behind_the_select_list()
    {
        const string query = "SELECT r_zone, r_name, s_year, sum(s_amount) AS amount, count(*) AS n FROM sales JOIN region ON s_region = r_id GROUP BY GROUPING SETS ((r_zone, r_name), (s_year), ())";
        _session.Execute($"CREATE MATERIALIZED VIEW sets AS {query}");
        AssertSameRows(query, "SELECT * FROM sets");
        Assert.Equal(5, _session.Execute("SELECT * FROM sets").Columns.Count);
        _session.Execute("INSERT INTO sales VALUES (1, 2030, 1, 2.00, 1, 'late')");
        _duckDb.Execute("INSERT INTO sales VALUES (1, 2030, 1, 2.00, 1, 'late')");
        AssertSameRows(query, "SELECT * FROM sets");
    }

    [Fact]
    public void A_cube_over_empty_tables_answers_and_then_takes_the_first_rows()
    {
        _session.ExecuteScript("CREATE TABLE e (k INTEGER, v INTEGER); CREATE MATERIALIZED VIEW e_cube AS SELECT k, sum(v) AS total, count(*) AS n FROM e GROUP BY k");
        const string query = "SELECT count(*), sum(v) FROM e WHERE k = 1";
        Assert.Contains("CUBE SCAN", string.Join('\n', ResultText.Column(_session.Execute("EXPLAIN " + query))), StringComparison.Ordinal);
        Assert.Equal(["0|NULL"], ResultText.Lines(_session.Execute(query)));
        _session.Execute("INSERT INTO e VALUES (1, 5), (1, 7), (2, 1)");
        Assert.Equal(["2|12"], ResultText.Lines(_session.Execute(query)));
        Assert.Equal(["1|12|2", "2|1|1"], ResultText.SortedLines(_session.Execute("SELECT * FROM e_cube")));
    }

    [Fact]
    public void A_bad_definition_is_reported_at_its_line_and_column()
    {
        var error = Assert.Throws<BindException>(() => _session.Execute("CREATE MATERIALIZED VIEW bad AS\nSELECT s_year, count(DISTINCT s_qty)\nFROM sales GROUP BY s_year"));
        Assert.Equal(2, error.Position.Line);
        Assert.Equal(16, error.Position.Column);
        Assert.Contains("^", error.Message, StringComparison.Ordinal);
    }
}
