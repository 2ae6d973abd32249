using System.Diagnostics;
using System.Globalization;
using Olap.Query;

namespace Olap.Benchmarks.Writes;

/// <summary>
/// <c>merges</c>: what background merges cost and what they buy. A table sorted by id takes many small checkpointed
/// loads whose ids spread over the whole key range (every segment overlaps every other), with merges off and on.
/// Reported: the load time, the segments left, the rows merges rewrote per row loaded (write amplification), and
/// query times over the result: a full aggregate, a narrow key range (where overlapping segments defeat zone maps)
/// and a GROUP BY. Medians of repeated queries, one thread count for both.
/// </summary>
internal static class MergeBenchmark
{
    public static int Run(string[] args, TextWriter output)
    {
        var loads = Option(args, "--loads", 256);
        var rowsPerLoad = Option(args, "--rows", 4096);
        var folder = Path.Combine(Path.GetTempPath(), $"olap-merges-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            output.WriteLine($"# Background merges ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {loads} checkpointed loads of {rowsPerLoad:N0} rows)");
            output.WriteLine();
            output.WriteLine("| merges | load s | segments | rows rewritten per row loaded | count/sum ms | key range ms | GROUP BY ms |");
            output.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
            foreach (var merging in new[] { false, true })
            {
                Measure(output, Path.Combine(folder, merging ? "on" : "off"), merging, loads, rowsPerLoad);
            }

            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void Measure(TextWriter output, string path, bool merging, int loads, int rowsPerLoad)
    {
        using var database = OlapDatabase.Open(path);
        database.AutoMerge = merging;
        database.Execute("CREATE TABLE t (id BIGINT, grp VARCHAR, amount DOUBLE) SORTED BY (id)");
        var random = new Random(42);
        var started = Stopwatch.StartNew();
        using (var session = database.Connect())
        {
            for (var load = 0; load < loads; load++)
            {
                var values = string.Join(", ", Enumerable.Range(0, rowsPerLoad).Select(i => string.Create(CultureInfo.InvariantCulture, $"({random.NextInt64(0, 1L << 40)}, 'g{i % 16}', {i * 0.25})")));
                session.Execute($"INSERT INTO t VALUES {values}; CHECKPOINT");
            }
        }

        database.WaitForMerges();
        var loadSeconds = started.Elapsed.TotalSeconds;
        var segments = Convert.ToInt64(database.Execute("SELECT count(*) FROM t").GetValue(0, 0), CultureInfo.InvariantCulture) == (long)loads * rowsPerLoad
            ? CountSegments(path)
            : throw new InvalidOperationException("rows went missing");
        var rewritten = database.MergeStatistics.RowsWritten / ((double)loads * rowsPerLoad);
        var aggregate = Median(database, "SELECT count(*), sum(amount) FROM t");
        var range = Median(database, "SELECT count(*), sum(amount) FROM t WHERE id BETWEEN 549755813888 AND 549756813888");
        var groups = Median(database, "SELECT grp, count(*), avg(amount) FROM t GROUP BY grp");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {(merging ? "on" : "off")} | {loadSeconds:F1} | {segments} | {rewritten:F2} | {aggregate:F2} | {range:F3} | {groups:F2} |"));
    }

    private static int CountSegments(string path) => Directory.EnumerateFiles(path, "segment-*.olap").Count();

    private static double Median(OlapDatabase database, string sql)
    {
        using var session = database.Connect();
        session.Execute(sql);
        var times = new List<double>();
        for (var i = 0; i < 21; i++)
        {
            var started = Stopwatch.GetTimestamp();
            session.Execute(sql);
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        times.Sort();
        return times[times.Count / 2];
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
