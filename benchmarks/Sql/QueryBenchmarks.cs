using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Olap.Benchmarks.Sql;

/// <summary>
/// Olap against DuckDB (in process) on the same 10,000,000-row fact table and 10,000-row dimension
/// (<see cref="StarDataset"/>), loaded by both from the same CSV files, with the same thread count. Each query has an
/// Olap method and a DuckDB method in one category; DuckDB is the baseline, so the Ratio column is Olap / DuckDB.
/// Both sides read every value of the result (<see cref="SqlEngine.Consume"/>).
/// </summary>
/// <remarks>
/// BenchmarkDotNet runs each method in its own process, so every process loads both engines once in its global
/// setup and, before anything is measured, checks that both give the same answer for the method's query.
/// </remarks>
[Config(typeof(QueryBenchmarkConfig))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class QueryBenchmarks
{
    private OlapEngine _olap = null!;
    private DuckDbEngine _duck = null!;

    [Params(2)]
    public int Threads { get; set; }

    [GlobalSetup(Targets = [nameof(FilterSumOlap), nameof(FilterSumDuckDb)])]
    public void SetupFilterSum() => Setup(BenchmarkQuery.FilterSum);

    [GlobalSetup(Targets = [nameof(GroupByLowOlap), nameof(GroupByLowDuckDb)])]
    public void SetupGroupByLow() => Setup(BenchmarkQuery.GroupByLow);

    [GlobalSetup(Targets = [nameof(GroupByHighOlap), nameof(GroupByHighDuckDb)])]
    public void SetupGroupByHigh() => Setup(BenchmarkQuery.GroupByHigh);

    [GlobalSetup(Targets = [nameof(JoinDimOlap), nameof(JoinDimDuckDb)])]
    public void SetupJoinDim() => Setup(BenchmarkQuery.JoinDim);

    [GlobalSetup(Targets = [nameof(TopNOlap), nameof(TopNDuckDb)])]
    public void SetupTopN() => Setup(BenchmarkQuery.TopN);

    [GlobalSetup(Targets = [nameof(CountDistinctOlap), nameof(CountDistinctDuckDb)])]
    public void SetupCountDistinct() => Setup(BenchmarkQuery.CountDistinct);

    [GlobalCleanup]
    public void Cleanup()
    {
        _olap?.Dispose();
        _duck?.Dispose();
    }

    [Benchmark, BenchmarkCategory("FilterSum")]
    public long FilterSumOlap() => _olap.Consume(BenchmarkQuery.FilterSum.Sql);

    [Benchmark(Baseline = true), BenchmarkCategory("FilterSum")]
    public long FilterSumDuckDb() => _duck.Consume(BenchmarkQuery.FilterSum.Sql);

    [Benchmark, BenchmarkCategory("GroupByLow")]
    public long GroupByLowOlap() => _olap.Consume(BenchmarkQuery.GroupByLow.Sql);

    [Benchmark(Baseline = true), BenchmarkCategory("GroupByLow")]
    public long GroupByLowDuckDb() => _duck.Consume(BenchmarkQuery.GroupByLow.Sql);

    [Benchmark, BenchmarkCategory("GroupByHigh")]
    public long GroupByHighOlap() => _olap.Consume(BenchmarkQuery.GroupByHigh.Sql);

    [Benchmark(Baseline = true), BenchmarkCategory("GroupByHigh")]
    public long GroupByHighDuckDb() => _duck.Consume(BenchmarkQuery.GroupByHigh.Sql);

    [Benchmark, BenchmarkCategory("JoinDim")]
    public long JoinDimOlap() => _olap.Consume(BenchmarkQuery.JoinDim.Sql);

    [Benchmark(Baseline = true), BenchmarkCategory("JoinDim")]
    public long JoinDimDuckDb() => _duck.Consume(BenchmarkQuery.JoinDim.Sql);

    [Benchmark, BenchmarkCategory("TopN")]
    public long TopNOlap() => _olap.Consume(BenchmarkQuery.TopN.Sql);

    [Benchmark(Baseline = true), BenchmarkCategory("TopN")]
    public long TopNDuckDb() => _duck.Consume(BenchmarkQuery.TopN.Sql);

    [Benchmark, BenchmarkCategory("CountDistinct")]
    public long CountDistinctOlap() => _olap.Consume(BenchmarkQuery.CountDistinct.Sql);

    [Benchmark(Baseline = true), BenchmarkCategory("CountDistinct")]
    public long CountDistinctDuckDb() => _duck.Consume(BenchmarkQuery.CountDistinct.Sql);

    private void Setup(BenchmarkQuery query)
    {
        (_olap, _duck) = LoadBoth(Threads);
        CheckAnswers(query, _olap, _duck);
    }

    /// <summary>Generates the data if it is not cached, and loads it into both engines.</summary>
    internal static (OlapEngine Olap, DuckDbEngine Duck) LoadBoth(int threads)
    {
        var dataset = StarDataset.Ensure();
        var olap = new OlapEngine(threads);
        var duck = new DuckDbEngine(threads);
        foreach (SqlEngine engine in new SqlEngine[] { olap, duck })
        {
            var started = Stopwatch.StartNew();
            engine.Load(dataset);
            Console.WriteLine($"// {engine.Name}: loaded {dataset.FactRows:N0} + {StarDataset.DimRows:N0} rows in {started.Elapsed.TotalSeconds:F1} s");
        }

        return (olap, duck);
    }

    /// <summary>Fails loudly unless both engines return the same rows for <paramref name="query"/>.</summary>
    internal static void CheckAnswers(BenchmarkQuery query, OlapEngine olap, DuckDbEngine duck)
    {
        var olapRows = olap.Rows(query.Sql);
        var duckRows = duck.Rows(query.Sql);
        AnswerCheck.AssertSame(query, olap, olapRows, duck, duckRows);
        Console.WriteLine($"// {query.Name}: both engines return the same {olapRows.Count:N0} rows");
    }
}
