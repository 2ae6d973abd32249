using System.Globalization;
using Olap.Datasets.Ssb;
using Xunit.Abstractions;

namespace Olap.Datasets.Tests.Ssb;

/// <summary>
/// Our SF 0.1 data against dbgen's SF 0.1 files, both loaded into DuckDB.
/// <para>
/// How sums are compared: a query's total is (fact rows) × (share of each filtered dimension that passes) ×
/// (mean value per row). At SF 0.1 the dimension shares are samples of 200 suppliers and 3,000 customers, so
/// they differ between any two random data sets by far more than the generator's fidelity: dbgen's file has
/// 32 AMERICA and 49 ASIA suppliers out of 200 (expected 40 ± 5.7 each), which alone moves Q2.1 by 25%.
/// The test therefore divides each total by the data set's own dimension share (computed from the dimension
/// tables, customers weighted by how often dbgen's key draw picks them) and compares what is left, which is
/// what lineorder's generator decides. What is left is a sum over n fact rows with a coefficient of variation
/// c ≤ 1 per row, so its relative standard deviation is √((1 + c²)/n) ≤ √(2/n) per data set; the bound is four
/// standard deviations of the difference, 4·√(2/n₁ + 2/n₂): 6% for Q1.1, 10% for Q2.1, 40% for Q1.3. Queries
/// with fewer than 30 fact rows on either side (Q3.3, Q3.4 at SF 0.1) are not compared: four deviations exceed 100%.
/// The raw ratios are printed as well.
/// </para>
/// </summary>
public sealed class SsbFidelityTests(SsbFidelityTests.Fixture data, ITestOutputHelper output) : IClassFixture<SsbFidelityTests.Fixture>
{
    public sealed class Fixture : IDisposable
    {
        private readonly Sf01Files _files = new();

        public Fixture()
        {
            Ours = new SsbDuckDb(_files.PathOf);
            Dbgen = new SsbDuckDb(t => RepositoryFiles.DbgenFile(SsbGenerator.TableName(t)));
        }

        public SsbDuckDb Ours { get; }

        public SsbDuckDb Dbgen { get; }

        public void Dispose()
        {
            Ours.Dispose();
            Dbgen.Dispose();
            _files.Dispose();
        }
    }

    /// <summary>Queries whose every group gets many fact rows at SF 0.1, so the number of result rows is fixed by the domains.</summary>
    public static TheoryData<string> SaturatedQueries => ["q1.1", "q1.2", "q1.3", "q2.1", "q2.2", "q2.3", "q3.1", "q4.1", "q4.2"];

    public static TheoryData<string> Queries => [.. SsbQueryFigures.QueryNames];

    /// <summary>Each query's dimension filters, per dimension table (the date table is the same in both data sets).</summary>
    private static readonly Dictionary<string, (string? Customer, string? Supplier, string? Part)> s_filters = new()
    {
        ["q1.1"] = (null, null, null),
        ["q1.2"] = (null, null, null),
        ["q1.3"] = (null, null, null),
        ["q2.1"] = (null, "s_region = 'AMERICA'", "p_category = 'MFGR#12'"),
        ["q2.2"] = (null, "s_region = 'ASIA'", "p_brand1 between 'MFGR#2221' and 'MFGR#2228'"),
        ["q2.3"] = (null, "s_region = 'EUROPE'", "p_brand1 = 'MFGR#2221'"),
        ["q3.1"] = ("c_region = 'ASIA'", "s_region = 'ASIA'", null),
        ["q3.2"] = ("c_nation = 'UNITED STATES'", "s_nation = 'UNITED STATES'", null),
        ["q3.3"] = ("c_city in ('UNITED KI1', 'UNITED KI5')", "s_city in ('UNITED KI1', 'UNITED KI5')", null),
        ["q3.4"] = ("c_city in ('UNITED KI1', 'UNITED KI5')", "s_city in ('UNITED KI1', 'UNITED KI5')", null),
        ["q4.1"] = ("c_region = 'AMERICA'", "s_region = 'AMERICA'", "p_mfgr in ('MFGR#1', 'MFGR#2')"),
        ["q4.2"] = ("c_region = 'AMERICA'", "s_region = 'AMERICA'", "p_mfgr in ('MFGR#1', 'MFGR#2')"),
        ["q4.3"] = ("c_region = 'AMERICA'", "s_nation = 'UNITED STATES'", "p_category = 'MFGR#14'"),
    };

