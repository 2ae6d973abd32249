using Olap.Columnar.Storage;

namespace Olap.Query.Tests.Database;

/// <summary>Background merges: small segments become one sorted segment, deleted rows are folded away, answers never change.</summary>
public sealed class SegmentMergeTests : IDisposable
{
    private readonly TemporaryDirectory _temp = new();
    private readonly OlapDatabase _db;

    public SegmentMergeTests()
    {
        _db = OlapDatabase.Open(_temp.File("db"));
        _db.Execute("CREATE TABLE t (id INTEGER, name VARCHAR) SORTED BY (id)");
    }

    public void Dispose()
    {
        _db.Dispose();
        _temp.Dispose();
    }

    /// <summary>Checkpointed loads of 100 rows each, ids descending from load to load: each is a segment of its own.</summary>
    private void Load(int segments, int first = 0)
    {
        for (var s = first; s < first + segments; s++)
        {
            var ids = Enumerable.Range(0, 100).Select(i => ((1000 - s) * 100) + i);
            _db.Execute($"INSERT INTO t VALUES {string.Join(", ", ids.Select(i => $"({i}, 'n{i % 13}')"))}; CHECKPOINT");
        }
    }

    private TableEntry Table => _db.Directory.Current.FindTable("t")!;

    [Fact]
    public void Enough_small_segments_are_merged_into_one_sorted_segment_with_the_same_rows()
    {
        _db.AutoMerge = false;
        Load(SegmentMerger.MinimumRun);
        var expected = ResultText.SortedLines(_db.Execute("SELECT id, name FROM t"));
        Assert.Equal(SegmentMerger.MinimumRun, Table.Segments.Count);

        _db.AutoMerge = true;
        _db.Execute("CREATE TABLE other (x INTEGER)"); // a commit, which looks for merges
        _db.WaitForMerges();

        var segment = Assert.Single(Table.Segments);
        Assert.Equal(SegmentMerger.MinimumRun * 100, segment.RowCount);
        Assert.Equal([segment.FileName], DirectoryState.SegmentFiles(_db.Path));
        Assert.Equal(expected, ResultText.SortedLines(_db.Execute("SELECT id, name FROM t")));
        Assert.Equal(1, _db.MergeStatistics.Merges);
        Assert.Equal(SegmentMerger.MinimumRun * 100, _db.MergeStatistics.RowsWritten);

        using var connection = _db.Connect();
        connection.Execute("SET threads = 1");
        var stored = ResultText.Column(connection.Execute("SELECT id FROM t")).Select(int.Parse).ToList();
        Assert.Equal(stored.Order(), stored);
    }

    [Fact]
    public void Only_segments_of_one_size_tier_are_merged_together_so_a_merged_segment_is_not_rewritten_at_every_merge()
    {
        _db.AutoMerge = false;
        Load(SegmentMerger.MinimumRun - 1);
        _db.Execute("INSERT INTO t SELECT id + 1000000, name FROM t; CHECKPOINT"); // 700 rows: tier 512-4095, not the 64-511 of 100
        var big = Table.Segments[^1];
        Assert.Equal(700, big.RowCount);
        for (var i = 0; i < 3; i++)
        {
            _db.Execute($"INSERT INTO t VALUES ({2_000_000 + i}, 'tiny'); CHECKPOINT");
        }

        // Seven of 100 rows, one of 700, three of 1: no tier holds eight yet.
        Assert.Empty(SegmentMerger.Candidates(Table));

        Load(1, first: SegmentMerger.MinimumRun);
        var chosen = SegmentMerger.Candidates(Table);
        Assert.Equal(SegmentMerger.MinimumRun, chosen.Count);
        Assert.All(chosen, segment => Assert.Equal(100, segment.RowCount));

        _db.AutoMerge = true;
        _db.Execute("CREATE TABLE other (x INTEGER)");
        _db.WaitForMerges();
        Assert.Equal([1, 1, 1, 700, 800], Table.Segments.Select(s => s.RowCount).Order());
        Assert.Equal(["1503"], ResultText.Column(_db.Execute("SELECT count(*) FROM t")));
    }

    [Fact]
    public void Fewer_small_segments_than_a_run_are_left_alone()
    {
        Load(SegmentMerger.MinimumRun - 1);
        _db.WaitForMerges();
        Assert.Equal(SegmentMerger.MinimumRun - 1, Table.Segments.Count);
    }

