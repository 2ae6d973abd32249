using Olap.Columnar.Storage;
using Olap.Query.Binding;
using Olap.Query.Tests.Engine;

namespace Olap.Query.Tests.Database;

/// <summary>DELETE through deletion vectors: the rows go from every answer, the segments stay as they were written.</summary>
public sealed class DeleteTests : IDisposable
{
    private readonly TemporaryDirectory _temp = new();
    private readonly OlapDatabase _db;

    public DeleteTests()
    {
        _db = OlapDatabase.Open(_temp.File("db"));
        _db.Execute("CREATE TABLE t (id INTEGER, grp VARCHAR, amount BIGINT) SORTED BY (id)");
    }

    public void Dispose()
    {
        _db.Dispose();
        _temp.Dispose();
    }

    private static string Values(IEnumerable<int> ids) => string.Join(", ", ids.Select(i => $"({i}, {(i % 5 == 0 ? "NULL" : $"'g{i % 3}'")}, {i * 3})"));

    [Fact]
    public void Deleted_rows_leave_every_answer_and_the_segment_file_is_kept_with_a_deletion_vector()
    {
        _db.Execute($"INSERT INTO t VALUES {Values(Enumerable.Range(0, 5000))}; CHECKPOINT");
        var segments = DirectoryState.SegmentFiles(_db.Path);

        var result = _db.Execute("DELETE FROM t WHERE id % 7 = 0 OR grp IS NULL");

        Assert.Equal(Enumerable.Range(0, 5000).Count(i => i % 7 == 0 || i % 5 == 0), result.RowsAffected);
        Assert.Equal(segments, DirectoryState.SegmentFiles(_db.Path));
        Assert.Single(Directory.EnumerateFiles(_db.Path, "deletes-*" + DeletionVector.Extension));
        Assert.Equal(["0"], ResultText.Column(_db.Execute("SELECT count(*) FROM t WHERE id % 7 = 0 OR grp IS NULL")));
        Assert.Equal([Enumerable.Range(0, 5000).Count(i => i % 7 != 0 && i % 5 != 0).ToString(System.Globalization.CultureInfo.InvariantCulture)], ResultText.Column(_db.Execute("SELECT count(*) FROM t")));

        _db.Dispose();
        using var reopened = OlapDatabase.Open(_db.Path);
        Assert.Equal(["0"], ResultText.Column(reopened.Execute("SELECT count(*) FROM t WHERE id % 7 = 0")));
    }

    [Fact]
    public void Deletes_and_inserts_in_any_order_agree_with_DuckDB()
    {
        using var duck = new DuckDbOracle();
        duck.Execute("CREATE TABLE t (id INTEGER, grp VARCHAR, amount BIGINT)");
        var random = new Random(20261126);
        var next = 0;
        string[] conditions =
        [
            "id % {0} = 1", "grp = 'g{1}'", "amount > {2}", "id BETWEEN {2} AND {3}", "grp IS NULL AND id < {3}", "id IN ({0}, {1}, {2}, {3})",
        ];
        for (var step = 0; step < 40; step++)
        {
            string sql;
            if (random.Next(3) > 0)
            {
                var count = random.Next(1, 900);
                sql = $"INSERT INTO t VALUES {Values(Enumerable.Range(next, count))}";
                next += count;
            }
            else
            {
                var a = random.Next(2, 9);
                var b = random.Next(0, 3);
                var c = random.Next(0, Math.Max(1, next));
                sql = "DELETE FROM t WHERE " + string.Format(System.Globalization.CultureInfo.InvariantCulture, conditions[random.Next(conditions.Length)], a, b, c, c + random.Next(0, 400));
            }

            if (random.Next(5) == 0)
            {
                _db.Execute("CHECKPOINT");
            }

            _db.Execute(sql);
            duck.Execute(sql);
            const string all = "SELECT id, grp, amount FROM t ORDER BY id";
            Assert.Equal(ResultText.SortedLines(duck.Query(all)), ResultText.SortedLines(_db.Execute(all)));
        }

        const string summary = "SELECT grp, count(*), sum(amount), min(id), max(id) FROM t GROUP BY grp";
        Assert.Equal(ResultText.SortedLines(duck.Query(summary)), ResultText.SortedLines(_db.Execute(summary)));
    }

