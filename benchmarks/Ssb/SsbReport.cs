namespace Olap.Benchmarks.Ssb;

/// <summary>Everything one <c>ssb</c> run measured; <see cref="SsbReportWriter"/> turns it into JSON and Markdown.</summary>
internal sealed record SsbReport(
    double ScaleFactor,
    int Threads,
    int Runs,
    IReadOnlyList<SsbQueryTiming> Queries,
    double OlapLoadSeconds,
    double DuckDbLoadSeconds,
    long OlapBytes,
    long DuckDbBytes,
    SsbMemory Memory,
    string OlapDesign,
    string DuckDbDesign)
{
    /// <summary>Seconds to generate the data and load it straight into Olap (the generator's olap format); null when not measured.</summary>
    public double? OlapGeneratedLoadSeconds { get; init; }

    /// <summary>The cubes Olap answered from (<c>--cubes on</c>); null without.</summary>
    public SsbCubeReport? Cubes { get; init; }

    /// <summary>Geometric mean of the per-query Olap / DuckDB ratios.</summary>
    public double GeomeanRatio => Queries.Count == 0 ? double.NaN : Math.Exp(Queries.Average(q => Math.Log(q.Ratio)));

    public bool AllMatch => Queries.All(q => q.Match);
}
