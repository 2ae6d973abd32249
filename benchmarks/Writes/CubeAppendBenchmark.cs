using System.Diagnostics;
using System.Globalization;
using Olap.Benchmarks.Ssb;
using Olap.Columnar.Storage;
using Olap.Datasets.Ssb;
using Olap.Query;

namespace Olap.Benchmarks.Writes;

/// <summary>
/// <c>cube-appends</c>: what keeping cubes current costs an append. The SSB data at <c>--sf</c> (default 1) is
/// generated straight into a fresh database, the four cubes of benchmarks/ssb/cubes.sql are built, and then
/// <c>--inserts</c> single-row INSERTs into lineorder run one statement at a time, each timed: every one also brings
/// the four cubes up to date in its commit. Reported: the median, 90th percentile and slowest insert, how many
/// appended segments the cubes hold afterwards, and a REFRESH of the four cubes for scale (an append cost at least
/// that while appends rewrote the cubes). The appended rows are checked: a query answered from a cube gives the
/// answer the tables give.
/// </summary>
internal static class CubeAppendBenchmark
{
    private const string Check = "SELECT d_year, c_nation, sum(lo_revenue), count(*) FROM lineorder JOIN date ON lo_orderdate = d_datekey JOIN customer ON lo_custkey = c_custkey JOIN supplier ON lo_suppkey = s_suppkey WHERE c_region = 'ASIA' AND s_region = 'ASIA' GROUP BY d_year, c_nation ORDER BY d_year, c_nation";

    public static int Run(string[] args, TextWriter output)
    {
        var sf = BenchmarkOptions.Int(args, "--sf", 1);
        var inserts = BenchmarkOptions.Int(args, "--inserts", 100);
        var folder = Path.Combine(Path.GetTempPath(), $"olap-cube-appends-{Guid.NewGuid():N}");
        try
        {
            var generated = Stopwatch.StartNew();
            new SsbGenerator(sf, SsbGenerator.DefaultSeed) { Workers = Environment.ProcessorCount }.WriteDatabase(folder);
            var generateSeconds = generated.Elapsed.TotalSeconds;
            using var database = OlapDatabase.Open(folder);
            using var session = database.Connect();
            var built = Stopwatch.StartNew();
            session.ExecuteScript(SsbCubes.Script);
            var buildSeconds = built.Elapsed.TotalSeconds;

            var random = new Random(7);
            var times = new double[inserts];
            for (var i = 0; i < inserts; i++)
            {
                var sql = string.Create(
                    CultureInfo.InvariantCulture,
                    $"INSERT INTO lineorder VALUES ({2_000_000_000 + i}, 1, {random.Next(1, (30_000 * sf) + 1)}, {random.Next(1, 200_001)}, {random.Next(1, (2_000 * sf) + 1)}, {random.Next(1992, 1999)}{random.Next(1, 13):D2}{random.Next(1, 29):D2}, '1-URGENT', 0, {random.Next(1, 51)}, {random.Next(90_000, 10_000_000)}, 0, {random.Next(0, 11)}, {random.Next(90_000, 10_000_000)}, {random.Next(50_000, 120_000)}, 2, 19980101, 'TRUCK')");
                var started = Stopwatch.GetTimestamp();
                session.Execute(sql);
                times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }

            var manifest = ManifestSerializer.Deserialize(File.ReadAllBytes(Path.Combine(folder, DatabaseDirectory.ManifestFileName)));
            var deltas = manifest.Tables.Where(t => t.Cube is not null).Sum(t => t.Cube!.DeltaSegments);
            var answered = RowValues.Of(session.Execute(Check));
            session.Execute("SET use_cubes = false");
            var onTables = RowValues.Of(session.Execute(Check));
            session.Execute("SET use_cubes = true");
            var comparison = ResultComparer.Compare(onTables, answered);
            if (!comparison.Match)
            {
                output.WriteLine($"the cubes' answer differs from the tables': {comparison.Message}");
                return 1;
            }

            var refreshed = Stopwatch.StartNew();
            foreach (var cube in new[] { "ssb_q1_cube", "ssb_q2_cube", "ssb_q3_cube", "ssb_q4_cube" })
            {
                session.Execute($"REFRESH MATERIALIZED VIEW {cube}");
            }

            var refreshSeconds = refreshed.Elapsed.TotalSeconds;
            Array.Sort(times);
            output.WriteLine($"# Appends under cubes ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, SSB SF {sf}: generated in {generateSeconds:F1} s, four cubes built in {buildSeconds:F1} s)");
            output.WriteLine();
            output.WriteLine("| single-row INSERTs into lineorder | median ms | p90 ms | slowest ms | appended cube segments after | REFRESH of the four cubes s | cube answer = tables' |");
            output.WriteLine("|---:|---:|---:|---:|---:|---:|---|");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {inserts} | {times[inserts / 2]:F1} | {times[inserts * 9 / 10]:F1} | {times[^1]:F1} | {deltas} | {refreshSeconds:F2} | yes |"));
            return 0;
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
