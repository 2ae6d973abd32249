using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Olap.Benchmarks.Ssb;

/// <summary>
/// <c>ssb --sf 1 --parquet</c>: the 13 queries over the same Parquet files (one per table, written by the generator,
/// lineorder in date order) on both engines reading them in place — Olap through views over 'x.parquet', DuckDB
/// through views over read_parquet — with the same thread count, answers checked equal, medians of warm runs.
/// Writes <c>DIR/ssb-sf&lt;SF&gt;-parquet.json</c> and <c>.md</c>.
/// </summary>
internal static class SsbParquetBenchmark
{
    public static int Run(SsbOptions options, TextWriter output, TextWriter error)
    {
        var parquet = SsbParquetFiles.Ensure(options.Cache, options.ScaleFactor, options.Seed, output);
        var queries = options.Queries is { } names ? [.. SsbQuery.All.Where(q => names.Contains(q.Name, StringComparer.OrdinalIgnoreCase))] : SsbQuery.All;
        var runner = new SsbQueryRunner(queries, options.Runs);
        using var olap = new OlapParquetSsbEngine(parquet, options.Threads);
        var olapAnswers = runner.WarmUp(olap);
        using var duckDb = new DuckDbParquetSsbEngine(parquet, options.Threads);
        var duckDbAnswers = runner.WarmUp(duckDb);
        var timings = runner.Measure(olap, olapAnswers, duckDb, duckDbAnswers, timing => output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{timing.Name}: {timing.Rows} rows, Olap {timing.OlapMs:F1} ms, DuckDB {timing.DuckDbMs:F1} ms, ratio {timing.Ratio:F2}, {(timing.Match ? "match" : "DIFFERENT: " + timing.Comparison.Message)}")));
        if (options.Explain)
        {
            foreach (var query in runner.Queries)
            {
                output.WriteLine($"== EXPLAIN ANALYZE {query.Name}");
                output.WriteLine(olap.ExplainAnalyze(query));
            }
        }

        var geomean = Math.Exp(timings.Average(t => Math.Log(t.Ratio)));
        Directory.CreateDirectory(options.Output);
        var stem = Path.Combine(options.Output, $"ssb-sf{options.ScaleText}-parquet");
        File.WriteAllText(stem + ".json", JsonSerializer.Serialize(new
        {
            sf = options.ScaleFactor,
            threads = options.Threads,
            format = "parquet",
            queries = timings.Select(t => new { name = t.Name, rows = t.Rows, olap_ms = t.OlapMs, duckdb_ms = t.DuckDbMs, ratio = t.Ratio, match = t.Match }),
            geomean_ratio = geomean,
            parquet_bytes = parquet.Bytes,
        }));
        var markdown = Markdown(options, timings, geomean, parquet.Bytes);
        File.WriteAllText(stem + ".md", markdown);
        output.WriteLine();
        output.Write(markdown);
        output.WriteLine($"wrote {stem}.json and {stem}.md");
        foreach (var timing in timings.Where(t => !t.Match))
        {
            error.WriteLine($"ssb: {timing.Name}: the engines' answers differ (DuckDB vs Olap): {timing.Comparison.Message}");
        }

        return timings.All(t => t.Match) ? 0 : 1;
    }

    private static string Markdown(SsbOptions options, IReadOnlyList<SsbQueryTiming> timings, double geomean, long bytes)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"SSB SF {options.ScaleText} over Parquet files read in place by both engines, {options.Threads} threads each, median of {options.Runs} warm runs, engines alternating.");
        text.AppendLine();
        text.AppendLine("| query | rows | Olap ms | DuckDB ms | Olap / DuckDB | match |");
        text.AppendLine("|---|---:|---:|---:|---:|---|");
        foreach (var t in timings)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {t.Name} | {t.Rows} | {t.OlapMs:F1} | {t.DuckDbMs:F1} | {t.Ratio:F2} | {(t.Match ? "yes" : "NO")} |");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"| **geomean** | | | | **{geomean:F2}** | {(timings.All(t => t.Match) ? "all" : "NOT ALL")} |");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- **Files:** {bytes:N0} bytes of Parquet (snappy, row groups of 122,880 rows), written by Olap's generator, lineorder in lo_orderdate order; the same files for both engines.");
        return text.ToString();
    }
}
