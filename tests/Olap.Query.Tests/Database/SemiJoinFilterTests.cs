namespace Olap.Query.Tests.Database;

/// <summary>
/// A join whose build side keeps few of the dimension's keys hands those keys to the fact scan as a bitmap (a
/// semi-join filter): fact rows whose key is not among them never reach the join. EXPLAIN ANALYZE shows it on the
/// scan, and answers stay those of the join alone.
/// </summary>
public sealed class SemiJoinFilterTests : IDisposable
{
    private readonly TemporaryDirectory _temp = new();
    private readonly OlapDatabase _db;

    public SemiJoinFilterTests()
    {
        _db = OlapDatabase.Open(_temp.File("db"));

        // 200,000 fact rows in storage order of id; part keys 0..999 spread over every row group.
        var csv = _temp.File("facts.csv");
        File.WriteAllLines(csv, ["id,part,amount", .. Enumerable.Range(0, 200_000).Select(i => $"{i},{(i * 7919) % 1000},{i % 97}")]);
        _db.Execute("CREATE TABLE facts (id INTEGER, part INTEGER, amount INTEGER) SORTED BY (id)");
        _db.Execute($"COPY facts FROM '{csv}' (HEADER)");

        // Category c holds parts with part % 20 = c: one category keeps 5 % of the parts.
        _db.Execute("CREATE TABLE parts (part INTEGER, category INTEGER)");
        _db.Execute($"INSERT INTO parts VALUES {string.Join(", ", Enumerable.Range(0, 1000).Select(p => $"({p}, {p % 20})"))}");
    }

    public void Dispose()
    {
        _db.Dispose();
        _temp.Dispose();
    }

    private string Plan(string sql) => string.Join("\n", ResultText.Column(_db.Execute("EXPLAIN ANALYZE " + sql)));

    [Fact]
    public void A_selective_dimension_filter_reaches_the_fact_scan_as_a_key_bitmap()
    {
        const string sql = "SELECT count(*), sum(amount) FROM facts JOIN parts ON facts.part = parts.part WHERE parts.category = 3";

        var plan = Plan(sql);

        Assert.Contains("runtime filter: part BETWEEN 3 AND 983 AND part IN bitmap of 50 keys", plan, StringComparison.Ordinal);
        Assert.Contains("SCAN  [10,000 rows", plan, StringComparison.Ordinal);
        var expected = Enumerable.Range(0, 200_000).Where(i => (i * 7919) % 1000 % 20 == 3).ToList();
        Assert.Equal([$"{expected.Count}|{expected.Sum(i => i % 97)}"], ResultText.Lines(_db.Execute(sql)));
    }

    [Fact]
    public void A_dimension_filter_that_keeps_most_keys_adds_no_bitmap()
    {
        const string sql = "SELECT count(*) FROM facts JOIN parts ON facts.part = parts.part WHERE parts.category <> 3";

        var plan = Plan(sql);

        Assert.DoesNotContain("bitmap", plan, StringComparison.Ordinal);
        Assert.Equal(["190000"], ResultText.Lines(_db.Execute(sql)));
    }

    [Fact]
    public void A_left_join_keeps_every_fact_row_so_its_scan_gets_no_bitmap()
    {
        const string sql = "SELECT count(*), count(category) FROM facts LEFT JOIN parts ON facts.part = parts.part AND parts.category = 3";

        var plan = Plan(sql);

        Assert.DoesNotContain("bitmap", plan, StringComparison.Ordinal);
        Assert.Equal(["200000|10000"], ResultText.Lines(_db.Execute(sql)));
    }

    [Fact]
    public void Two_selective_dimensions_both_filter_the_fact_scan()
    {
        const string sql = "SELECT count(*) FROM facts JOIN parts p ON facts.part = p.part JOIN parts q ON facts.id % 1000 = q.part " +
            "WHERE p.category = 3";
        Assert.Equal(["10000"], ResultText.Lines(_db.Execute(sql)));

        const string both = "SELECT count(*) FROM facts JOIN parts p ON facts.part = p.part JOIN (SELECT part AS id FROM parts WHERE category = 1) AS ids ON facts.id = ids.id " +
            "WHERE p.category = 3";
        var plan = Plan(both);

        Assert.Contains("part IN bitmap of 50 keys", plan, StringComparison.Ordinal);
        var expected = Enumerable.Range(0, 1000).Count(i => i % 20 == 1 && (i * 7919) % 1000 % 20 == 3);
        Assert.Equal([$"{expected}"], ResultText.Lines(_db.Execute(both)));
    }
}
