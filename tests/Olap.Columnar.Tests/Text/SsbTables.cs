using Olap.Columnar.Format;
using Olap.Columnar.Types;

namespace Olap.Columnar.Tests.Text;

/// <summary>
/// The five Star Schema Benchmark tables as dbgen writes them (column order of ../shared/ssb/SPEC.md §2), and where the
/// shared SF 0.1 reference files live.
/// </summary>
internal static class SsbTables
{
    public static readonly ColumnDefinition[] Lineorder =
    [
        new("lo_orderkey", ColumnType.Integer),
        new("lo_linenumber", ColumnType.Integer),
        new("lo_custkey", ColumnType.Integer),
        new("lo_partkey", ColumnType.Integer),
        new("lo_suppkey", ColumnType.Integer),
        new("lo_orderdate", ColumnType.Integer),
        new("lo_orderpriority", ColumnType.Varchar),
        new("lo_shippriority", ColumnType.Varchar),
        new("lo_quantity", ColumnType.Integer),
        new("lo_extendedprice", ColumnType.Integer),
        new("lo_ordtotalprice", ColumnType.Integer),
        new("lo_discount", ColumnType.Integer),
        new("lo_revenue", ColumnType.Integer),
        new("lo_supplycost", ColumnType.Integer),
        new("lo_tax", ColumnType.Integer),
        new("lo_commitdate", ColumnType.Integer),
        new("lo_shipmode", ColumnType.Varchar),
    ];

    public static readonly ColumnDefinition[] Customer =
    [
        new("c_custkey", ColumnType.Integer),
        new("c_name", ColumnType.Varchar),
        new("c_address", ColumnType.Varchar),
        new("c_city", ColumnType.Varchar),
        new("c_nation", ColumnType.Varchar),
        new("c_region", ColumnType.Varchar),
        new("c_phone", ColumnType.Varchar),
        new("c_mktsegment", ColumnType.Varchar),
    ];

    public static readonly ColumnDefinition[] Supplier =
    [
        new("s_suppkey", ColumnType.Integer),
        new("s_name", ColumnType.Varchar),
        new("s_address", ColumnType.Varchar),
        new("s_city", ColumnType.Varchar),
        new("s_nation", ColumnType.Varchar),
        new("s_region", ColumnType.Varchar),
        new("s_phone", ColumnType.Varchar),
    ];

    public static readonly ColumnDefinition[] Part =
    [
        new("p_partkey", ColumnType.Integer),
        new("p_name", ColumnType.Varchar),
        new("p_mfgr", ColumnType.Varchar),
        new("p_category", ColumnType.Varchar),
        new("p_brand1", ColumnType.Varchar),
        new("p_color", ColumnType.Varchar),
        new("p_type", ColumnType.Varchar),
        new("p_size", ColumnType.Integer),
        new("p_container", ColumnType.Varchar),
    ];

    /// <summary>The spec's "1 bit" flags are read as BOOLEAN: dbgen writes them as 0 and 1.</summary>
    public static readonly ColumnDefinition[] Date =
    [
        new("d_datekey", ColumnType.Integer),
        new("d_date", ColumnType.Varchar),
        new("d_dayofweek", ColumnType.Varchar),
        new("d_month", ColumnType.Varchar),
        new("d_year", ColumnType.Integer),
        new("d_yearmonthnum", ColumnType.Integer),
        new("d_yearmonth", ColumnType.Varchar),
        new("d_daynuminweek", ColumnType.Integer),
        new("d_daynuminmonth", ColumnType.Integer),
        new("d_daynuminyear", ColumnType.Integer),
        new("d_monthnuminyear", ColumnType.Integer),
        new("d_weeknuminyear", ColumnType.Integer),
        new("d_sellingseason", ColumnType.Varchar),
        new("d_lastdayinweekfl", ColumnType.Boolean),
        new("d_lastdayinmonthfl", ColumnType.Boolean),
        new("d_holidayfl", ColumnType.Boolean),
        new("d_weekdayfl", ColumnType.Boolean),
    ];

    /// <summary>
    /// ../shared/data/ssb-dbgen-sf0.1 next to the repository root (the folder holding Olap.sln). Absent data fails the
    /// test rather than skipping it: loading real dbgen output is the point.
    /// </summary>
    public static string DataFile(string name)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Olap.sln")))
        {
            directory = directory.Parent;
        }

        Assert.True(directory is not null, $"No folder containing Olap.sln above {AppContext.BaseDirectory}.");
        var folder = Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "data", "ssb-dbgen-sf0.1"));
        Assert.True(Directory.Exists(folder), $"The shared SSB reference data is missing: expected the folder {folder} (see ../shared/data/README.md).");
        var path = Path.Combine(folder, name);
        Assert.True(File.Exists(path), $"The shared SSB reference file {path} is missing.");
        return path;
    }
}