    [Fact]
    public void A_segment_with_a_quarter_of_its_rows_deleted_is_rewritten_without_them()
    {
        Load(2);
        _db.Execute("DELETE FROM t WHERE id % 4 = 0 AND id >= 99900");
        _db.WaitForMerges();

        Assert.All(Table.Segments, segment => Assert.Null(segment.Deletes));
        Assert.Empty(Directory.EnumerateFiles(_db.Path, "deletes-*"));
        Assert.Equal(["150"], ResultText.Column(_db.Execute("SELECT count(*) FROM t")));
        Assert.Equal(["0"], ResultText.Column(_db.Execute("SELECT count(*) FROM t WHERE id % 4 = 0 AND id >= 99900")));
    }

    [Fact]
    public void A_merge_whose_segments_changed_meanwhile_is_abandoned_and_leaves_no_file()
    {
        _db.AutoMerge = false;
        Load(3);
        var chosen = Table.Segments.ToList();
        var files = DirectoryState.SegmentFiles(_db.Path);
        _db.Execute("DELETE FROM t WHERE id = 99900");
        using var session = _db.Connect();

        var done = new StatementRunner(_db, session, string.Empty, CancellationToken.None).Merge("t", chosen);

        Assert.False(done);
        Assert.Equal(files, DirectoryState.SegmentFiles(_db.Path));
        Assert.Equal(["299"], ResultText.Column(_db.Execute("SELECT count(*) FROM t")));
    }

    [Fact]
    public async Task Queries_running_while_merges_commit_always_see_every_row()
    {
        var answers = new List<string>();
        var loading = Task.Run(() => Load(3 * SegmentMerger.MinimumRun));
        using var connection = _db.Connect();
        while (!loading.IsCompleted)
        {
            answers.Add(ResultText.Lines(connection.Execute("SELECT count(*) % 100, count(DISTINCT id) = count(*) FROM t"))[0]);
        }

        await loading;
        _db.WaitForMerges();
        Assert.NotEmpty(answers);
        Assert.All(answers, answer => Assert.Equal("0|true", answer));
        Assert.True(Table.Segments.Count < SegmentMerger.MinimumRun);
        Assert.Equal([(3 * SegmentMerger.MinimumRun * 100).ToString(System.Globalization.CultureInfo.InvariantCulture)], ResultText.Column(_db.Execute("SELECT count(*) FROM t")));
    }

    [Fact]
    public void A_commit_made_while_a_merge_writes_its_segment_leaves_that_segment_alone()
    {
        using var temp = new TemporaryDirectory();
        var files = new PausingFiles();
        using var db = OlapDatabase.Open(temp.File("db"), files);
        db.AutoMerge = false;
        db.Execute("CREATE TABLE t (id INTEGER) SORTED BY (id)");
        for (var s = 0; s < 3; s++)
        {
            db.Execute($"INSERT INTO t VALUES ({s}), ({s + 10}); CHECKPOINT");
        }

        var chosen = db.Directory.Current.FindTable("t")!.Segments.ToList();
        using var session = db.Connect();

        // The merge's segment reaches its final name; before the merge takes the writer gate, another statement
        // commits and tidies the directory of files no manifest names.
        files.AfterSegmentNamed = () => Task.Run(() => db.Execute("INSERT INTO t VALUES (100); CHECKPOINT")).Wait();
        var done = new StatementRunner(db, session, string.Empty, CancellationToken.None).Merge("t", chosen);

        Assert.True(done);
        Assert.True(files.Paused);
        Assert.Equal(2, db.Directory.Current.FindTable("t")!.Segments.Count);
        Assert.Equal(["0", "1", "2", "10", "11", "12", "100"], ResultText.Column(db.Execute("SELECT id FROM t ORDER BY id")));
        db.Dispose();
        using var reopened = OlapDatabase.Open(temp.File("db"));
        Assert.Equal(["7"], ResultText.Column(reopened.Execute("SELECT count(*) FROM t")));
    }

    /// <summary>Runs a callback once, on the thread that renamed a segment into place, right after the rename.</summary>
    private sealed class PausingFiles : StorageFiles
    {
        public Action? AfterSegmentNamed { get; set; }

        public bool Paused { get; private set; }

        public override void Move(string from, string to)
        {
            base.Move(from, to);
            var callback = AfterSegmentNamed;
            if (callback is not null && to.EndsWith(DatabaseDirectory.SegmentExtension, StringComparison.Ordinal))
            {
                AfterSegmentNamed = null;
                Paused = true;
                callback();
            }
        }
    }
}
