namespace Olap.Query.Tests.Database;

/// <summary>A database on disk is its directory: closing and opening it again gives back everything committed.</summary>
public sealed class DatabasePersistenceTests : IDisposable
{
    private readonly TemporaryDirectory _temp = new();

    private string DatabasePath => _temp.File("db");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Reopening_gives_back_every_table_view_and_sort_key_after_create_ctas_insert_copy_drop_and_create_view()
    {
        var csv = _temp.File("more.csv");
        File.WriteAllLines(csv, ["id,name", "5,five", "4,four"]);
        using (var db = OlapDatabase.Open(DatabasePath))
        {
            db.Execute("CREATE TABLE items (id INTEGER, name VARCHAR) SORTED BY (id)");
            db.Execute("INSERT INTO items VALUES (3, 'three'), (1, 'one'), (2, 'two')");
            db.Execute($"COPY items FROM '{csv}' (HEADER)");
            db.Execute("CREATE TABLE big_items SORTED BY (id DESC) AS SELECT id, upper(name) AS loud FROM items WHERE id >= 3");
            db.Execute("CREATE TABLE scratch (x INTEGER)");
            db.Execute("INSERT INTO scratch VALUES (42)");
            db.Execute("DROP TABLE scratch");
            db.Execute("CREATE VIEW small_items AS SELECT name FROM items WHERE id < 3");
        }

        using (var reopened = OlapDatabase.Open(DatabasePath))
        {
            Assert.Equal(["big_items", "items", "small_items"], ResultText.Column(reopened.Execute("SHOW TABLES")));
            Assert.Equal(
                ["1|one", "2|two", "3|three", "4|four", "5|five"],
                ResultText.Lines(reopened.Execute("SELECT id, name FROM items ORDER BY id")));
            Assert.Equal(["5|FIVE", "4|FOUR", "3|THREE"], ResultText.Lines(reopened.Execute("SELECT id, loud FROM big_items ORDER BY id DESC")));
            Assert.Equal(["one", "two"], ResultText.Lines(reopened.Execute("SELECT * FROM small_items ORDER BY name")));
            Assert.Equal(
                ["id|INTEGER|YES|SORT KEY 1", "name|VARCHAR|YES|NULL"],
                ResultText.Lines(reopened.Execute("DESCRIBE items")));
            Assert.Equal(
                ["id|INTEGER|YES|SORT KEY 1 DESC", "loud|VARCHAR|YES|NULL"],
                ResultText.Lines(reopened.Execute("DESCRIBE big_items")));
            var dropped = Assert.Throws<Olap.Query.Binding.BindException>(() => reopened.Execute("SELECT * FROM scratch"));
            Assert.Contains("scratch", dropped.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_scan_of_a_sorted_table_returns_rows_in_sort_key_order_after_reopening()
    {
        var values = Enumerable.Range(0, 5000).Select(i => (i * 7919) % 5000).ToList();
        using (var db = OlapDatabase.Open(DatabasePath))
        {
            db.Execute("CREATE TABLE ascending (k INTEGER, payload VARCHAR) SORTED BY (k)");
            db.Execute("CREATE TABLE descending (k INTEGER) SORTED BY (k DESC)");
            db.Execute($"INSERT INTO ascending VALUES {string.Join(", ", values.Select(v => $"({v}, 'p{v}')"))}");
            db.Execute($"INSERT INTO descending VALUES {string.Join(", ", values.Select(v => $"({v})"))}");
        }

        using var reopened = OlapDatabase.Open(DatabasePath);
        using var connection = reopened.Connect();
        connection.Execute("SET threads = 1");
        var scanned = connection.Execute("SELECT k, payload FROM ascending");
        Assert.Equal(values.Order().Select(v => $"{v}|p{v}"), ResultText.Lines(scanned));
        Assert.Equal(values.OrderDescending().Select(v => $"{v}"), ResultText.Lines(connection.Execute("SELECT k FROM descending")));
    }

    [Fact]
    public void Every_committed_statement_increases_the_manifest_version_by_one()
    {
        var csv = _temp.File("rows.csv");
        File.WriteAllLines(csv, ["a", "1", "2"]);
        using var db = OlapDatabase.Open(DatabasePath);
        string[] statements =
        [
            "CREATE TABLE t (a INTEGER)",
            "INSERT INTO t VALUES (7); CHECKPOINT", // an INSERT alone is logged and buffered, not committed
            $"COPY t FROM '{csv}' (HEADER); CHECKPOINT", // a small COPY is buffered too
            "CREATE TABLE u AS SELECT a FROM t",
            "CREATE VIEW v AS SELECT a FROM u",
            "DROP VIEW v",
            "DROP TABLE u",
        ];
        var version = DirectoryState.ManifestVersion(DatabasePath);
        foreach (var statement in statements)
        {
            db.Execute(statement);
            var next = DirectoryState.ManifestVersion(DatabasePath);
            Assert.True(next == version + 1, $"{statement}: version {version} became {next}");
            version = next;
        }
    }

    [Fact]
    public void Statements_that_change_nothing_commit_no_new_version()
    {
        using var db = OlapDatabase.Open(DatabasePath);
        db.Execute("CREATE TABLE t (a INTEGER)");
        var before = DirectoryState.Of(DatabasePath);

        db.Execute("SELECT count(*) FROM t");
        db.Execute("INSERT INTO t SELECT a FROM t");
        db.Execute("DROP TABLE IF EXISTS missing");
        db.Execute("SHOW TABLES");
        db.Execute("DESCRIBE t");

        before.AssertUnchanged(DirectoryState.Of(DatabasePath));
    }

    [Fact]
    public void Only_segments_the_manifest_names_stay_in_the_directory()
    {
        using (var db = OlapDatabase.Open(DatabasePath))
        {
            db.Execute("CREATE TABLE kept (a INTEGER)");
            db.Execute("INSERT INTO kept VALUES (1); CHECKPOINT");
            db.Execute("INSERT INTO kept VALUES (2); CHECKPOINT");
            db.Execute("CREATE TABLE dropped AS SELECT a FROM kept");
            Assert.Equal(3, DirectoryState.SegmentFiles(DatabasePath).Count);

            db.Execute("DROP TABLE dropped");
            Assert.Equal(DirectoryState.ReferencedSegments(DatabasePath), DirectoryState.SegmentFiles(DatabasePath));
            Assert.Equal(2, DirectoryState.SegmentFiles(DatabasePath).Count);
        }

        using var reopened = OlapDatabase.Open(DatabasePath);
        Assert.Equal(["1", "2"], ResultText.Column(reopened.Execute("SELECT a FROM kept ORDER BY a")));
    }

    [Fact]
    public void Opening_removes_segment_files_that_no_manifest_names()
    {
        using (var db = OlapDatabase.Open(DatabasePath))
        {
            db.Execute("CREATE TABLE t AS SELECT 1 AS a");
        }

        var stray = Path.Combine(DatabasePath, "segment-00000000000000000000000000000000.olap");
        File.WriteAllBytes(stray, [1, 2, 3]);

        using var reopened = OlapDatabase.Open(DatabasePath);
        Assert.False(File.Exists(stray));
        Assert.Equal(["1"], ResultText.Column(reopened.Execute("SELECT a FROM t")));
    }

    [Fact]
    public void An_in_memory_database_deletes_its_directory_on_dispose()
    {
        var db = OlapDatabase.OpenInMemory();
        db.Execute("CREATE TABLE t AS SELECT 1 AS a");
        db.Execute("SELECT a FROM t");
        var path = db.Path;
        Assert.True(Directory.Exists(path));
        Assert.NotEmpty(DirectoryState.SegmentFiles(path));

        db.Dispose();

        Assert.False(Directory.Exists(path));
    }

    [Fact]
    public void A_database_on_disk_keeps_its_directory_on_dispose()
    {
        var db = OlapDatabase.Open(DatabasePath);
        db.Execute("CREATE TABLE t AS SELECT 1 AS a");

        db.Dispose();

        Assert.True(File.Exists(Path.Combine(DatabasePath, "manifest.json")));
        Assert.Single(DirectoryState.SegmentFiles(DatabasePath));
    }
}
