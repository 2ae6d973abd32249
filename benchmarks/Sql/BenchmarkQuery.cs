namespace Olap.Benchmarks.Sql;

/// <summary>A benchmark query: its SQL, and whether its row order is defined (otherwise rows are compared as a set).</summary>
internal sealed record BenchmarkQuery(string Name, string Sql, bool Ordered)
{
    public static readonly BenchmarkQuery FilterSum = new(
        nameof(FilterSum), "SELECT sum(amount) FROM fact WHERE k_low = 3 AND amount > 50000", Ordered: true);

    public static readonly BenchmarkQuery GroupByLow = new(
        nameof(GroupByLow), "SELECT k_low, count(*), sum(amount), avg(price) FROM fact GROUP BY k_low", Ordered: false);

    public static readonly BenchmarkQuery GroupByHigh = new(
        nameof(GroupByHigh), "SELECT k_high, count(*), sum(amount) FROM fact GROUP BY k_high", Ordered: false);

    public static readonly BenchmarkQuery JoinDim = new(
        nameof(JoinDim),
        "SELECT d.category, sum(f.amount) FROM fact f JOIN dim d ON f.dim_id = d.dim_id WHERE d.region = 'EU' GROUP BY d.category",
        Ordered: false);

    public static readonly BenchmarkQuery TopN = new(
        nameof(TopN), "SELECT id, amount FROM fact ORDER BY amount DESC, id LIMIT 10", Ordered: true);

    public static readonly BenchmarkQuery CountDistinct = new(
        nameof(CountDistinct), "SELECT count(DISTINCT k_high) FROM fact", Ordered: true);

    public static IReadOnlyList<BenchmarkQuery> All { get; } = [FilterSum, GroupByLow, GroupByHigh, JoinDim, TopN, CountDistinct];
}
