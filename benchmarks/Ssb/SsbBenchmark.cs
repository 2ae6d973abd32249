using System.Diagnostics;
using System.Globalization;

namespace Olap.Benchmarks.Ssb;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks -- ssb --sf 1 [--threads 2] [--runs 5] [--out DIR] [--seed N]</c>:
/// the Star Schema Benchmark on Olap and DuckDB side by side, from the same generated .tbl files, with every answer
/// checked against the other engine's. <c>--reuse-databases</c> opens the databases an earlier complete load left
/// (marked by a <c>.loaded</c> file beside each folder) instead of loading again, for iterating on query speed; the
/// load times it reports are then not measurements. <c>--queries Q2.1,Q3.3</c> runs only the named queries.
/// </summary>
internal static class SsbBenchmark
{
    /// <summary>Runs the whole benchmark and returns the exit code: 0 done and all answers equal, 1 an answer differs, 2 bad arguments.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        SsbOptions options;
        try
        {
            options = SsbOptions.Parse(args);
        }
        catch (FormatException e)
        {
            error.WriteLine("ssb: " + e.Message);
            error.WriteLine(SsbOptions.Usage);
            return 2;
        }

        if (options.Parquet)
        {
            return SsbParquetBenchmark.Run(options, output, error);
        }

        // .NET's multicore JIT: the methods an earlier run compiled are compiled again on a spare core as this one starts,
        // instead of each on first call (what ReadyToRun images would save a published application). The profile lives in
        // the cache directory; the first run there records it. DuckDB, native code, has nothing to compile.
        Directory.CreateDirectory(options.Cache);
        System.Runtime.ProfileOptimization.SetProfileRoot(options.Cache);
        System.Runtime.ProfileOptimization.StartProfile($"ssb-sf{options.ScaleFactor.ToString(System.Globalization.CultureInfo.InvariantCulture)}-{(options.Cubes ? "cubes" : "plain")}.jitprofile");

        var files = SsbDataFiles.Ensure(options.Cache, options.ScaleFactor, options.Seed, output);
        var report = Measure(options, files, output);
        var (json, markdown) = SsbReportWriter.Write(report, options.Output);
        output.WriteLine();
        output.Write(SsbReportWriter.ToMarkdown(report));
        output.WriteLine($"wrote {json} and {markdown}");
        if (report.AllMatch)
        {
            return 0;
        }

        foreach (var query in report.Queries.Where(q => !q.Match))
        {
            error.WriteLine($"ssb: {query.Name}: the engines' answers differ (DuckDB vs Olap): {query.Comparison.Message}");
        }

        return 1;
    }

    /// <summary>Loads both engines into databases beside the data, runs the queries and collects the figures.</summary>
    public static SsbReport Measure(SsbOptions options, SsbDataFiles files, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(log);
        var databases = files.Directory + "-databases";
        var queries = options.Queries is { } names ? [.. SsbQuery.All.Where(q => names.Contains(q.Name, StringComparer.OrdinalIgnoreCase))] : SsbQuery.All;
        var runner = new SsbQueryRunner(queries, options.Runs);

        // Generating straight into Olap is timed first, apart: its memory is not part of the Olap phase's peak below.
        (double Seconds, long Bytes)? generated = null;
        if (!options.ReuseDatabases)
        {
            generated = GeneratedLoad.Measure(options, Path.Combine(databases, "olap-generated"));
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Olap: generated and loaded in {generated.Value.Seconds:F1} s, {generated.Value.Bytes:N0} bytes"));
        }

        // Olap alone first, so the peak working set of its load and queries can be read before DuckDB exists.
        var isolated = PeakMemory.TryReset();
        var olapDirectory = Path.Combine(databases, "olap");
        using var olap = new OlapSsbEngine(olapDirectory, options.Threads, options.ReuseDatabases, useCubes: options.Cubes);
        var olapLoad = Time(() => olap.Load(files));
        SsbEngine.MarkLoaded(olapDirectory);
        var olapBytes = olap.StorageBytes();
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Olap: {(olap.Reused ? "reused the loaded database" : "loaded")} in {olapLoad:F1} s, {olapBytes:N0} bytes"));
        IReadOnlyList<SsbCubeBuild>? cubes = null;
        if (options.Cubes)
        {
            cubes = olap.BuildCubes();
            foreach (var cube in cubes)
            {
                log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Olap: cube {cube.Name} built in {cube.Seconds:F2} s (warm rebuild {cube.WarmSeconds:F2} s), {cube.Rows:N0} rows, {cube.Bytes:N0} bytes"));
            }
        }

        var olapAnswers = runner.WarmUp(olap);
        var olapPeak = PeakMemory.Read();

        var duckDbDirectory = Path.Combine(databases, "duckdb");
        using var duckDb = new DuckDbSsbEngine(duckDbDirectory, options.Threads, options.ReuseDatabases);
        var duckDbLoad = Time(() => duckDb.Load(files));
        SsbEngine.MarkLoaded(duckDbDirectory);
        var duckDbBytes = duckDb.StorageBytes();
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"DuckDB: {(duckDb.Reused ? "reused the loaded database" : "loaded")} in {duckDbLoad:F1} s, {duckDbBytes:N0} bytes"));
        var duckDbAnswers = runner.WarmUp(duckDb);

        var timings = runner.Measure(olap, olapAnswers, duckDb, duckDbAnswers, timing => log.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{timing.Name}: {timing.Rows} rows, Olap {timing.OlapMs:F3} ms, DuckDB {timing.DuckDbMs:F1} ms, ratio {timing.Ratio:F4}, {(timing.Match ? "match" : "DIFFERENT: " + timing.Comparison.Message)}")));
        var memory = new SsbMemory(olapPeak, isolated, PeakMemory.Read(), duckDb.MemoryBytes());
        if (options.Explain)
        {
            foreach (var query in runner.Queries)
            {
                log.WriteLine($"== EXPLAIN ANALYZE {query.Name}");
                log.WriteLine(olap.ExplainAnalyze(query));
            }
        }

        SsbCubeReport? cubeReport = null;
        if (cubes is not null)
        {
            var answeredBy = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var query in runner.Queries)
            {
                answeredBy[query.Name] = olap.AnsweringCube(query) ?? "(tables)";
            }

            cubeReport = new SsbCubeReport(cubes, olap.FactBytes(), answeredBy)
            {
                StatementFloorMs = runner.StatementFloorMs(olap, duckDb),
                Consecutive = runner.MeasureConsecutive(olap, duckDb),
            };
            foreach (var (name, floor) in cubeReport.StatementFloorMs)
            {
                var (olapMs, duckDbMs) = cubeReport.Consecutive[name];
                log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: Olap SELECT 1 right after DuckDB's run {floor:F3} ms; runs in a row: Olap {olapMs:F3} ms, DuckDB {duckDbMs:F1} ms"));
            }
        }

        return new SsbReport(
            options.ScaleFactor, options.Threads, options.Runs, timings, olapLoad, duckDbLoad, olapBytes, duckDbBytes, memory, olap.PhysicalDesign, duckDb.PhysicalDesign)
        {
            OlapGeneratedLoadSeconds = generated?.Seconds,
            Cubes = cubeReport,
        };
    }

    private static double Time(Action action)
    {
        var started = Stopwatch.StartNew();
        action();
        return started.Elapsed.TotalSeconds;
    }
}
