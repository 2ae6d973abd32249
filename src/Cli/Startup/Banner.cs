using System.Globalization;
using System.Text;
using Olap.Cli.Session;

namespace Olap.Cli.Startup;

/// <summary>What the REPL prints at start: the version, what is open, and for the demo what is loaded and queries to try.</summary>
internal static class Banner
{
    /// <summary>Three of the SSB's questions, short enough to type, each showing a different part of the engine.</summary>
    public static IReadOnlyList<string> DemoQueries { get; } =
    [
        "SELECT d_year, sum(lo_revenue) AS revenue FROM lineorder JOIN date ON lo_orderdate = d_datekey GROUP BY d_year ORDER BY d_year;",
        "SELECT c_region, count(*) AS orders FROM lineorder JOIN customer ON lo_custkey = c_custkey GROUP BY c_region ORDER BY orders DESC;",
        "SELECT sum(lo_extendedprice * lo_discount) AS revenue FROM lineorder WHERE lo_orderdate BETWEEN 19930101 AND 19931231 AND lo_discount BETWEEN 1 AND 3 AND lo_quantity < 25;",
    ];

    public static string Text(DatabaseSession session, bool demo, string version)
    {
        var builder = new StringBuilder();
        builder.AppendLine(demo ? $"Olap {version}: the demo database in {session.Database.Path}" : $"Olap {version}: {session.Description}");
        if (demo)
        {
            var catalog = new CatalogNames(session.Connection);
            var counts = catalog.Tables().Select(table => string.Create(CultureInfo.InvariantCulture, $"{table} {session.Connection.Execute($"SELECT count(*) FROM {CatalogNames.Quote(table)}").GetValue(0, 0):N0}"));
            builder.AppendLine($"Star Schema Benchmark at scale factor 0.1, rows: {string.Join(", ", counts)}.");
            builder.AppendLine("Try:");
            foreach (var query in DemoQueries)
            {
                builder.AppendLine("  " + query);
            }
        }

        builder.Append("Enter SQL ending with ';', .help for commands, .quit or Ctrl-D to leave.");
        return builder.ToString();
    }
}