    [Theory]
    [MemberData(nameof(SaturatedQueries))]
    public void Saturated_queries_return_as_many_rows_as_on_dbgen_data(string query)
    {
        Assert.Equal(SsbQueryFigures.Measure(data.Dbgen, query).ResultRows, SsbQueryFigures.Measure(data.Ours, query).ResultRows);
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public void Query_sums_match_dbgen_within_sampling_noise_once_dimension_samples_are_factored_out(string query)
    {
        var ours = SsbQueryFigures.Measure(data.Ours, query);
        var dbgen = SsbQueryFigures.Measure(data.Dbgen, query);
        var share = DimensionShare(data.Ours, query) / DimensionShare(data.Dbgen, query);
        var factRatio = ours.FactRows / (double)dbgen.FactRows / share;
        var totalRatio = ours.Total / dbgen.Total / share;
        var bound = 4 * Math.Sqrt((2.0 / Math.Max(1, ours.FactRows)) + (2.0 / Math.Max(1, dbgen.FactRows)));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{query}: result rows {ours.ResultRows} vs {dbgen.ResultRows}; fact rows {ours.FactRows} vs {dbgen.FactRows}; total ratio {ours.Total / dbgen.Total:F3}; dimension share ratio {share:F3}; adjusted fact ratio {factRatio:F3}, total ratio {totalRatio:F3} (bound ±{bound:P0})"));
        if (Math.Min(ours.FactRows, dbgen.FactRows) < 30)
        {
            return;
        }

        Assert.InRange(factRatio, 1 - bound, 1 + bound);
        Assert.InRange(totalRatio, 1 - bound, 1 + bound);
    }

    [Fact]
    public void The_date_table_equals_dbgens_row_for_row()
    {
        const string all = "select * from \"date\" order by d_datekey";
        var ours = data.Ours.Query(all);
        var dbgen = data.Dbgen.Query(all);
        Assert.Equal(dbgen.Count, ours.Count);
        for (var i = 0; i < ours.Count; i++)
        {
            Assert.Equal(dbgen[i], ours[i]);
        }
    }

    /// <summary>Key columns: distinct counts, minima and maxima equal; means within 1% (n ≥ 3,000 uniform draws, a relative error below 0.6% at four deviations).</summary>
    [Theory]
    [InlineData("lineorder", "lo_orderkey")]
    [InlineData("lineorder", "lo_linenumber")]
    [InlineData("lineorder", "lo_custkey")]
    [InlineData("lineorder", "lo_partkey")]
    [InlineData("lineorder", "lo_suppkey")]
    [InlineData("lineorder", "lo_orderdate")]
    [InlineData("lineorder", "lo_quantity")]
    [InlineData("lineorder", "lo_discount")]
    [InlineData("lineorder", "lo_tax")]
    [InlineData("customer", "c_custkey")]
    [InlineData("supplier", "s_suppkey")]
    [InlineData("part", "p_partkey")]
    [InlineData("part", "p_size")]
    public void Key_columns_have_dbgens_distinct_count_range_and_mean(string table, string column)
    {
        var sql = $"select count(distinct {column}), min({column}), max({column}), avg({column}) from {table}";
        var ours = data.Ours.Query(sql)[0];
        var dbgen = data.Dbgen.Query(sql)[0];
        output.WriteLine($"{column}: ours {string.Join(", ", ours)}; dbgen {string.Join(", ", dbgen)}");
        Assert.Equal(dbgen[..3], ours[..3]);
        Assert.InRange(SsbDuckDb.Number(ours[3]) / SsbDuckDb.Number(dbgen[3]), 0.99, 1.01);
    }

    /// <summary>
    /// Money columns depend on which (part, quantity) pairs were drawn: means agree to 1%, but extremes are tail
    /// statistics (the largest of 150,000 order totals differs by 2.2% between our data and dbgen's), so to 5%.
    /// </summary>
    [Theory]
    [InlineData("lo_extendedprice")]
    [InlineData("lo_ordtotalprice")]
    [InlineData("lo_revenue")]
    [InlineData("lo_supplycost")]
    [InlineData("lo_commitdate")]
    public void Money_and_commit_date_columns_have_dbgens_range_and_mean(string column)
    {
        var sql = $"select min({column}), max({column}), avg({column}), count(*) from lineorder";
        var ours = data.Ours.Query(sql)[0];
        var dbgen = data.Dbgen.Query(sql)[0];
        output.WriteLine($"{column}: ours {string.Join(", ", ours)}; dbgen {string.Join(", ", dbgen)}");
        Assert.InRange(SsbDuckDb.Number(ours[0]) / SsbDuckDb.Number(dbgen[0]), 0.95, 1.05);
        Assert.InRange(SsbDuckDb.Number(ours[1]) / SsbDuckDb.Number(dbgen[1]), 0.95, 1.05);
        Assert.InRange(SsbDuckDb.Number(ours[2]) / SsbDuckDb.Number(dbgen[2]), 0.99, 1.01);
        Assert.InRange(SsbDuckDb.Number(ours[3]) / SsbDuckDb.Number(dbgen[3]), 0.99, 1.01);
    }

    /// <summary>
    /// Share of fact rows the dimension filters let through, expected from the dimension tables alone: parts and
    /// suppliers are drawn uniformly; customers with key ≡ 1 (mod 3) twice as often as ≡ 2, never ≡ 0.
    /// </summary>
    private static double DimensionShare(SsbDuckDb database, string query)
    {
        var (customer, supplier, part) = s_filters[query];
        var share = 1.0;
        if (customer is not null)
        {
            share *= database.Scalar($"select sum(case when {customer} then (case c_custkey % 3 when 1 then 2 when 2 then 1 else 0 end) else 0 end) / sum(case c_custkey % 3 when 1 then 2 when 2 then 1 else 0 end) from customer");
        }

        if (supplier is not null)
        {
            share *= database.Scalar($"select avg(case when {supplier} then 1.0 else 0.0 end) from supplier");
        }

        if (part is not null)
        {
            share *= database.Scalar($"select avg(case when {part} then 1.0 else 0.0 end) from part");
        }

        return share;
    }
}
