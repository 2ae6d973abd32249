using System.Text.RegularExpressions;

namespace Olap.Datasets.Tests.Ssb;

/// <summary>What one SSB query gives on one data set: result rows, fact rows passing the filters, and the total of its sum column.</summary>
public sealed partial record SsbQueryFigures(int ResultRows, long FactRows, double Total)
{
    public static IReadOnlyList<string> QueryNames { get; } =
        [.. Directory.GetFiles(RepositoryFiles.PathOf("benchmarks", "ssb", "queries"), "*.sql").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal)];

    public static string Sql(string query) => SsbDuckDb.Quote(File.ReadAllText(RepositoryFiles.PathOf("benchmarks", "ssb", "queries", query + ".sql")));

    public static SsbQueryFigures Measure(SsbDuckDb database, string query)
    {
        var sql = Sql(query);
        var rows = database.Query(sql);

        // Flight 2 selects sum(lo_revenue) first; every other query has its sum last.
        var sumColumn = query.StartsWith("q2.", StringComparison.Ordinal) ? 0 : rows.Count == 0 ? 0 : rows[0].Length - 1;
        var total = rows.Sum(r => SsbDuckDb.Number(r[sumColumn]));
        var from = FromWhere().Match(sql).Groups[1].Value;
        var facts = (long)database.Scalar("select count(*) " + from);
        return new SsbQueryFigures(rows.Count, facts, total);
    }

    /// <summary>The FROM and WHERE of an SSB query: everything from 'from' up to GROUP BY or the end.</summary>
    [GeneratedRegex(@"(from\s.*?)(group by|;|$)", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex FromWhere();
}
