namespace Olap.Query.Tests.Differential;

/// <summary>
/// Every query gives the same rows in our engine as in DuckDB, with one and with two threads. Each query is its
/// own test case, named by the query, so a run lists every query that differs.
/// </summary>
[Collection(DifferentialCollection.Name)]
public sealed class DifferentialTests(DifferentialEngines engines)
{
    public static TheoryData<string, string, bool> HandWritten => Cases(HandWrittenQueries.All);

    public static TheoryData<string, string, bool> Random => Cases(RandomQueries.All);

    [Theory]
    [MemberData(nameof(HandWritten))]
    public void Hand_written_query_answers_as_duckdb_does(string name, string sql, bool ordered)
        => AssertSameAnswer(name, sql, ordered);

    [Theory]
    [MemberData(nameof(Random))]
    public void Random_query_answers_as_duckdb_does(string name, string sql, bool ordered)
        => AssertSameAnswer($"{name} of seed {RandomQueries.Seed}", sql, ordered);

    [Fact]
    public void The_random_queries_are_the_same_in_every_run()
    {
        var again = RandomQueries.Generate(RandomQueries.Seed, RandomQueries.Count);
        Assert.Equal(RandomQueries.All.Select(q => q.Sql), again.Select(q => q.Sql));
        Assert.True(RandomQueries.All.Count >= 200);
        Assert.Equal(RandomQueries.All.Count, RandomQueries.All.Select(q => q.Sql).Distinct(StringComparer.Ordinal).Count());
    }

    private void AssertSameAnswer(string name, string sql, bool ordered)
    {
        var differences = engines.Differences(sql, ordered);
        Assert.True(differences.Length == 0, $"{name}: {differences}");
    }

    private static TheoryData<string, string, bool> Cases(IReadOnlyList<HandWrittenQueries.Query> queries)
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var query in queries)
        {
            data.Add(query.Name, query.Sql, query.Ordered);
        }

        return data;
    }
}
