using System.Diagnostics;
using System.Globalization;
using Olap.Query;

namespace Olap.Benchmarks.Writes;

/// <summary>
/// <c>merges</c>: what background merges cost and what they buy. A table sorted by id takes many small committed
/// loads (appender commits, one segment each) whose ids spread over the whole key range (every segment overlaps every other), with merges off and on.
/// Reported: the load time, the segments left, the rows merges rewrote per row loaded (write amplification), and
/// query times over the result: a full aggregate, a narrow key range (where overlapping segments defeat zone maps)
/// and a GROUP BY. Medians of repeated queries, one thread count for both.
/// </summary>
internal static class MergeBenchmark
{
    private static readonly string[] s_groups = [.. Enumerable.Range(0, 16).Select(g => string.Create(CultureInfo.InvariantCulture, $"g{g}"))];

    public static int Run(string[] args, TextWriter output)
    {
        var loads = BenchmarkOptions.Int(args, "--loads", 256);
        var rowsPerLoad = BenchmarkOptions.Int(args, "--rows", 4096);
        var folder = Path.Combine(Path.GetTempPath(), $"olap-merges-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            output.WriteLine($"# Background merges ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {loads} committed loads of {rowsPerLoad:N0} rows)");
            output.WriteLine();
            output.WriteLine("| merges | load s | segments (count × rows) | rows rewritten per row loaded | count/sum ms | key range ms | GROUP BY ms |");
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
            // Each load is one appender commit: one new segment, after which merges look for work.
            for (var load = 0; load < loads; load++)
            {
                using var appender = session.CreateAppender("t");
                var chunk = appender.CreateChunk();
                for (var start = 0; start < rowsPerLoad; start += chunk.Capacity)
                {
                    var count = Math.Min(chunk.Capacity, rowsPerLoad - start);
                    var ids = chunk.Columns[0].PrepareFlat<long>(count);
                    var amounts = chunk.Columns[2].PrepareFlat<double>(count);
                    var labels = new Olap.Columnar.Vectors.ColumnBuilder(Olap.Columnar.Types.ColumnType.Varchar, count);
                    for (var i = 0; i < count; i++)
                    {
                        ids[i] = random.NextInt64(0, 1L << 40);
                        amounts[i] = Math.Round(random.NextDouble() * 1000, 2);
                        labels.AppendString(s_groups[(start + i) % s_groups.Length]);
                    }

                    labels.ViewInto(chunk.Columns[1]);
                    chunk.SetCount(count);
                    appender.Append(chunk);
                }

                appender.Commit();
            }
        }

        database.WaitForMerges();
        var loadSeconds = started.Elapsed.TotalSeconds;
        if (Convert.ToInt64(database.Execute("SELECT count(*) FROM t").GetValue(0, 0), CultureInfo.InvariantCulture) != (long)loads * rowsPerLoad)
        {
            throw new InvalidOperationException("rows went missing");
        }

        var segments = Sizes(path);
        var rewritten = database.MergeStatistics.RowsWritten / ((double)loads * rowsPerLoad);
        var aggregate = Median(database, "SELECT count(*), sum(amount) FROM t");
        var range = Median(database, "SELECT count(*), sum(amount) FROM t WHERE id BETWEEN 549755813888 AND 549756813888");
        var groups = Median(database, "SELECT grp, count(*), avg(amount) FROM t GROUP BY grp");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {(merging ? "on" : "off")} | {loadSeconds:F1} | {segments} | {rewritten:F2} | {aggregate:F2} | {range:F3} | {groups:F2} |"));
    }

    /// <summary>The table's segments by size, "4 × 262,144" and so on, as the committed manifest lists them.</summary>
    private static string Sizes(string path)
    {
        var manifest = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(path, "manifest.json")))!;
        var table = manifest["body"]!["tables"]!.AsArray().Single(t => (string?)t!["name"] == "t")!;
        var rows = table["segments"]!.AsArray().Select(s => (long)s!["rows"]!);
        return string.Join(", ", rows.GroupBy(r => r).OrderByDescending(g => g.Key).Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Count()} × {g.Key:N0}")));
    }

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
}
