namespace Olap.Datasets.Tests.Ssb;

/// <summary>The 13 SSB queries as benchmarks/ssb/queries holds them, quoted for DuckDB.</summary>
public static class SsbQueryFiles
{
    public static IReadOnlyList<string> QueryNames { get; } =
        [.. Directory.GetFiles(RepositoryFiles.PathOf("benchmarks", "ssb", "queries"), "*.sql").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal)];

    public static string Sql(string query) => SsbDuckDb.Quote(File.ReadAllText(RepositoryFiles.PathOf("benchmarks", "ssb", "queries", query + ".sql")));
}
