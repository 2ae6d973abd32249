using Olap.Columnar.Format;
using Olap.Columnar.Storage;
using Olap.Columnar.Tests.Format;
using Olap.Columnar.Types;

namespace Olap.Columnar.Tests.Storage;

public sealed class DatabaseDirectoryTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    private readonly List<DatabaseDirectory> _opened = [];

    public void Dispose()
    {
        CloseAll();
        _directory.Dispose();
    }

    /// <summary>Opens the database as a process starting anew would: whatever this test opened before is closed first (its write lock let go).</summary>
    private DatabaseDirectory Reopen()
    {
        CloseAll();
        var database = DatabaseDirectory.Open(DatabasePath);
        _opened.Add(database);
        return database;
    }

    private void CloseAll()
    {
        foreach (var database in _opened)
        {
            database.Dispose();
        }

        _opened.Clear();
    }

    private string DatabasePath => _directory.File("db");

    [Fact]
    public void A_new_directory_opens_as_an_empty_database()
    {
        var database = Reopen();

        Assert.Same(Manifest.Empty, database.Current);
        Assert.True(Directory.Exists(DatabasePath));
    }

    [Fact]
    public void A_committed_manifest_comes_back_after_reopening_with_tables_sort_keys_segments_and_views()
    {
        var database = Reopen();
        var segment = WriteSegment(database, rows: 3);
        var table = new TableEntry(
            "lineorder",
            [new ColumnDefinition("lo_orderdate", ColumnType.Date), new ColumnDefinition("lo_revenue", ColumnType.Decimal(15, 2)), new ColumnDefinition("note", ColumnType.Varchar)],
            [new SortKeyColumn(0), new SortKeyColumn(1, Descending: true)],
            [new SegmentEntry(segment, 3)]);
        database.Commit(new Manifest(1, [table], [new ViewEntry("v", "SELECT 'it''s' AS \"x\"")]));

        var reopened = Reopen().Current;

        Assert.Equal(1, reopened.Version);
        var loaded = Assert.Single(reopened.Tables);
        Assert.Equal("lineorder", loaded.Name);
        Assert.Equal(table.Columns, loaded.Columns);
        Assert.Equal(table.SortKey, loaded.SortKey);
        Assert.Equal(table.Segments, loaded.Segments);
        Assert.Equal(3, loaded.RowCount);
        Assert.Equal("SELECT 'it''s' AS \"x\"", Assert.Single(reopened.Views).Sql);
        Assert.NotNull(reopened.FindTable("LINEORDER"));
    }

    [Fact]
    public void A_cubes_appended_segments_are_counted_in_the_manifest_and_a_count_past_its_segments_is_refused()
    {
        var database = Reopen();
        var first = WriteSegment(database, rows: 2);
        var second = WriteSegment(database, rows: 1);
        var cube = new TableEntry("c", [new ColumnDefinition("a", ColumnType.Integer)], [], [new SegmentEntry(first, 2), new SegmentEntry(second, 1)], new CubeEntry("SELECT a FROM t GROUP BY a", 1, Stale: false, DeltaSegments: 1));
        database.Commit(new Manifest(1, [cube], []));

        Assert.Equal(1, Reopen().Current.FindTable("c")!.Cube!.DeltaSegments);

        var path = Path.Combine(DatabasePath, DatabaseDirectory.ManifestFileName);
        var text = File.ReadAllText(path);
        Assert.Contains("\"deltaSegments\": 1", text, StringComparison.Ordinal);
        var fresh = cube with { Cube = cube.Cube! with { DeltaSegments = 0 } };
        Reopen().Commit(new Manifest(2, [fresh], []));
        Assert.DoesNotContain("deltaSegments", File.ReadAllText(path), StringComparison.Ordinal); // absent means none, as before the field
        Assert.Equal(0, Reopen().Current.FindTable("c")!.Cube!.DeltaSegments);

        var inconsistent = cube with { Cube = cube.Cube! with { DeltaSegments = 3 } };
        var error = Assert.Throws<InvalidOperationException>(() => Reopen().Commit(new Manifest(3, [inconsistent], [])));
        Assert.Contains("counts 3 appended segments of its 2", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, Reopen().Current.Version);
    }

    [Fact]
    public void A_commit_must_follow_the_current_version()
    {
        var database = Reopen();
        database.Commit(new Manifest(1, [], []));

        Assert.Throws<InvalidOperationException>(() => database.Commit(new Manifest(1, [], [new ViewEntry("late", "SELECT 1")])));
        Assert.Empty(Reopen().Current.Views);
    }

    [Fact]
    public void A_commit_naming_a_segment_that_was_never_written_is_refused_and_changes_nothing()
    {
        var database = Reopen();
        var table = new TableEntry("t", [new ColumnDefinition("a", ColumnType.Integer)], [], [new SegmentEntry("segment-missing.olap", 1)]);

        Assert.Throws<InvalidOperationException>(() => database.Commit(new Manifest(1, [table], [])));
        Assert.Equal(0, Reopen().Current.Version);
    }

    [Fact]
    public void Segments_and_temporary_files_that_no_manifest_names_are_removed_on_open_and_after_a_commit()
    {
        var database = Reopen();
        var kept = WriteSegment(database, rows: 1);
        var dropped = WriteSegment(database, rows: 1);
        var table = new TableEntry("t", [new ColumnDefinition("a", ColumnType.Integer)], [], [new SegmentEntry(kept, 1), new SegmentEntry(dropped, 1)]);
        database.Commit(new Manifest(1, [table], []));
        database.Commit(new Manifest(2, [table with { Segments = [new SegmentEntry(kept, 1)] }], []));

        Assert.False(File.Exists(database.SegmentPath(dropped)));
        var orphan = WriteSegment(database, rows: 1);
        File.WriteAllText(Path.Combine(DatabasePath, DatabaseDirectory.ManifestFileName + ".tmp"), "half a manifest");

        Reopen();

        Assert.True(File.Exists(database.SegmentPath(kept)));
        Assert.False(File.Exists(database.SegmentPath(orphan)));
        Assert.False(File.Exists(Path.Combine(DatabasePath, DatabaseDirectory.ManifestFileName + ".tmp")));
    }

    [Fact]
    public void A_damaged_manifest_is_reported_by_name_and_not_read()
    {
        Reopen().Commit(new Manifest(1, [], [new ViewEntry("v", "SELECT 1")]));
        var manifestPath = Path.Combine(DatabasePath, DatabaseDirectory.ManifestFileName);
        var text = File.ReadAllText(manifestPath);
        File.WriteAllText(manifestPath, text.Replace("SELECT 1", "SELECT 2", StringComparison.Ordinal));

        var error = Assert.Throws<IOException>(() => Reopen());

        Assert.Contains(manifestPath, error.Message, StringComparison.Ordinal);
        Assert.Contains("checksum mismatch", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"format\":1}")]
    [InlineData("{\"format\":7,\"checksum\":\"0\",\"body\":{}}")]
    [InlineData("[1,2]")]
    public void A_malformed_manifest_is_reported_clearly(string content)
    {
        Directory.CreateDirectory(DatabasePath);
        File.WriteAllText(Path.Combine(DatabasePath, DatabaseDirectory.ManifestFileName), content);

        var error = Assert.Throws<IOException>(() => Reopen());

        Assert.Contains("manifest:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_segment_file_is_reported_when_the_database_opens()
    {
        var database = Reopen();
        var segment = WriteSegment(database, rows: 1);
        database.Commit(new Manifest(1, [new TableEntry("t", [new ColumnDefinition("a", ColumnType.Integer)], [], [new SegmentEntry(segment, 1)])], []));
        File.Delete(database.SegmentPath(segment));

        var error = Assert.Throws<IOException>(() => Reopen());

        Assert.Contains(segment, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_with_other_files_is_not_mistaken_for_a_database()
    {
        Directory.CreateDirectory(DatabasePath);
        File.WriteAllText(Path.Combine(DatabasePath, "thesis.docx"), "precious");

        var error = Assert.Throws<IOException>(() => Reopen());

        Assert.Contains("not an Olap database", error.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(DatabasePath, "thesis.docx")));
    }

    private static string WriteSegment(DatabaseDirectory database, int rows)
    {
        var name = DatabaseDirectory.NewSegmentFileName();
        using var writer = new OlapFileWriter(database.SegmentPath(name), [new ColumnDefinition("a", ColumnType.Integer)]);
        for (var i = 0; i < rows; i++)
        {
            writer.AppendRow(ScalarValue.FromInt64(i));
        }

        writer.Finish();
        return name;
    }
}
