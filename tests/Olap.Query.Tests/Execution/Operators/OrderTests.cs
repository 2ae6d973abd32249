using System.Globalization;
using Olap.Query.Tests.Database;

namespace Olap.Query.Tests.Execution.Operators;

/// <summary>ORDER BY and top-N (ORDER BY ... LIMIT): NULL placement, direction, several keys, strings and doubles, checked against DuckDB and LINQ.</summary>
public sealed class OrderTests : IDisposable
{
    private readonly OracleDatabase _db = new();

    public OrderTests()
    {
        _db.Execute("CREATE TABLE t (id INTEGER, i INTEGER, d DOUBLE, s VARCHAR)");
        _db.Execute("""
            INSERT INTO t VALUES
              (1, 3, 1.5, 'b'), (2, NULL, 'nan'::DOUBLE, 'B'), (3, -7, -0.0, NULL), (4, 3, 0.0, 'ab'),
              (5, 0, NULL, 'abc'), (6, NULL, 'infinity'::DOUBLE, ''), (7, 12, '-infinity'::DOUBLE, 'a'), (8, -7, 'nan'::DOUBLE, 'b'),
              (9, 2147483647, -1e300, 'Z'), (10, -2147483648, 1e-300, 'é')
            """);
    }

    public void Dispose() => _db.Dispose();

    [Theory]
    [InlineData("i")]
    [InlineData("i DESC")]
    [InlineData("i NULLS FIRST")]
    [InlineData("i DESC NULLS FIRST")]
    [InlineData("i DESC NULLS LAST")]
    [InlineData("d")]
    [InlineData("d DESC")]
    [InlineData("d NULLS FIRST")]
    [InlineData("s")]
    [InlineData("s DESC NULLS FIRST")]
    [InlineData("i, s DESC")]
    [InlineData("i DESC, d")]
    [InlineData("s NULLS FIRST, i DESC NULLS LAST")]
    public void Order_by_matches_duckdb(string keys)
    {
        _db.AssertSameRows($"SELECT id FROM t ORDER BY {keys}, id", ordered: true);
    }

    [Theory]
    [InlineData("i", 3, 0)]
    [InlineData("d DESC", 4, 2)]
    [InlineData("s NULLS FIRST", 2, 1)]
    [InlineData("i DESC NULLS FIRST, d", 5, 3)]
    [InlineData("d", 100, 0)]
    [InlineData("d", 0, 0)]
    public void Top_n_matches_duckdb(string keys, int limit, int offset)
    {
        _db.AssertSameRows($"SELECT id FROM t ORDER BY {keys}, id LIMIT {limit} OFFSET {offset}", ordered: true);
    }

    [Fact]
    public void Nan_sorts_above_infinity_and_negative_zero_ties_with_zero()
    {
        var ids = ResultText.Column(_db.Olap.Execute("SELECT id FROM t ORDER BY d, id"));

        Assert.Equal(["7", "9", "3", "4", "10", "1", "6", "2", "8", "5"], ids);
    }

    [Fact]
    public void Strings_sort_by_their_bytes()
    {
        var values = ResultText.Column(_db.Olap.Execute("SELECT s FROM t WHERE s IS NOT NULL ORDER BY s, id"));

        Assert.Equal(["", "B", "Z", "a", "ab", "abc", "b", "b", "é"], values);
    }

    private sealed record Row(int Id, int? A, int? B, string? S);

    private static List<Row> RandomRows(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(id => new Row(
            id,
            random.Next(10) == 0 ? null : random.Next(-50, 50),
            random.Next(20) == 0 ? null : random.Next(1000),
            random.Next(15) == 0 ? null : $"s{random.Next(300)}"))];
    }

    private static string Literal(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "NULL";

    /// <summary>LINQ's order for ORDER BY a DESC NULLS FIRST, s NULLS LAST (ordinal), b, id.</summary>
    private static IEnumerable<Row> OracleOrder(IEnumerable<Row> rows)
        => rows.OrderBy(r => r.A is null ? 0 : 1).ThenByDescending(r => r.A)
            .ThenBy(r => r.S is null ? 1 : 0).ThenBy(r => r.S, StringComparer.Ordinal)
            .ThenBy(r => r.B is null ? 1 : 0).ThenBy(r => r.B)
            .ThenBy(r => r.Id);

    [Theory]
    [InlineData(1, 10, 0)]
    [InlineData(1, 37, 11)]
    [InlineData(4, 37, 11)]
    [InlineData(4, 2500, 3000)]
    [InlineData(2, 1, 19_999)]
    [InlineData(4, 0, 5)]
    [InlineData(2, 100, 25_000)]
    public void Top_n_equals_a_full_sort_followed_by_limit_and_offset(int threads, int limit, int offset)
    {
        using var db = OlapDatabase.OpenInMemory();
        using var connection = db.Connect();
        connection.Execute("CREATE TABLE r (id INTEGER, a INTEGER, b INTEGER, s VARCHAR)");
        var rows = RandomRows(20_000, seed: 1234);
        foreach (var batch in rows.Chunk(2500))
        {
            connection.Execute($"INSERT INTO r VALUES {string.Join(", ", batch.Select(r => $"({r.Id}, {Literal(r.A)}, {Literal(r.B)}, {(r.S is null ? "NULL" : $"'{r.S}'")})"))}");
        }

        connection.Execute($"SET threads = {threads}");
        const string Order = "ORDER BY a DESC NULLS FIRST, s NULLS LAST, b, id";
        var topN = ResultText.Column(connection.Execute($"SELECT id FROM r {Order} LIMIT {limit} OFFSET {offset}"));
        var fullSort = ResultText.Column(connection.Execute($"SELECT id FROM r {Order}"));

        var expected = OracleOrder(rows).Skip(offset).Take(limit).Select(r => r.Id.ToString(CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(expected, topN);
        Assert.Equal(expected, fullSort.Skip(offset).Take(limit));
        Assert.Equal(OracleOrder(rows).Select(r => r.Id.ToString(CultureInfo.InvariantCulture)), fullSort);
    }

    [Fact]
    public void Top_n_returns_whole_rows_of_every_type()
    {
        _db.AssertSameRows("SELECT id, i, s FROM t ORDER BY s DESC NULLS LAST, id LIMIT 4", ordered: true);
    }
}
