using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Olap.Benchmarks.Ssb;

/// <summary>
/// Writes a <see cref="SsbReport"/> as <c>ssb-sf&lt;SF&gt;.json</c> (the fixed shape other tools read) and as a
/// Markdown table <c>ssb-sf&lt;SF&gt;.md</c> (what RESULTS.md quotes).
/// </summary>
internal static class SsbReportWriter
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };

    /// <summary>Writes both files into <paramref name="directory"/> (created) and returns their paths.</summary>
    public static (string Json, string Markdown) Write(SsbReport report, string directory)
    {
        ArgumentNullException.ThrowIfNull(report);
        Directory.CreateDirectory(directory);
        var stem = Path.Combine(directory, "ssb-sf" + report.ScaleFactor.ToString(CultureInfo.InvariantCulture) + (report.Cubes is null ? string.Empty : "-cubes"));
        File.WriteAllText(stem + ".json", ToJson(report));
        File.WriteAllText(stem + ".md", ToMarkdown(report));
        return (stem + ".json", stem + ".md");
    }

    public static string ToJson(SsbReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var document = new JsonReport(
            report.ScaleFactor,
            report.Threads,
            [.. report.Queries.Select(q => new JsonQuery(q.Name, q.Rows, Round(q.OlapMs, 4), Round(q.DuckDbMs, 3), Round(q.Ratio, 4), q.Match))],
            Round(report.GeomeanRatio, 4),
            Round(report.OlapLoadSeconds, 3),
            Round(report.DuckDbLoadSeconds, 3),
            report.OlapBytes,
            report.DuckDbBytes,
            report.OlapGeneratedLoadSeconds is { } generated ? Round(generated, 3) : null,
            report.Cubes is { } cubes
                ? new JsonCubes(
                    [.. cubes.Cubes.Select(c => new JsonCube(c.Name, Round(c.Seconds, 3), Round(c.WarmSeconds, 3), c.Rows, c.Bytes))],
                    Round(cubes.BuildSeconds, 3),
                    Round(cubes.WarmBuildSeconds, 3),
                    cubes.StatementFloorMs.ToDictionary(f => f.Key, f => Round(f.Value, 4)),
                    cubes.Consecutive.ToDictionary(c => c.Key, c => new JsonConsecutive(Round(c.Value.OlapMs, 4), Round(c.Value.DuckDbMs, 3))),
                    cubes.Bytes,
                    cubes.FactBytes,
                    cubes.AnsweredBy)
                : null);
        return JsonSerializer.Serialize(document, s_json);
    }

    public static string ToMarkdown(SsbReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"SSB SF {report.ScaleFactor}, {report.Threads} threads per engine, median of {report.Runs} warm runs (after one untimed run), engines alternating.\n\n");
        if (report.Cubes is { } cubes)
        {
            AppendCubeTable(report, cubes, text);
        }
        else
        {
            text.Append("| query | rows | Olap ms | DuckDB ms | Olap / DuckDB | match |\n");
            text.Append("|---|---:|---:|---:|---:|---|\n");
            foreach (var query in report.Queries)
            {
                text.Append(CultureInfo.InvariantCulture, $"| {query.Name} | {query.Rows:N0} | {query.OlapMs:F1} | {query.DuckDbMs:F1} | {query.Ratio:F2} | {(query.Match ? "yes" : "**NO**")} |\n");
            }

            text.Append(CultureInfo.InvariantCulture, $"| **geomean** | | | | **{report.GeomeanRatio:F2}** | {(report.AllMatch ? "all" : "**NOT ALL**")} |\n\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"- **Load** (CREATE + COPY of the .tbl files, durable on disk): Olap {report.OlapLoadSeconds:F1} s, DuckDB {report.DuckDbLoadSeconds:F1} s (ratio {report.OlapLoadSeconds / report.DuckDbLoadSeconds:F2}).\n");
        if (report.OlapGeneratedLoadSeconds is { } generatedSeconds)
        {
            text.Append(CultureInfo.InvariantCulture, $"- **Generate and load** (Olap: the generator writes straight into a database, lineorder appended in columns, the dimensions through COPY; against DuckDB's load of the .tbl files above): Olap {generatedSeconds:F1} s, DuckDB {report.DuckDbLoadSeconds:F1} s (ratio {generatedSeconds / report.DuckDbLoadSeconds:F2}).\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"- **Storage:** Olap {Size(report.OlapBytes)} (its folder), DuckDB {Size(report.DuckDbBytes)} (.db file after CHECKPOINT) (ratio {(double)report.OlapBytes / report.DuckDbBytes:F2}).\n");
        text.Append(CultureInfo.InvariantCulture, $"- **Physical design:** Olap: {report.OlapDesign}; DuckDB: {report.DuckDbDesign}.\n");
        var memory = report.Memory;
        var olapPeak = memory.OlapPeakIsolated
            ? $"Olap phase {Size(memory.OlapPeak)} (process peak while only Olap was open: load and one run of each query; peak reset after data generation; includes the .NET runtime)"
            : $"Olap phase {Size(memory.OlapPeak)} (process peak before DuckDB was opened; could not be reset, so it includes data generation if it ran)";
        text.Append(CultureInfo.InvariantCulture, $"- **Peak working set:** {olapPeak}; whole process {Size(memory.ProcessPeak)} (both engines in one process); DuckDB's own duckdb_memory() after the runs {Size(memory.DuckDbOwn)}.\n");
        if (!report.AllMatch)
        {
            foreach (var query in report.Queries.Where(q => !q.Match))
            {
                text.Append(CultureInfo.InvariantCulture, $"- **{query.Name} differs** (DuckDB vs Olap): {query.Comparison.Message}\n");
            }
        }

        return text.ToString();
    }

    /// <summary>Per query: which cube answered, Olap's time with cubes against DuckDB's without, and the cubes' cost.</summary>
    private static void AppendCubeTable(SsbReport report, SsbCubeReport cubes, StringBuilder text)
    {
        text.Append("| query | rows | answered from | Olap ms (cubes) | SELECT 1 ms | DuckDB ms | DuckDB / Olap | in a row: Olap ms | DuckDB ms | DuckDB / Olap | match |\n");
        text.Append("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        foreach (var query in report.Queries)
        {
            var cube = cubes.AnsweredBy.GetValueOrDefault(query.Name, "?");
            var floor = cubes.StatementFloorMs.TryGetValue(query.Name, out var f) ? f.ToString("F3", CultureInfo.InvariantCulture) : "?";
            var inRow = cubes.Consecutive.TryGetValue(query.Name, out var c)
                ? string.Create(CultureInfo.InvariantCulture, $"{c.OlapMs:F3} | {c.DuckDbMs:F1} | {c.DuckDbMs / c.OlapMs:F0}×")
                : "? | ? | ?";
            text.Append(CultureInfo.InvariantCulture, $"| {query.Name} | {query.Rows:N0} | {cube} | {query.OlapMs:F3} | {floor} | {query.DuckDbMs:F1} | {1 / query.Ratio:F0}× | {inRow} | {(query.Match ? "yes" : "**NO**")} |\n");
        }

        var slowest = report.Queries.Count == 0 ? double.NaN : report.Queries.Min(q => 1 / q.Ratio);
        var inRowRatios = cubes.Consecutive.Values.Select(c => c.DuckDbMs / c.OlapMs).ToList();
        var inRowGeomean = inRowRatios.Count == 0 ? double.NaN : Math.Exp(inRowRatios.Average(Math.Log));
        var inRowSlowest = inRowRatios.Count == 0 ? double.NaN : inRowRatios.Min();
        text.Append(CultureInfo.InvariantCulture, $"| **geomean** | | | | | | **{1 / report.GeomeanRatio:F0}×** (lowest {slowest:F0}×) | | | **{inRowGeomean:F0}×** (lowest {inRowSlowest:F0}×) | {(report.AllMatch ? "all" : "**NOT ALL**")} |\n\n");
        var duckDbTwice = 2 * report.Queries.Sum(q => q.DuckDbMs) / 1000;
        text.Append(CultureInfo.InvariantCulture, $"- **Cube build:** {cubes.BuildSeconds:F1} s for all cubes as the first builds in the process (JIT compilation included), against {duckDbTwice:F1} s for DuckDB to run the {report.Queries.Count} queries twice (ratio {cubes.BuildSeconds / duckDbTwice:F2}); rebuilt warm (REFRESH of each, as DuckDB's times are warm) {cubes.WarmBuildSeconds:F1} s (ratio {cubes.WarmBuildSeconds / duckDbTwice:F2}).\n");
        var outOfReach = report.Queries.Where(q => cubes.StatementFloorMs.TryGetValue(q.Name, out var floor) && q.DuckDbMs < 100 * floor).Select(q => q.Name).ToList();
        text.Append("- **Two orders of runs:** the first three time columns alternate the engines run by run (each Olap run follows DuckDB's run of the same query); \"in a row\" times each engine's runs of a query one after another, as BenchmarkDotNet times iterations.\n");
        text.Append(CultureInfo.InvariantCulture, $"- **Statement floor:** every timed Olap run follows DuckDB's run of the same query; Olap's `SELECT 1` in that place (column \"SELECT 1 ms\") is the least any statement can take there, and 100× is out of reach where DuckDB's time is below 100 times it: {(outOfReach.Count == 0 ? "no query here" : string.Join(", ", outOfReach))}.\n");
        text.Append(CultureInfo.InvariantCulture, $"- **Cube size:** {Size(cubes.Bytes)}, {100.0 * cubes.Bytes / cubes.FactBytes:F2}% of lineorder's {Size(cubes.FactBytes)}.\n");
        foreach (var cube in cubes.Cubes)
        {
            text.Append(CultureInfo.InvariantCulture, $"  - {cube.Name}: {cube.Rows:N0} rows, {Size(cube.Bytes)}, built in {cube.Seconds:F2} s, warm {cube.WarmSeconds:F2} s.\n");
        }
    }

    private static string Size(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):F1} MiB ({bytes:N0} bytes)");

    private static double Round(double value, int digits) => double.IsFinite(value) ? Math.Round(value, digits) : value;

    private sealed record JsonReport(
        [property: JsonPropertyName("sf")] double Sf,
        [property: JsonPropertyName("threads")] int Threads,
        [property: JsonPropertyName("queries")] IReadOnlyList<JsonQuery> Queries,
        [property: JsonPropertyName("geomean_ratio")] double GeomeanRatio,
        [property: JsonPropertyName("olap_load_s")] double OlapLoadS,
        [property: JsonPropertyName("duckdb_load_s")] double DuckDbLoadS,
        [property: JsonPropertyName("olap_bytes")] long OlapBytes,
        [property: JsonPropertyName("duckdb_bytes")] long DuckDbBytes,
        [property: JsonPropertyName("olap_generate_load_s")] double? OlapGenerateLoadS,
        [property: JsonPropertyName("cubes"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonCubes? Cubes);

    private sealed record JsonCubes(
        [property: JsonPropertyName("cubes")] IReadOnlyList<JsonCube> Cubes,
        [property: JsonPropertyName("build_s")] double BuildS,
        [property: JsonPropertyName("warm_build_s")] double WarmBuildS,
        [property: JsonPropertyName("statement_floor_ms")] IReadOnlyDictionary<string, double> StatementFloorMs,
        [property: JsonPropertyName("consecutive")] IReadOnlyDictionary<string, JsonConsecutive> Consecutive,
        [property: JsonPropertyName("bytes")] long Bytes,
        [property: JsonPropertyName("fact_bytes")] long FactBytes,
        [property: JsonPropertyName("answered_by")] IReadOnlyDictionary<string, string> AnsweredBy);

    private sealed record JsonConsecutive(
        [property: JsonPropertyName("olap_ms")] double OlapMs,
        [property: JsonPropertyName("duckdb_ms")] double DuckDbMs);

    private sealed record JsonCube(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("build_s")] double BuildS,
        [property: JsonPropertyName("warm_build_s")] double WarmBuildS,
        [property: JsonPropertyName("rows")] long Rows,
        [property: JsonPropertyName("bytes")] long Bytes);

    private sealed record JsonQuery(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("rows")] int Rows,
        [property: JsonPropertyName("olap_ms")] double OlapMs,
        [property: JsonPropertyName("duckdb_ms")] double DuckDbMs,
        [property: JsonPropertyName("ratio")] double Ratio,
        [property: JsonPropertyName("match")] bool Match);
}
