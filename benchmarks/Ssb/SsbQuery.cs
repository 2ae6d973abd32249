using System.Reflection;
using System.Text.RegularExpressions;

namespace Olap.Benchmarks.Ssb;

/// <summary>One of the thirteen SSB queries, as written in benchmarks/ssb/queries (embedded in this assembly).</summary>
internal sealed partial record SsbQuery(string Name, string Sql)
{
    private const string ResourcePrefix = "Olap.Benchmarks.Ssb.Queries.";

    /// <summary>Q1.1 … Q4.3 in flight order.</summary>
    public static IReadOnlyList<SsbQuery> All { get; } = Load();

    /// <summary>
    /// The same query for DuckDB, where <c>date</c> is a keyword and the table must be quoted. Olap runs the text
    /// unchanged.
    /// </summary>
    public string DuckDbSql => DuckDbText(Sql);

    /// <summary>Quotes every bare <c>date</c> word (the table name; columns are d_date, d_datekey, …).</summary>
    public static string DuckDbText(string sql) => DateWord().Replace(sql, "\"date\"");

    [GeneratedRegex(@"(?<![\w""])date(?![\w""])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DateWord();

    private static List<SsbQuery> Load()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var queries = new List<SsbQuery>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);

            // "q1.1.sql" → "Q1.1".
            var stem = resource[ResourcePrefix.Length..^".sql".Length];
            queries.Add(new SsbQuery("Q" + stem.TrimStart('q'), reader.ReadToEnd()));
        }

        return queries;
    }
}
