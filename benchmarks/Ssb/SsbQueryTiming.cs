namespace Olap.Benchmarks.Ssb;

/// <summary>One query's figures: medians of the timed runs, and whether the two engines' answers matched.</summary>
internal sealed record SsbQueryTiming(string Name, int Rows, double OlapMs, double DuckDbMs, ResultComparison Comparison)
{
    /// <summary>Olap / DuckDB: below 1 Olap is faster.</summary>
    public double Ratio => OlapMs / DuckDbMs;

    public bool Match => Comparison.Match;
}
