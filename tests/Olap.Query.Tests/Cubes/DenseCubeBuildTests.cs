using System.Globalization;
using System.Text;
using Olap.Columnar.Format;
using Olap.Columnar.Types;
using Olap.Query.Cubes;
using Olap.Query.Tests.Database;
using Olap.Query.Tests.Differential;
using Olap.Query.Tests.Engine;

namespace Olap.Query.Tests.Cubes;

/// <summary>
/// Cubes over a star computed by the dense build (<see cref="DenseCubeBuilder"/>) hold what DuckDB computes for their
/// definition on the same data: NULL attributes, NULL and dangling foreign keys, NULL measure inputs, dimensions in the
/// fact table, conditions on one table, appends, empty tables; their rows are stored in sort-key order; and the shapes
/// the dense build refuses still get the right rows from the plan. <see cref="DenseCubeBuilder.Builds"/> is global to
/// the process, so these tests run in a collection of their own, after every other (xunit runs collections that disable
/// parallelization once the parallel ones have finished): no other test builds a cube while one counts builds.
/// </summary>
[Collection(Serial.Name)]
public sealed class DenseCubeBuildTests : IDisposable
{
    /// <summary>The collection of tests that read <see cref="DenseCubeBuilder.Builds"/>: nothing else runs beside them.</summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class Serial
    {
        public const string Name = "dense-cube-builds";
    }

    private const string DimensionSchema = """
        CREATE TABLE customer (c_id INTEGER, c_region VARCHAR, c_nation VARCHAR, c_tier SMALLINT);
        CREATE TABLE product (p_id BIGINT, p_category VARCHAR, p_size INTEGER);
        """;

    private const string FactColumns = "o_cust INTEGER, o_prod BIGINT, o_band INTEGER, o_day DATE, o_qty INTEGER, o_disc SMALLINT, o_amount DECIMAL(15,2), o_price DOUBLE, o_note VARCHAR, o_rush BOOLEAN";

    /// <summary>Customer keys 1..150 but every 13th (a fact row naming one dangles), one row without a key.</summary>
    private const int Customers = 150;

    private const long FirstProduct = 5_000_000_000;

    /// <summary>Product keys FirstProduct, +3, +6, ...: keys between them dangle.</summary>
    private const int Products = 80;

    private const int FactRows = 3000;

    private static readonly string?[] s_regions = ["AMERICA", "ASIA", "EUROPE", "AFRICA", null];

    /// <summary>Nations whose UTF-8 byte order differs from UTF-16 order ('Ａ' is U+FF21, '😀' a surrogate pair), the empty string, NULL.</summary>
    private static readonly string?[] s_nations = ["Česko", "Österreich", "Ａland", "😀land", "Zambia", "angola", string.Empty, "Brazil", null];

    private static readonly string?[] s_categories = ["tools", "toys", "food", "Zebra", "élan", null];

    private static readonly string?[] s_notes = ["gift", "rush", "Ünique", "bulk", null];

    private readonly TemporaryDirectory _directory = new();
    private readonly DuckDbOracle _duckDb = new();
    private readonly OlapDatabase _database;
    private readonly OlapSession _session;

    public DenseCubeBuildTests()
    {
        _database = OlapDatabase.Open(_directory.File("db"));
        _session = _database.Connect();
        Both(DimensionSchema);

        // The fact table is sorted by its customer key, so the dense build adds rows with the customer axis outermost
        // and lays the cells out again for the sets.
        _session.Execute($"CREATE TABLE orders ({FactColumns}) SORTED BY (o_cust)");
        _duckDb.Execute($"CREATE TABLE orders ({FactColumns})");

        var random = new Random(20_240_611);
        Both("INSERT INTO customer VALUES " + string.Join(", ", CustomerRows(random)));
        Both("INSERT INTO product VALUES " + string.Join(", ", ProductRows(random)));

        // Several inserts: a fact table of several segments, whose statistics (the range of a fact column) are combined.
        var orders = Enumerable.Range(0, FactRows).Select(_ => OrderRow(random)).ToList();
        foreach (var batch in orders.Chunk(FactRows / 4))
        {
            Both("INSERT INTO orders VALUES " + string.Join(", ", batch));
        }
    }

