using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace Olap.Benchmarks.Sql;

/// <summary>
/// A job that finishes in reasonable time on 2 shared cores: one launch, 3 warm-ups, 7 measured iterations. Each
/// query runs long enough (tens of milliseconds and up) that this is plenty; read the Error column all the same.
/// </summary>
internal sealed class QueryBenchmarkConfig : ManualConfig
{
    public QueryBenchmarkConfig()
    {
        AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(7).WithId("Sql"));
        HideColumns("Job", "LaunchCount", "WarmupCount", "IterationCount");
    }
}
