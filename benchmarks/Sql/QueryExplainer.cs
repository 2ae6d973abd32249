using System.Diagnostics;

namespace Olap.Benchmarks.Sql;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks -- --sql-explain [threads]</c>: loads both engines, checks every
/// <see cref="BenchmarkQuery"/>, times one warm run of each (after three untimed runs) on both, and prints Olap's EXPLAIN ANALYZE of each, to
/// see where the time goes.
/// </summary>
internal static class QueryExplainer
{
    public static void Run(int threads)
    {
        var (olap, duck) = QueryBenchmarks.LoadBoth(threads);
        using (olap)
        using (duck)
        {
            foreach (var query in BenchmarkQuery.All)
            {
                QueryBenchmarks.CheckAnswers(query, olap, duck);
                for (var warm = 0; warm < 3; warm++)
                {
                    // Past tier-0 JIT code, as the benchmark's warm-up is.
                    olap.Consume(query.Sql);
                    duck.Consume(query.Sql);
                }

                var olapMs = Time(() => olap.Consume(query.Sql));
                var duckMs = Time(() => duck.Consume(query.Sql));
                // The same query wrapped in count(*): the engine's own time without handing every row to .NET.
                var counted = $"SELECT count(*) FROM ({query.Sql}) AS q";
                var olapCountMs = Time(() => olap.Consume(counted));
                var duckCountMs = Time(() => duck.Consume(counted));
                Console.WriteLine(
                    $"== {query.Name}: Olap {olapMs:F1} ms, DuckDB {duckMs:F1} ms (one warm run each); " +
                    $"as count(*) of the result: Olap {olapCountMs:F1} ms, DuckDB {duckCountMs:F1} ms");
                Console.WriteLine(query.Sql);
                Console.WriteLine(olap.ExplainAnalyze(query.Sql));
            }
        }
    }

    private static double Time(Func<long> run)
    {
        var started = Stopwatch.StartNew();
        run();
        return started.Elapsed.TotalMilliseconds;
    }
}
