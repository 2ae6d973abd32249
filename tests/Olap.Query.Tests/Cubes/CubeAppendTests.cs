using System.Globalization;
using Olap.Query.Tests.Database;
using Olap.Query.Tests.Engine;

namespace Olap.Query.Tests.Cubes;

/// <summary>
/// Appends into a cube's table keep their aggregates in segments of their own (partial aggregates) instead of
/// rewriting the cube: the cube still reads as one row per group, answers queries as before, survives a reopen, and
/// is regrouped once its appended segments are many or their rows a large share. Checked against DuckDB.
/// </summary>
public sealed class CubeAppendTests : IDisposable
{
    private const string Schema = """
        CREATE TABLE region (r_id INTEGER, r_name VARCHAR, r_zone VARCHAR);
        CREATE TABLE sales (s_region INTEGER, s_year INTEGER, s_month INTEGER, s_amount DECIMAL(12,2), s_qty INTEGER);
        INSERT INTO region VALUES (1, 'north', 'a'), (2, 'south', 'a'), (3, 'east', 'b'), (4, 'west', NULL);
        """;

    private const string Definition = """
        SELECT r_zone, r_name, s_year, s_month, sum(s_amount) AS amount, count(*) AS n, count(s_qty) AS qty_rows,
               min(s_qty) AS least, max(s_amount) AS most, avg(s_qty) AS mean_qty
        FROM sales JOIN region ON s_region = r_id
        GROUP BY GROUPING SETS ((r_zone, r_name, s_year, s_month), (r_zone, s_year), ())
        """;

    private const string Query = "SELECT r_name, s_year, sum(s_amount), count(*), min(s_qty), max(s_amount), avg(s_qty) FROM sales JOIN region ON s_region = r_id GROUP BY r_name, s_year";

    private readonly TemporaryDirectory _directory = new();
    private readonly DuckDbOracle _duckDb = new();
    private OlapDatabase _database;
    private OlapSession _session;
    private int _appends;

    public CubeAppendTests()
    {
        _database = OlapDatabase.Open(_directory.File("db"));
        _session = _database.Connect();
        Both(Schema);

        // 4 regions x 30 years x 12 months: 1,440 groups of the finest set, enough that a few appended rows are a
        // small share of the cube.
        var rows = new List<string>();
        for (var year = 1990; year < 2020; year++)
        {
            for (var month = 1; month <= 12; month++)
            {
                for (var region = 1; region <= 4; region++)
                {
                    var qty = (year + month + region) % 7 == 0 ? "NULL" : ((year * month + region) % 50).ToString(CultureInfo.InvariantCulture);
                    rows.Add(string.Create(CultureInfo.InvariantCulture, $"({region}, {year}, {month}, {((year * 31) + (month * 7) + region) % 1000}.25, {qty})"));
                }
            }
        }

        Both($"INSERT INTO sales VALUES {string.Join(", ", rows)}");
        _session.Execute($"CREATE MATERIALIZED VIEW cube AS {Definition}");
    }

    public void Dispose()
    {
        _session.Dispose();
        _database.Dispose();
        _duckDb.Dispose();
        _directory.Dispose();
    }

    private void Both(string sql)
    {
        _session.ExecuteScript(sql);
        _duckDb.Execute(sql);
    }

    /// <summary>One single-row INSERT, into an existing group or (every third) a new year.</summary>
    private void AppendOne()
    {
        var n = _appends++;
        var year = n % 3 == 2 ? 2100 + n : 1990 + (n % 30);
        var qty = n % 4 == 0 ? "NULL" : (100 + n).ToString(CultureInfo.InvariantCulture);
        Both(string.Create(CultureInfo.InvariantCulture, $"INSERT INTO sales VALUES ({1 + (n % 4)}, {year}, {1 + (n % 12)}, {n}.50, {qty})"));
    }

    private Olap.Columnar.Storage.TableEntry Stored() => _database.Directory.Current.FindTable("cube")!;

    private void AssertSameRows(string theirs, string ours)
    {
        var difference = Differential.ResultComparer.Difference(Differential.ResultRows.FromOlap(_session.Execute(ours)), _duckDb.Rows(theirs), ordered: false);
        Assert.True(difference is null, difference);
    }

