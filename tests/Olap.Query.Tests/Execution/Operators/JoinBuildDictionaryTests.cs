namespace Olap.Query.Tests.Execution.Operators;

/// <summary>
/// A join's build side keeps a string column with few distinct values as codes into its distinct strings; what
/// the probe side sees (values, NULLs for unmatched LEFT rows, groups above the join) is the same as with plain strings.
/// </summary>
public sealed class JoinBuildDictionaryTests : IDisposable
{
    private readonly OlapDatabase _db = OlapDatabase.OpenInMemory();

    public JoinBuildDictionaryTests()
    {
        _db.Execute("CREATE TABLE dim (k INTEGER, category VARCHAR, label VARCHAR)");
        _db.Execute($"INSERT INTO dim VALUES {string.Join(", ", Enumerable.Range(0, 5000).Select(k => $"({k}, 'cat{k % 7}', 'label{k}')"))}");
        _db.Execute("CREATE TABLE fact (k INTEGER, amount INTEGER)");
        _db.Execute($"INSERT INTO fact VALUES {string.Join(", ", Enumerable.Range(0, 20000).Select(i => $"({(i * 37) % 6000}, {i % 11})"))}");
    }

    public void Dispose() => _db.Dispose();

    private List<string> Rows(string sql)
    {
        var result = _db.Execute(sql);
        return [.. Enumerable.Range(0, result.RowCount).Select(r => string.Join("|", Enumerable.Range(0, result.Columns.Count).Select(c => result.GetText(r, c))))];
    }

    [Fact]
    public void Grouping_by_a_low_cardinality_build_string_gives_the_sums_of_plain_strings()
    {
        var expected = Enumerable.Range(0, 20000).Select(i => (Key: (i * 37) % 6000, Amount: i % 11)).Where(r => r.Key < 5000)
            .GroupBy(r => $"cat{r.Key % 7}").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}|{g.Count()}|{g.Sum(r => r.Amount)}");

        var actual = Rows("SELECT category, count(*), sum(amount) FROM fact JOIN dim ON fact.k = dim.k GROUP BY category ORDER BY category");

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Unmatched_rows_of_a_left_join_see_NULL_and_matched_rows_their_own_strings()
    {
        var actual = Rows("SELECT DISTINCT fact.k, category, label FROM fact LEFT JOIN dim ON fact.k = dim.k WHERE fact.k IN (3, 4999, 5000, 5999) ORDER BY fact.k");

        Assert.Equal(["3|cat3|label3", "4999|cat1|label4999", "5000|NULL|NULL", "5999|NULL|NULL"], actual);
    }
}
