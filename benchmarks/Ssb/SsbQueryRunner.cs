using System.Diagnostics;

namespace Olap.Benchmarks.Ssb;

/// <summary>
/// Runs the queries on both engines: one untimed warm-up of each query per engine (its answer is the one compared),
/// then <c>runs</c> timed runs per query alternating the engines, reporting medians.
/// </summary>
internal sealed class SsbQueryRunner(IReadOnlyList<SsbQuery> queries, int runs)
{
    public IReadOnlyList<SsbQuery> Queries { get; } = queries;

    /// <summary>Runs every query once untimed (past tier-0 JIT code and cold caches) and returns the answers in query order.</summary>
    public IReadOnlyList<List<object?[]>> WarmUp(SsbEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return [.. Queries.Select(engine.Run)];
    }

    /// <summary>Compares the warm-up answers and times every query, Olap first in even runs and DuckDB first in odd ones.</summary>
    public IReadOnlyList<SsbQueryTiming> Measure(
        SsbEngine olap, IReadOnlyList<List<object?[]>> olapAnswers, SsbEngine duckDb, IReadOnlyList<List<object?[]>> duckDbAnswers, Action<SsbQueryTiming>? onQuery = null)
    {
        ArgumentNullException.ThrowIfNull(olap);
        ArgumentNullException.ThrowIfNull(duckDb);
        ArgumentNullException.ThrowIfNull(olapAnswers);
        ArgumentNullException.ThrowIfNull(duckDbAnswers);
        var timings = new List<SsbQueryTiming>(Queries.Count);
        for (var index = 0; index < Queries.Count; index++)
        {
            var query = Queries[index];
            var comparison = ResultComparer.Compare(duckDbAnswers[index], olapAnswers[index]);
            var olapMs = new double[runs];
            var duckDbMs = new double[runs];
            for (var run = 0; run < runs; run++)
            {
                if (run % 2 == 0)
                {
                    olapMs[run] = Time(olap, query);
                    duckDbMs[run] = Time(duckDb, query);
                }
                else
                {
                    duckDbMs[run] = Time(duckDb, query);
                    olapMs[run] = Time(olap, query);
                }
            }

            var timing = new SsbQueryTiming(query.Name, olapAnswers[index].Count, Median(olapMs), Median(duckDbMs), comparison);
            onQuery?.Invoke(timing);
            timings.Add(timing);
        }

        return timings;
    }

    /// <summary>
    /// Per query, Olap's time for a statement that reads nothing (<c>SELECT 1</c>) right after DuckDB ran that query,
    /// as every timed Olap run in <see cref="Measure"/> follows DuckDB's run of the same query: the floor under the
    /// query's Olap time, set by what DuckDB's run leaves in the caches. Medians of <c>runs</c> runs, by query name.
    /// </summary>
    public IReadOnlyDictionary<string, double> StatementFloorMs(SsbEngine olap, SsbEngine duckDb)
    {
        ArgumentNullException.ThrowIfNull(olap);
        ArgumentNullException.ThrowIfNull(duckDb);
        var nothing = new SsbQuery("SELECT 1", "SELECT 1");
        var floors = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var query in Queries)
        {
            var times = new double[runs];
            for (var run = 0; run < runs; run++)
            {
                duckDb.Run(query);
                times[run] = Time(olap, nothing);
            }

            floors[query.Name] = Median(times);
        }

        return floors;
    }

    /// <summary>
    /// Per query, each engine's median over <c>runs</c> runs in a row (Olap's, then DuckDB's), the way BenchmarkDotNet
    /// times one benchmark's iterations: each run finds the caches as the engine's previous run of the same query left
    /// them. <see cref="Measure"/>'s alternation makes every run follow the other engine's instead.
    /// </summary>
    public IReadOnlyDictionary<string, (double OlapMs, double DuckDbMs)> MeasureConsecutive(SsbEngine olap, SsbEngine duckDb)
    {
        ArgumentNullException.ThrowIfNull(olap);
        ArgumentNullException.ThrowIfNull(duckDb);
        var medians = new Dictionary<string, (double, double)>(StringComparer.Ordinal);
        foreach (var query in Queries)
        {
            medians[query.Name] = (Median(Times(olap, query)), Median(Times(duckDb, query)));
        }

        return medians;
    }

    private double[] Times(SsbEngine engine, SsbQuery query)
    {
        var times = new double[runs];
        for (var run = 0; run < runs; run++)
        {
            times[run] = Time(engine, query);
        }

        return times;
    }

    /// <summary>Warm-up on both engines, then <see cref="Measure"/>.</summary>
    public IReadOnlyList<SsbQueryTiming> Run(SsbEngine olap, SsbEngine duckDb) => Measure(olap, WarmUp(olap), duckDb, WarmUp(duckDb));

    public static double Median(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static double Time(SsbEngine engine, SsbQuery query)
    {
        var started = Stopwatch.StartNew();
        engine.Run(query);
        return started.Elapsed.TotalMilliseconds;
    }
}
