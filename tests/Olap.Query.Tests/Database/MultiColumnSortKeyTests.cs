using System.Globalization;
using System.Text;

namespace Olap.Query.Tests.Database;

/// <summary>
/// A table sorted by several columns (strings, NULLs, descending keys, wide integers, doubles) stores its rows in
/// key order, NULLs first ascending and last descending, strings by their bytes, rows with equal keys in arrival
/// order: whether the key packs into one integer per row (ranks of distinct values) or is too wide for 63 bits and
/// rows are compared column by column.
/// </summary>
public sealed class MultiColumnSortKeyTests : IDisposable
{
    private readonly OlapDatabase _database = OlapDatabase.OpenInMemory();

    public void Dispose() => _database.Dispose();

    private sealed record Row(int Id, string? Name, long? Wide, double? Ratio, int[] Extra);

    private static List<Row> Rows(int count, int seed, bool uniqueWide)
    {
        var random = new Random(seed);
        string[] names = ["b", "a", "ab", "Z", "é", "", "zz"];
        return [.. Enumerable.Range(0, count).Select(id => new Row(
            id,
            random.Next(8) == 0 ? null : names[random.Next(names.Length)],
            random.Next(10) == 0 ? null : uniqueWide ? random.NextInt64(long.MinValue / 2, long.MaxValue / 2) : random.Next(3) * 1_000_000_000_000L,
            random.Next(9) == 0 ? null : random.Next(4) / 2.0,
            [.. Enumerable.Range(0, 4).Select(_ => random.Next())]))];
    }

    private static int CompareNullable<T>(T? left, T? right, Comparison<T> compare)
        where T : struct
        => left is null ? (right is null ? 0 : -1) : right is null ? 1 : compare(left.Value, right.Value);

    private static int CompareNames(string? left, string? right)
        => left is null ? (right is null ? 0 : -1) : right is null ? 1 : Encoding.UTF8.GetBytes(left).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(right));

    /// <param name="extraKeys">
    /// Columns of about 3,000 distinct values added to the key: with none the ranks take under 20 bits and pack; with
    /// four (12 bits each) after 12 bits of distinct wide values they need more than 63 and rows are compared.
    /// </param>
    [Theory]
    [InlineData(false, 0)]
    [InlineData(true, 0)]
    [InlineData(true, 4)]
    public void Rows_are_stored_in_key_order_and_ties_keep_arrival_order(bool uniqueWide, int extraKeys)
    {
        var rows = Rows(3000, uniqueWide ? 2 : 1, uniqueWide);
        using var session = _database.Connect();
        var extra = string.Concat(Enumerable.Range(0, extraKeys).Select(e => $", e{e}"));
        session.Execute($"CREATE TABLE t (id INTEGER, name VARCHAR, wide BIGINT, ratio DOUBLE, e0 INTEGER, e1 INTEGER, e2 INTEGER, e3 INTEGER) SORTED BY (name, wide DESC, ratio{extra})");
        var values = string.Join(", ", rows.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"({r.Id}, {(r.Name is null ? "NULL" : "'" + r.Name + "'")}, {(r.Wide?.ToString(CultureInfo.InvariantCulture) ?? "NULL")}, {(r.Ratio?.ToString("R", CultureInfo.InvariantCulture) ?? "NULL")}, {string.Join(", ", r.Extra)})")));
        session.Execute($"INSERT INTO t VALUES {values}; CHECKPOINT");

        var expected = rows.ToList();
        expected.Sort((a, b) =>
        {
            var order = CompareNames(a.Name, b.Name);
            order = order != 0 ? order : -CompareNullable(a.Wide, b.Wide, (x, y) => x.CompareTo(y));
            order = order != 0 ? order : CompareNullable(a.Ratio, b.Ratio, (x, y) => x.CompareTo(y));
            for (var e = 0; e < extraKeys && order == 0; e++)
            {
                order = a.Extra[e].CompareTo(b.Extra[e]);
            }

            return order != 0 ? order : a.Id.CompareTo(b.Id);
        });

        Assert.Equal(expected.Select(r => r.Id.ToString(CultureInfo.InvariantCulture)), ResultText.Column(session.Execute("SELECT id FROM t")));
    }
}
