using Olap.Benchmarks.Ssb;

namespace Olap.Benchmarks.Tests;

/// <summary>The runner compares each engine's warm-up answer and reports medians; a wrong answer is reported, not hidden.</summary>
public sealed class SsbQueryRunnerTests
{
    private static readonly SsbQuery s_query = new("Q9.9", "select 1");

    [Fact]
    public void A_wrong_answer_is_reported_with_the_first_differing_row()
    {
        var runner = new SsbQueryRunner([s_query], runs: 3);
        using var right = new CannedEngine([[1993, 10L]]);
        using var wrong = new CannedEngine([[1993, 11L]]);

        var timing = Assert.Single(runner.Run(wrong, right));

        Assert.False(timing.Match);
        Assert.Contains("[1993, 10] vs [1993, 11]", timing.Comparison.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_engine_runs_once_untimed_and_then_once_per_timed_run()
    {
        var runner = new SsbQueryRunner([s_query], runs: 3);
        using var olap = new CannedEngine([[1L]]);
        using var duckDb = new CannedEngine([[(Int128)1]]);

        var timing = Assert.Single(runner.Run(olap, duckDb));

        Assert.True(timing.Match);
        Assert.Equal(1, timing.Rows);
        Assert.Equal(4, olap.Runs);
        Assert.Equal(4, duckDb.Runs);
    }

    [Fact]
    public void The_median_of_an_even_count_is_the_mean_of_the_middle_two()
    {
        Assert.Equal(2.0, SsbQueryRunner.Median([5.0, 1.0, 2.0]));
        Assert.Equal(2.5, SsbQueryRunner.Median([4.0, 1.0, 3.0, 2.0]));
    }

    private sealed class CannedEngine(List<object?[]> rows) : SsbEngine
    {
        public int Runs { get; private set; }

        public override string Name => "canned";

        public override string PhysicalDesign => "none";

        public override void Load(SsbDataFiles files)
        {
        }

        public override long StorageBytes() => 0;

        public override List<object?[]> Run(SsbQuery query)
        {
            Runs++;
            return rows;
        }

        public override void Dispose()
        {
        }
    }
}