    private void AssertCubeIsItsDefinition()
    {
        AssertSameRows(Definition, "SELECT * FROM cube");
        AssertSameRows(Query, Query);
        Assert.Contains("cube", string.Join('\n', ResultText.Column(_session.Execute("EXPLAIN " + Query))));
    }

    [Fact]
    public void A_few_appends_are_kept_beside_the_cube_and_it_still_reads_as_one_row_per_group()
    {
        var before = Stored();
        for (var i = 0; i < 5; i++)
        {
            AppendOne();
        }

        var after = Stored();
        Assert.Equal(5, after.Cube!.DeltaSegments);
        Assert.Equal(before.Segments, after.Segments.Take(before.Segments.Count));
        AssertCubeIsItsDefinition();
        AssertSameRows($"SELECT count(*) FROM ({Definition})", "SELECT count(*) FROM cube");
    }

    [Fact]
    public void Appended_segments_are_regrouped_into_one_once_there_are_more_than_sixteen()
    {
        var before = Stored();
        for (var i = 0; i < 17; i++)
        {
            AppendOne();
        }

        var after = Stored();
        Assert.Equal(1, after.Cube!.DeltaSegments);
        Assert.Equal(before.Segments, after.Segments.Take(before.Segments.Count));
        AssertCubeIsItsDefinition();
    }

    [Fact]
    public void Appends_whose_rows_outgrow_an_eighth_of_the_cube_make_it_one_row_per_group_again()
    {
        AppendOne();
        Assert.Equal(1, Stored().Cube!.DeltaSegments);

        // Most of a year again, for every region: a share of the cube well above an eighth.
        var rows = new List<string>();
        for (var month = 1; month <= 12; month++)
        {
            for (var region = 1; region <= 4; region++)
            {
                for (var copy = 0; copy < 5; copy++)
                {
                    rows.Add(string.Create(CultureInfo.InvariantCulture, $"({region}, {2000 + copy}, {month}, 1.00, {copy})"));
                    rows.Add(string.Create(CultureInfo.InvariantCulture, $"({region}, {2200 + copy}, {month}, 2.00, NULL)"));
                }
            }
        }

        Both($"INSERT INTO sales VALUES {string.Join(", ", rows)}");

        var after = Stored();
        Assert.Equal(0, after.Cube!.DeltaSegments);
        AssertCubeIsItsDefinition();
        AssertSameRows($"SELECT count(*) FROM ({Definition})", "SELECT count(*) FROM cube");
    }

    [Fact]
    public void An_append_of_hundreds_of_thousands_of_rows_is_aggregated_by_the_dense_build_and_kept_right()
    {
        AppendOne();

        // 1,440 x 240 = 345,600 rows in one statement: past the size where an append is aggregated densely.
        var dense = Olap.Query.Cubes.DenseCubeBuilder.Builds;
        Both("INSERT INTO sales SELECT s.* FROM sales s, sales t WHERE t.s_year < 1995");
        Assert.True(Olap.Query.Cubes.DenseCubeBuilder.Builds > dense, "the dense build did not aggregate the append");

        Assert.Equal(0, Stored().Cube!.DeltaSegments);
        AssertCubeIsItsDefinition();
    }

    [Fact]
    public void Kept_appends_survive_reopening_and_refresh_folds_them_in()
    {
        for (var i = 0; i < 3; i++)
        {
            AppendOne();
        }

        _session.Dispose();
        _database.Dispose();
        _database = OlapDatabase.Open(_directory.File("db"));
        _session = _database.Connect();
        Assert.Equal(3, Stored().Cube!.DeltaSegments);
        AssertCubeIsItsDefinition();

        _session.Execute("REFRESH MATERIALIZED VIEW cube");
        Assert.Equal(0, Stored().Cube!.DeltaSegments);
        AssertCubeIsItsDefinition();
    }

    [Fact]
    public void A_dimension_change_makes_a_cube_with_kept_appends_stale_and_it_still_reads_right()
    {
        AppendOne();
        AppendOne();
        Both("INSERT INTO region VALUES (5, 'island', 'c')");

        // The cube follows the new dimension row (it joins no fact row yet) or is stale; either way its rows are its
        // definition's and queries are right.
        AssertSameRows(Query, Query);
        if (Stored().Cube!.Stale)
        {
            _session.Execute("REFRESH MATERIALIZED VIEW cube");
        }

        AssertCubeIsItsDefinition();
    }
}