    [Fact]
    public void Deleting_every_row_of_a_segment_drops_the_segment_and_DELETE_without_a_condition_empties_the_table()
    {
        _db.Execute($"INSERT INTO t VALUES {Values(Enumerable.Range(0, 100))}; CHECKPOINT");
        _db.Execute($"INSERT INTO t VALUES {Values(Enumerable.Range(100, 100))}; CHECKPOINT");
        Assert.Equal(2, DirectoryState.SegmentFiles(_db.Path).Count);

        Assert.Equal(100, _db.Execute("DELETE FROM t WHERE id < 100").RowsAffected);
        Assert.Single(DirectoryState.SegmentFiles(_db.Path));
        Assert.Empty(Directory.EnumerateFiles(_db.Path, "deletes-*"));

        Assert.Equal(100, _db.Execute("DELETE FROM t").RowsAffected);
        Assert.Empty(DirectoryState.SegmentFiles(_db.Path));
        Assert.Equal(["0"], ResultText.Column(_db.Execute("SELECT count(*) FROM t")));
    }

    [Fact]
    public void A_delete_that_fails_changes_nothing()
    {
        _db.Execute($"INSERT INTO t VALUES {Values(Enumerable.Range(0, 100))}; CHECKPOINT");
        var before = DirectoryState.Of(_db.Path);

        Assert.Contains("column nope", Assert.Throws<BindException>(() => _db.Execute("DELETE FROM t WHERE nope = 1")).Message, StringComparison.Ordinal);
        Assert.Contains("true or false", Assert.Throws<BindException>(() => _db.Execute("DELETE FROM t WHERE id + 1")).Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", Assert.Throws<BindException>(() => _db.Execute("DELETE FROM missing")).Message, StringComparison.Ordinal);
        Assert.ThrowsAny<Exception>(() => _db.Execute("DELETE FROM t WHERE CAST(grp AS INTEGER) = 1"));

        before.AssertUnchanged(DirectoryState.Of(_db.Path));
        Assert.Equal(["100"], ResultText.Column(_db.Execute("SELECT count(*) FROM t")));
    }

    [Fact]
    public void A_delete_makes_the_views_over_the_table_stale_until_refreshed()
    {
        _db.Execute($"INSERT INTO t VALUES {Values(Enumerable.Range(0, 300))}");
        _db.Execute("CREATE MATERIALIZED VIEW m AS SELECT grp, count(*) AS n FROM t GROUP BY grp");
        const string query = "SELECT grp, count(*) FROM t GROUP BY grp";

        _db.Execute("DELETE FROM t WHERE grp = 'g1'");

        Assert.DoesNotContain("materialized view m", string.Join('\n', ResultText.Column(_db.Execute("EXPLAIN " + query))), StringComparison.Ordinal);
        var expected = ResultText.SortedLines(_db.Execute(query));
        Assert.DoesNotContain(expected, line => line.StartsWith("g1|", StringComparison.Ordinal));
        _db.Execute("REFRESH MATERIALIZED VIEW m");
        Assert.Contains("materialized view m", string.Join('\n', ResultText.Column(_db.Execute("EXPLAIN " + query))), StringComparison.Ordinal);
        Assert.Equal(expected, ResultText.SortedLines(_db.Execute(query)));
    }

    [Fact]
    public void A_damaged_deletion_vector_is_reported_by_name_and_never_read()
    {
        _db.Execute($"INSERT INTO t VALUES {Values(Enumerable.Range(0, 100))}; CHECKPOINT");
        _db.Execute("DELETE FROM t WHERE id < 10");
        var file = Directory.EnumerateFiles(_db.Path, "deletes-*").Single();
        _db.Dispose();
        var bytes = File.ReadAllBytes(file);
        bytes[20] ^= 0x01;
        File.WriteAllBytes(file, bytes);

        using var reopened = OlapDatabase.Open(_db.Path);
        var error = Assert.Throws<QueryException>(() => reopened.Execute("SELECT count(*) FROM t"));
        Assert.Contains(Path.GetFileName(file), error.Message, StringComparison.Ordinal);
        Assert.Contains("checksum", error.Message, StringComparison.Ordinal);
    }
}