    public void Dispose()
    {
        _session.Dispose();
        _database.Dispose();
        _duckDb.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public void A_star_with_nulls_and_dangling_keys_is_built_densely_with_the_rows_duckdb_computes()
    {
        const string definition = """
            SELECT p_category, c_region, c_nation,
                   sum(o_qty) AS qty, count(o_qty) AS qty_rows, count(*) AS n, min(o_qty) AS qty_low, max(o_qty) AS qty_high, avg(o_qty) AS qty_mean,
                   sum(o_disc) AS disc, min(o_disc) AS disc_low, max(o_disc) AS disc_high, avg(o_disc) AS disc_mean,
                   sum(o_amount) AS amount, count(o_amount) AS amount_rows, min(o_amount) AS amount_low, max(o_amount) AS amount_high,
                   sum(o_price) AS price, count(o_price) AS price_rows, min(o_price) AS price_low, max(o_price) AS price_high, avg(o_price) AS price_mean,
                   count(o_day) AS days, min(o_day) AS first_day, max(o_day) AS last_day, count(o_rush) AS rush_rows, min(o_rush) AS all_rush, max(o_rush) AS any_rush
            FROM orders JOIN customer ON o_cust = c_id JOIN product ON o_prod = p_id
            GROUP BY GROUPING SETS ((p_category, c_region, c_nation), (c_region, c_nation), (p_category, c_nation), (c_region), ())
            """;
        AssertBuiltDensely(() => _session.Execute($"CREATE MATERIALIZED VIEW sales_cube AS {definition}"));
        AssertSameRows(definition, "SELECT * FROM sales_cube");

        // The data has what the test is about: groups of a NULL attribute, and groups whose measures saw only NULLs.
        var shape = _duckDb.Query($"""
            SELECT count(*) FILTER (WHERE c_region IS NULL AND c_nation IS NOT NULL), count(*) FILTER (WHERE p_category IS NULL AND c_region IS NOT NULL),
                   count(*) FILTER (WHERE qty IS NULL), count(*) FILTER (WHERE price_mean IS NULL)
            FROM ({definition})
            """).Single();
        Assert.All(shape, count => Assert.NotEqual("0", count));
    }

    [Theory]
    [InlineData("""
        SELECT o_band, c_region, sum(o_qty) AS qty, count(*) AS n, count(o_price) AS priced, min(o_price) AS low, avg(o_qty) AS mean
        FROM orders JOIN customer ON o_cust = c_id
        GROUP BY GROUPING SETS ((o_band, c_region), (o_band), (c_region))
        """)]
    [InlineData("""
        SELECT c_region, c_nation, o_band, o_day, sum(o_amount) AS amount, count(*) AS n, max(o_disc) AS most
        FROM orders JOIN customer ON o_cust = c_id
        GROUP BY c_region, c_nation, o_band, o_day
        """)]
    [InlineData("""
        SELECT o_band, p_category, c_nation, sum(o_qty) AS qty, count(*) AS n
        FROM orders JOIN customer ON o_cust = c_id JOIN product ON o_prod = p_id
        GROUP BY CUBE (o_band, p_category, c_nation)
        """)]
    [InlineData("""
        SELECT o_cust, c_region, sum(o_qty) AS qty, count(*) AS n
        FROM orders JOIN customer ON o_cust = c_id
        GROUP BY GROUPING SETS ((o_cust, c_region), (c_region))
        """)]
    public void A_dimension_of_the_fact_table_is_an_axis_of_its_values_and_null(string definition)
    {
        AssertBuiltDensely(() => _session.Execute($"CREATE MATERIALIZED VIEW band_cube AS {definition}"));
        AssertSameRows(definition, "SELECT * FROM band_cube");
    }

    [Fact]
    public void Conditions_on_the_dimension_and_fact_tables_and_a_table_joined_only_to_filter_select_the_rows()
    {
        const string definition = """
            SELECT c_region, c_nation, sum(o_amount) AS amount, count(*) AS n, max(o_qty) AS most, avg(o_price) AS mean_price
            FROM orders, customer, product
            WHERE c_id = o_cust AND o_prod = p_id
              AND c_region <> 'ASIA' AND (c_tier IS NULL OR c_tier > 1)
              AND o_qty > 10 AND o_note IS NOT NULL
              AND p_size BETWEEN 5 AND 40
            GROUP BY GROUPING SETS ((c_region, c_nation), (c_nation))
            """;
        AssertBuiltDensely(() => _session.Execute($"CREATE MATERIALIZED VIEW filtered_cube AS {definition}"));
        AssertSameRows(definition, "SELECT * FROM filtered_cube");
    }

    [Fact]
    public void Date_and_negative_smallint_keys_number_their_tables_by_boolean_double_and_integer_attributes()
    {
        // Fifty days from the first order date, every seventh missing: orders of the missing and the later days dangle.
        var days = Enumerable.Range(0, 50).Where(d => d % 7 != 3).Select(d => string.Create(
            CultureInfo.InvariantCulture,
            $"(DATE '{new DateOnly(2024, 1, 1).AddDays(d):yyyy-MM-dd}', {1 + (d / 31)}, {(d % 11 == 0 ? "NULL" : d % 7 >= 5 ? "true" : "false")})"));
        Both("CREATE TABLE calendar (d_day DATE, d_month INTEGER, d_weekend BOOLEAN); INSERT INTO calendar VALUES " + string.Join(", ", days));

        // Discounts -10..10 but 0, so orders without a discount dangle; rates in quarters, one NULL.
        var discounts = Enumerable.Range(-10, 21).Where(v => v != 0).Select(v => string.Create(
            CultureInfo.InvariantCulture,
            $"({v}, {(v < -5 ? "'deep'" : v < 0 ? "'light'" : v == 7 ? "NULL" : "'markup'")}, {(v == 3 ? "NULL" : (v / 4.0).ToString("R", CultureInfo.InvariantCulture))})"));
        Both("CREATE TABLE discount (dc_value SMALLINT, dc_kind VARCHAR, dc_rate DOUBLE); INSERT INTO discount VALUES " + string.Join(", ", discounts));

        const string definition = """
            SELECT d_month, d_weekend, dc_kind, dc_rate, sum(o_qty) AS qty, count(*) AS n, min(o_amount) AS low, max(o_day) AS last_day
            FROM orders JOIN calendar ON o_day = d_day JOIN discount ON o_disc = dc_value
            GROUP BY GROUPING SETS ((d_month, d_weekend, dc_kind, dc_rate), (d_weekend, dc_rate), (dc_kind), ())
            """;
        AssertBuiltDensely(() => _session.Execute($"CREATE MATERIALIZED VIEW keyed_cube AS {definition}"));
        AssertSameRows(definition, "SELECT * FROM keyed_cube");
    }

    [Theory]
    [InlineData("a join column that is not a key", """
        SELECT pr_kind, c_region, sum(o_qty) AS qty, count(*) AS n, min(o_amount) AS low
        FROM orders JOIN promotion ON o_cust = pr_customer JOIN customer ON o_cust = c_id
        GROUP BY GROUPING SETS ((pr_kind, c_region), (pr_kind))
        """)]
    [InlineData("a condition across two tables", """
        SELECT c_region, sum(o_qty) AS qty, count(*) AS n
        FROM orders JOIN customer ON o_cust = c_id
        WHERE o_band < c_tier
        GROUP BY c_region
        """)]
    [InlineData("MIN and MAX of a string", """
        SELECT c_region, min(o_note) AS first_note, max(o_note) AS last_note, count(*) AS n
        FROM orders JOIN customer ON o_cust = c_id
        GROUP BY GROUPING SETS ((c_region), ())
        """)]
    public void Shapes_the_dense_build_refuses_are_computed_by_the_plan(string shape, string definition)
    {
        // Each customer has 0 to 2 promotions: joined on the customer key, a fact row meets several rows or none.
        const string promotions = "CREATE TABLE promotion (pr_customer INTEGER, pr_kind VARCHAR)";
        Both(promotions);
        Both("INSERT INTO promotion VALUES " + string.Join(", ", Enumerable.Range(1, Customers).SelectMany(c => Enumerable.Range(0, c % 3).Select(k => $"({c}, '{(k == 0 ? "coupon" : "bundle")}')")).Append("(NULL, 'none')")));

        var before = DenseCubeBuilder.Builds;
        _session.Execute($"CREATE MATERIALIZED VIEW refused_cube AS {definition}");
        Assert.True(before == DenseCubeBuilder.Builds, $"{shape}: the dense build took a shape it must refuse");
        AssertSameRows(definition, "SELECT * FROM refused_cube");
    }

    [Fact]
    public void Rows_appended_to_the_fact_and_dimension_tables_reach_the_cube_in_the_same_commit()
    {
        const string definition = """
            SELECT c_region, c_nation, o_band, p_category, sum(o_qty) AS qty, count(*) AS n, count(o_amount) AS amounts,
                   sum(o_amount) AS amount, min(o_price) AS low, max(o_disc) AS most, avg(o_qty) AS mean
            FROM orders JOIN customer ON o_cust = c_id JOIN product ON o_prod = p_id
            GROUP BY GROUPING SETS ((c_region, c_nation, o_band, p_category), (c_region, o_band), (p_category), ())
            """;
        AssertBuiltDensely(() => _session.Execute($"CREATE MATERIALIZED VIEW growing_cube AS {definition}"));

        // New fact rows: bands outside the range the cube was built over, keys that dangle until the customers below come.
        var random = new Random(7);
        var more = Enumerable.Range(0, 400).Select(i => OrderRow(random, band: i % 5 == 0 ? 40 + (i % 3) : null, customer: i % 4 == 0 ? Customers + 1 + (i % 8) : null));
        // Appends this small are aggregated by a plan (the dense build costs the cube's cells whatever the rows);
        // CubeAppendTests has one the dense build takes.
        Both("INSERT INTO orders VALUES " + string.Join(", ", more));
        AssertSameRows(definition, "SELECT * FROM growing_cube");

        // New customers: the fact rows that dangled join them now, the old and the new alike.
        Both($"INSERT INTO customer VALUES ({Customers + 1}, 'OCEANIA', 'Fiji', 1), ({Customers + 2}, NULL, 'Tonga', NULL), ({Customers + 3}, 'ASIA', NULL, 2), (13, 'EUROPE', 'Malta', 3)");
        AssertSameRows(definition, "SELECT * FROM growing_cube");

        // A second row for a product key already there: from now on its fact rows count twice, as a join counts them.
        Both($"INSERT INTO product VALUES ({FirstProduct + 3}, 'twin', 7), ({FirstProduct + 1}, 'between', NULL)");
        AssertSameRows(definition, "SELECT * FROM growing_cube");
    }

    [Theory]
    [InlineData("each table's dimensions together, written as built", """
        SELECT c_region, c_nation, p_category, p_size, o_band, sum(o_qty) AS qty, count(*) AS n
        FROM orders JOIN customer ON o_cust = c_id JOIN product ON o_prod = p_id
        GROUP BY GROUPING SETS ((c_region, c_nation, p_category, p_size, o_band), (c_nation, p_size, o_band), (c_region, p_category), (c_nation, o_band), (p_size), (c_nation), ())
        """)]
    [InlineData("the tables' dimensions interleaved, sorted on writing", """
        SELECT c_nation, p_category, o_band, c_region, sum(o_qty) AS qty, count(*) AS n
        FROM orders JOIN customer ON o_cust = c_id JOIN product ON o_prod = p_id
        GROUP BY GROUPING SETS ((c_nation, p_category, o_band, c_region), (c_nation, p_category, o_band), (p_category, c_region), (c_region, o_band), (p_category), ())
        """)]
    [InlineData("the finest cells listed in key order where they lie, a customer's region following from its key", """
        SELECT p_category, o_band, c_region, c_id, sum(o_qty) AS qty, count(*) AS n, min(o_price) AS low
        FROM orders JOIN customer ON o_cust = c_id JOIN product ON o_prod = p_id
        GROUP BY GROUPING SETS ((p_category, o_band, c_region, c_id), (p_category, o_band, c_id), (p_category, c_region), (o_band), ())
        """)]
    [InlineData("sets folded from smaller sets, sums of integers only", """
        SELECT p_category, o_band, c_region, c_id, sum(o_qty) AS qty, count(*) AS n, count(o_disc) AS discounted
        FROM orders JOIN customer ON o_cust = c_id JOIN product ON o_prod = p_id
        GROUP BY GROUPING SETS ((p_category, o_band, c_id), (p_category, o_band, c_region), (p_category, c_region), (c_region), ())
        """)]
    public void The_stored_rows_are_in_sort_key_order(string layout, string definition)
    {
        AssertBuiltDensely(() => _session.Execute($"CREATE MATERIALIZED VIEW ordered_cube AS {definition}"));
        var table = _database.Directory.Current.FindTable("ordered_cube")!;
        var dimensions = Enumerable.Range(0, table.Cube!.VisibleColumns).Where(c => table.Columns[c].Name is "c_region" or "c_nation" or "c_id" or "p_category" or "p_size" or "o_band");
        var groupingSet = Enumerable.Range(0, table.Columns.Count).Single(c => table.Columns[c].Name == CubeDefinition.GroupingSetColumn);
        Assert.Equal([groupingSet, .. dimensions], table.SortKey.Select(k => k.Column));
        Assert.All(table.SortKey, k => Assert.False(k.Descending));

        ScalarValue[]? previous = null;
        long rows = 0;
        foreach (var segment in table.Segments)
        {
            using var reader = OlapFileReader.Open(_database.Directory.SegmentPath(segment.FileName));
            Assert.Equal(table.SortKey, reader.SortKey);
            var scan = reader.Scan([.. table.SortKey.Select(k => k.Column)]);
            var chunk = scan.CreateChunk();
            while (scan.Next(chunk))
            {
                for (var i = 0; i < chunk.LiveCount; i++)
                {
                    var row = chunk.Selection is { } selection ? selection[i] : i;
                    var key = chunk.Columns.Select(c => c.GetScalar(row)).ToArray();
                    if (previous is not null && CompareKeys(previous, key) > 0)
                    {
                        Assert.Fail($"{layout}: stored row {rows} has the key {Describe(key)}, which sorts before the key {Describe(previous)} of the row before it");
                    }

                    previous = key;
                    rows++;
                }
            }
        }

        Assert.Equal(table.RowCount, rows);
        Assert.True(rows > 2048, $"{layout}: only {rows} rows, in one row group");
        AssertSameRows(definition, "SELECT * FROM ordered_cube");
    }

    [Theory]
    [InlineData("GROUP BY c_region, c_nation")]
    [InlineData("GROUP BY GROUPING SETS ((c_region, c_nation), (c_nation))")]
    public void An_empty_fact_table_or_dimension_table_gives_an_empty_cube_which_then_takes_new_rows(string grouping)
    {
        Both($"CREATE TABLE no_orders ({FactColumns}); CREATE TABLE no_customers (c_id INTEGER, c_region VARCHAR, c_nation VARCHAR, c_tier SMALLINT)");

        // Joined to two tables, the empty table is the star's centre. Joined to one, the larger table is taken for the
        // fact table, the measures then read the other one, and the plan computes the cube.
        var overEmptyFact = $"SELECT c_region, c_nation, sum(o_qty) AS qty, count(*) AS n, min(o_price) AS low FROM no_orders JOIN customer ON o_cust = c_id JOIN product ON o_prod = p_id {grouping}";
        var overEmptyFactAlone = $"SELECT c_region, c_nation, sum(o_qty) AS qty, count(*) AS n, max(o_amount) AS high FROM no_orders JOIN customer ON o_cust = c_id {grouping}";
        var overEmptyDimension = $"SELECT c_region, c_nation, sum(o_qty) AS qty, count(*) AS n, avg(o_price) AS mean FROM orders JOIN no_customers ON o_cust = c_id {grouping}";
        AssertBuiltDensely(() => _session.Execute($"CREATE MATERIALIZED VIEW empty_fact_cube AS {overEmptyFact}"));
        _session.Execute($"CREATE MATERIALIZED VIEW lone_empty_fact_cube AS {overEmptyFactAlone}");
        AssertBuiltDensely(() => _session.Execute($"CREATE MATERIALIZED VIEW empty_dimension_cube AS {overEmptyDimension}"));
        Assert.Equal(0, _database.Directory.Current.FindTable("empty_fact_cube")!.RowCount);
        Assert.Equal(0, _database.Directory.Current.FindTable("empty_dimension_cube")!.RowCount);
        AssertSameRows(overEmptyFact, "SELECT * FROM empty_fact_cube");
        AssertSameRows(overEmptyFactAlone, "SELECT * FROM lone_empty_fact_cube");
        AssertSameRows(overEmptyDimension, "SELECT * FROM empty_dimension_cube");

        var random = new Random(11);
        Both("INSERT INTO no_orders VALUES " + string.Join(", ", Enumerable.Range(0, 200).Select(_ => OrderRow(random))));
        Both("INSERT INTO no_customers VALUES (1, 'ASIA', 'Japan', 1), (2, NULL, 'Peru', 2), (3, 'EUROPE', NULL, NULL)");
        AssertSameRows(overEmptyFact, "SELECT * FROM empty_fact_cube");
        AssertSameRows(overEmptyFactAlone, "SELECT * FROM lone_empty_fact_cube");
        AssertSameRows(overEmptyDimension, "SELECT * FROM empty_dimension_cube");
    }

    /// <summary>
    /// SQL's grand total (the empty grouping set) is one row even over no rows: COUNT 0, the other measures NULL. The
    /// plan gives it (and DuckDB); a dense build with no fact row in any cell must too.
    /// </summary>
    [Theory]
    [InlineData("an empty fact table", "FROM no_orders JOIN customer ON o_cust = c_id JOIN product ON o_prod = p_id")]
    [InlineData("an empty dimension table", "FROM orders JOIN no_customers ON o_cust = c_id")]
    [InlineData("a condition no fact row passes", "FROM orders JOIN customer ON o_cust = c_id WHERE o_qty > 1000")]
    public void The_grand_total_over_no_joined_rows_is_one_row_as_sql_defines_it(string input, string from)
    {
        Both($"CREATE TABLE no_orders ({FactColumns}); CREATE TABLE no_customers (c_id INTEGER, c_region VARCHAR, c_nation VARCHAR, c_tier SMALLINT)");
        var definition = $"SELECT c_region, c_nation, sum(o_qty) AS qty, count(*) AS n, max(o_price) AS high {from} GROUP BY ROLLUP (c_region, c_nation)";
        AssertBuiltDensely(() => _session.Execute($"CREATE MATERIALIZED VIEW total_cube AS {definition}"));
        var difference = ResultComparer.Difference(ResultRows.FromOlap(_session.Execute("SELECT * FROM total_cube")), _duckDb.Rows(definition), ordered: false);
        Assert.True(difference is null, $"{input}: {difference}");
    }

    /// <summary>NaN sorts above every number (DuckDB's order, and the plan's MIN and MAX): a MIN is NaN only when every input is.</summary>
    [Fact]
    public void Min_and_max_of_a_double_order_nan_above_every_number_as_the_plan_does()
    {
        Both("INSERT INTO orders VALUES " + string.Join(", ", Enumerable.Range(1, 12).Select(c => $"({c}, {FirstProduct}, 1, NULL, 1, 1, 1.00, CAST('NaN' AS DOUBLE), NULL, NULL)")));
        const string definition = """
            SELECT c_region, c_nation, min(o_price) AS low, max(o_price) AS high, count(o_price) AS priced, count(*) AS n
            FROM orders JOIN customer ON o_cust = c_id
            GROUP BY GROUPING SETS ((c_region, c_nation), (c_region))
            """;
        AssertBuiltDensely(() => _session.Execute($"CREATE MATERIALIZED VIEW nan_cube AS {definition}"));
        AssertSameRows(definition, "SELECT * FROM nan_cube");
    }

    /// <summary>Runs <paramref name="build"/> and asserts the dense build computed a cube (or a cube's new rows) in it.</summary>
    private static void AssertBuiltDensely(Action build)
    {
        var before = DenseCubeBuilder.Builds;
        build();
        Assert.True(DenseCubeBuilder.Builds > before, "the dense build did not run: the cube was computed by a plan");
    }

    /// <summary>Our rows of <paramref name="ours"/> are DuckDB's rows of <paramref name="theirs"/>, both sorted fully (numbers by value).</summary>
    private void AssertSameRows(string theirs, string ours)
    {
        var difference = ResultComparer.Difference(ResultRows.FromOlap(_session.Execute(ours)), _duckDb.Rows(theirs), ordered: false);
        Assert.True(difference is null, difference);
    }

    private void Both(string sql)
    {
        _session.ExecuteScript(sql);
        _duckDb.Execute(sql);
    }

    /// <summary>Sort-key order: NULL first, then by value (strings by their UTF-8 bytes).</summary>
    private static int CompareKeys(ScalarValue[] left, ScalarValue[] right)
    {
        for (var k = 0; k < left.Length; k++)
        {
            var order = left[k].IsNull || right[k].IsNull ? (right[k].IsNull ? 1 : 0) - (left[k].IsNull ? 1 : 0) : left[k].CompareTo(right[k]);
            if (order != 0)
            {
                return order;
            }
        }

        return 0;
    }

    private static string Describe(ScalarValue[] key) => "(" + string.Join(", ", key.Select(v => v.Kind == ScalarKind.String ? $"'{v}'" : v.ToString())) + ")";

    private static IEnumerable<string> CustomerRows(Random random)
    {
        for (var id = 1; id <= Customers; id++)
        {
            if (id % 13 != 0)
            {
                yield return $"({id}, {Text(Pick(random, s_regions))}, {Text(Pick(random, s_nations))}, {(random.Next(6) == 0 ? "NULL" : random.Next(0, 4).ToString(CultureInfo.InvariantCulture))})";
            }
        }

        yield return "(NULL, 'ASIA', 'Keyless', 1)";
    }

    private static IEnumerable<string> ProductRows(Random random)
    {
        for (var i = 0; i < Products; i++)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"({FirstProduct + (3 * i)}, {Text(Pick(random, s_categories))}, {(random.Next(8) == 0 ? "NULL" : random.Next(1, 51).ToString(CultureInfo.InvariantCulture))})");
        }
    }

    /// <summary>
    /// One fact row: about one key in sixteen NULL and one in sixteen dangling, each measure input NULL about one time in
    /// eight; doubles in quarters, so every sum is exact whatever order it is added in.
    /// </summary>
    private static string OrderRow(Random random, int? band = null, int? customer = null)
    {
        string Maybe(Func<string> value) => random.Next(8) == 0 ? "NULL" : value();

        var customerKey = customer?.ToString(CultureInfo.InvariantCulture) ?? (random.Next(16) switch
        {
            0 => "NULL",
            1 => (13 * random.Next(1, 12)).ToString(CultureInfo.InvariantCulture),
            _ => random.Next(1, Customers + 20).ToString(CultureInfo.InvariantCulture),
        });
        var productKey = random.Next(16) switch
        {
            0 => "NULL",
            1 => (FirstProduct + (3 * random.Next(Products)) + 1).ToString(CultureInfo.InvariantCulture),
            _ => (FirstProduct + (3 * random.Next(Products + 2))).ToString(CultureInfo.InvariantCulture),
        };
        var row = new StringBuilder("(");
        row.Append(customerKey).Append(", ").Append(productKey).Append(", ");
        row.Append(band?.ToString(CultureInfo.InvariantCulture) ?? Maybe(() => random.Next(-3, 13).ToString(CultureInfo.InvariantCulture))).Append(", ");
        row.Append(Maybe(() => $"DATE '{new DateOnly(2024, 1, 1).AddDays(random.Next(60)):yyyy-MM-dd}'")).Append(", ");
        row.Append(Maybe(() => random.Next(-50, 500).ToString(CultureInfo.InvariantCulture))).Append(", ");
        row.Append(Maybe(() => random.Next(-10, 11).ToString(CultureInfo.InvariantCulture))).Append(", ");
        row.Append(Maybe(() => (random.Next(-100_000, 10_000_000) / 100m).ToString("0.00", CultureInfo.InvariantCulture))).Append(", ");
        row.Append(Maybe(() => (random.Next(-400, 8000) / 4.0).ToString("R", CultureInfo.InvariantCulture))).Append(", ");
        row.Append(Text(Pick(random, s_notes))).Append(", ");
        row.Append(Maybe(() => random.Next(3) == 0 ? "true" : "false")).Append(')');
        return row.ToString();
    }

    private static string? Pick(Random random, string?[] values) => values[random.Next(values.Length)];

    private static string Text(string? value) => value is null ? "NULL" : "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
