using Olap.Columnar.Storage;

namespace Olap.Query.Tests.Database;

/// <summary>
/// Small INSERTs go to the write log (flushed before the statement returns) and an in-memory buffer that queries read
/// with the segments; a checkpoint writes the buffer as segments. A crash is a copy of the folder's files taken while
/// the database is open: every acknowledged statement is on disk by then, nothing else is.
/// </summary>
public sealed class WriteBufferTests : IDisposable
{
    private readonly TemporaryDirectory _temp = new();
    private readonly OlapDatabase _db;

    public WriteBufferTests()
    {
        _db = OlapDatabase.Open(_temp.File("db"));
        _db.Execute("CREATE TABLE t (id INTEGER, name VARCHAR, amount DECIMAL(12,2)) SORTED BY (id)");
        _db.Execute("INSERT INTO t VALUES (10, 'ten', 1.5), (20, 'twenty', 2.5)");
        _db.Execute("CHECKPOINT");
    }

    public void Dispose()
    {
        _db.Dispose();
        _temp.Dispose();
    }

    private string LogPath => System.IO.Path.Combine(_db.Path, WriteLog.FileName);

    private static List<string> All(OlapDatabase database) => ResultText.Lines(database.Execute("SELECT id, name, amount FROM t ORDER BY id"));

    /// <summary>The folder as a crash at this moment would leave it, opened as the next process would.</summary>
    private OlapDatabase CrashCopy(Action<string>? damage = null)
    {
        var copy = Database.CrashCopy.Of(_db.Path, _temp);
        damage?.Invoke(System.IO.Path.Combine(copy, WriteLog.FileName));
        return OlapDatabase.Open(copy);
    }

    [Fact]
    public void An_insert_is_logged_and_visible_at_once_without_writing_a_segment()
    {
        var segments = DirectoryState.SegmentFiles(_db.Path);
        var logLength = new FileInfo(LogPath).Length;

        _db.Execute("INSERT INTO t VALUES (5, 'five', 0.05)");
        _db.Execute("INSERT INTO t VALUES (30, NULL, NULL), (15, 'fifteen', -1)");

        Assert.Equal(segments, DirectoryState.SegmentFiles(_db.Path));
        Assert.True(new FileInfo(LogPath).Length > logLength);
        Assert.Equal(["5|five|0.05", "10|ten|1.50", "15|fifteen|-1.00", "20|twenty|2.50", "30|NULL|NULL"], All(_db));
        Assert.Equal(["3"], ResultText.Column(_db.Execute("SELECT count(*) FROM t WHERE id BETWEEN 5 AND 15")));
        Assert.Equal(["fifteen", "five"], ResultText.Column(_db.Execute("SELECT name FROM t WHERE name LIKE 'f%' ORDER BY name")));
    }

    [Fact]
    public void Acknowledged_inserts_survive_a_crash_and_the_next_close_writes_them_as_a_segment()
    {
        _db.Execute("INSERT INTO t VALUES (1, 'one', 1)");
        _db.Execute("INSERT INTO t VALUES (2, 'two', 2), (3, 'it''s', 3)");
        var expected = All(_db);

        using (var recovered = CrashCopy())
        {
            Assert.Equal(expected, All(recovered));
            Assert.Single(DirectoryState.SegmentFiles(recovered.Path));
            var path = recovered.Path;
            recovered.Dispose();
            Assert.Equal(2, DirectoryState.SegmentFiles(path).Count);
            Assert.Equal(8, new FileInfo(System.IO.Path.Combine(path, WriteLog.FileName)).Length);
            using var reopened = OlapDatabase.Open(path);
            Assert.Equal(expected, All(reopened));
        }
    }

    [Fact]
    public void Records_a_checkpoint_put_in_segments_but_a_crash_left_in_the_log_are_dropped_at_the_next_open()
    {
        // A crash between a checkpoint's commit and its emptying of the log: the log still holds rows the segments have.
        _db.Execute("INSERT INTO t VALUES (1, 'one', 1)");
        var log = File.ReadAllBytes(LogPath);
        _db.Execute("CHECKPOINT");
        using var recovered = CrashCopy(copy => File.WriteAllBytes(copy, log));

        recovered.Execute("INSERT INTO t VALUES (2, 'two', 2)");

        var expected = new List<string> { "1|one|1.00", "2|two|2.00", "10|ten|1.50", "20|twenty|2.50" };
        Assert.Equal(expected, All(recovered));
        using (var reader = OlapDatabase.Open(recovered.Path, DatabaseOpenMode.ReadOnly))
        {
            Assert.Equal(expected, All(reader));
        }
    }

    [Fact]
    public void A_torn_last_record_is_cut_off_and_the_statements_before_it_are_kept()
    {
        _db.Execute("INSERT INTO t VALUES (1, 'one', 1)");
        var before = new FileInfo(LogPath).Length;
        _db.Execute("INSERT INTO t VALUES (2, 'two', 2)");

        using var recovered = CrashCopy(log =>
        {
            using var file = new FileStream(log, FileMode.Open);
            file.SetLength(file.Length - 3);
        });

        Assert.Equal(["1|one|1.00", "10|ten|1.50", "20|twenty|2.50"], All(recovered));
        Assert.Equal(before, new FileInfo(System.IO.Path.Combine(recovered.Path, WriteLog.FileName)).Length);
        recovered.Execute("INSERT INTO t VALUES (3, 'three', 3)");
        Assert.Equal(["1|one|1.00", "3|three|3.00", "10|ten|1.50", "20|twenty|2.50"], All(recovered));
    }

    [Fact]
    public void A_flipped_bit_ends_the_log_at_the_last_record_that_checks_out()
    {
        _db.Execute("INSERT INTO t VALUES (1, 'one', 1)");
        var firstEnd = new FileInfo(LogPath).Length;
        _db.Execute("INSERT INTO t VALUES (2, 'two', 2)");
        _db.Execute("INSERT INTO t VALUES (3, 'three', 3)");

        // A bit in the middle record's payload: its checksum fails, so it and everything after it are dropped.
        using var recovered = CrashCopy(log =>
        {
            var bytes = File.ReadAllBytes(log);
            bytes[firstEnd + 20] ^= 0x10;
            File.WriteAllBytes(log, bytes);
        });

        Assert.Equal(["1|one|1.00", "10|ten|1.50", "20|twenty|2.50"], All(recovered));
        Assert.Equal(firstEnd, new FileInfo(System.IO.Path.Combine(recovered.Path, WriteLog.FileName)).Length);
    }

    [Fact]
    public void A_log_that_is_not_a_log_is_reported_by_name_and_the_database_is_not_opened()
    {
        _db.Execute("INSERT INTO t VALUES (1, 'one', 1)");
        var error = Assert.Throws<IOException>(() => CrashCopy(log => File.WriteAllText(log, "certainly not a write log")));
        Assert.Contains(WriteLog.FileName, error.Message, StringComparison.Ordinal);
        Assert.Contains("not an Olap write log", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CHECKPOINT_writes_the_buffer_as_a_sorted_segment_and_empties_the_log_without_changing_any_answer()
    {
        _db.Execute("INSERT INTO t VALUES (7, 'seven', 7), (3, 'three', 3)");
        _db.Execute("INSERT INTO t VALUES (40, 'forty', 40)");
        const string query = "SELECT name, sum(amount), count(*) FROM t WHERE id > 5 GROUP BY name ORDER BY name";
        var beforeAnswer = ResultText.Lines(_db.Execute(query));
        var all = All(_db);

        _db.Execute("CHECKPOINT");

        Assert.Equal(2, DirectoryState.SegmentFiles(_db.Path).Count);
        Assert.Equal(8, new FileInfo(LogPath).Length);
        Assert.Equal(beforeAnswer, ResultText.Lines(_db.Execute(query)));
        Assert.Equal(all, All(_db));
        using var reopened = CrashCopy();
        Assert.Equal(all, All(reopened));
    }

    [Fact]
    public void Buffered_strings_answer_filters_and_groups_as_the_same_rows_in_segments_do()
    {
        // Few distinct names (kept as a dictionary in the buffer), NULLs among them, and a chunk of all-distinct names (kept flat).
        var few = Enumerable.Range(0, 3000).Select(i => $"({i}, {(i % 11 == 0 ? "NULL" : $"'n{i % 7}'")}, {i})");
        var many = Enumerable.Range(3000, 2500).Select(i => $"({i}, 'unique {i}', {i})");
        _db.Execute("INSERT INTO t VALUES " + string.Join(", ", few));
        _db.Execute("INSERT INTO t VALUES " + string.Join(", ", many));
        string[] queries =
        [
            "SELECT name, count(*), sum(amount) FROM t GROUP BY name",
            "SELECT count(*) FROM t WHERE name = 'n3'",
            "SELECT count(*) FROM t WHERE name IN ('n1', 'n5', 'unique 4000', 'none')",
            "SELECT count(*) FROM t WHERE name > 'n4'",
            "SELECT count(*) FROM t WHERE name LIKE 'uni%7'",
            "SELECT count(*) FROM t WHERE name IS NULL",
            "SELECT id FROM t WHERE name = 'n6' AND id BETWEEN 100 AND 200",
        ];
        var buffered = queries.Select(q => ResultText.SortedLines(_db.Execute(q))).ToList();

        _db.Execute("CHECKPOINT");

        for (var q = 0; q < queries.Length; q++)
        {
            Assert.Equal(ResultText.SortedLines(_db.Execute(queries[q])), buffered[q]);
        }

        Assert.Equal(["273"], ResultText.Column(_db.Execute("SELECT count(*) FROM t WHERE name IS NULL")));
    }

    [Fact]
    public void Passing_the_buffer_threshold_checkpoints()
    {
        _db.WriteBufferRows = 5;
        _db.Execute("INSERT INTO t VALUES (1, 'a', 1), (2, 'b', 2)");
        _db.Execute("INSERT INTO t VALUES (3, 'c', 3), (4, 'd', 4)");
        Assert.Single(DirectoryState.SegmentFiles(_db.Path));

        _db.Execute("INSERT INTO t VALUES (5, 'e', 5)");

        Assert.Equal(2, DirectoryState.SegmentFiles(_db.Path).Count);
        Assert.Equal(8, new FileInfo(LogPath).Length);
        Assert.Equal(["7"], ResultText.Column(_db.Execute("SELECT count(*) FROM t")));
    }

    [Fact]
    public void Rows_logged_for_a_dropped_table_never_reach_a_new_table_of_the_same_name()
    {
        _db.Execute("INSERT INTO t VALUES (1, 'old', 1)");
        _db.Execute("DROP TABLE t");
        _db.Execute("CREATE TABLE t (id INTEGER, name VARCHAR, amount DECIMAL(12,2))");
        _db.Execute("INSERT INTO t VALUES (2, 'new', 2)");

        Assert.Equal(["2|new|2.00"], All(_db));
        using var recovered = CrashCopy();
        Assert.Equal(["2|new|2.00"], All(recovered));
    }

    [Fact]
    public void A_large_insert_writes_segments_straight_away()
    {
        _db.Execute("CREATE TABLE seed (i INTEGER)");
        _db.Execute("INSERT INTO seed VALUES " + string.Join(", ", Enumerable.Range(0, 200).Select(i => $"({i})")));
        _db.Execute("INSERT INTO t VALUES (1, 'small', 1)");
        var rows = StatementRunner.MaxBufferedInsertRows + 10;

        _db.Execute($"INSERT INTO t SELECT a.i * 1000 + b.i, 'bulk', 0 FROM seed a, seed b, seed c WHERE c.i < 2 LIMIT {rows}");

        Assert.Equal(8, new FileInfo(LogPath).Length);
        Assert.Equal([(rows + 3).ToString(System.Globalization.CultureInfo.InvariantCulture)], ResultText.Column(_db.Execute("SELECT count(*) FROM t")));
        using var recovered = CrashCopy();
        Assert.Equal([(rows + 3).ToString(System.Globalization.CultureInfo.InvariantCulture)], ResultText.Column(recovered.Execute("SELECT count(*) FROM t")));
    }

    [Fact]
    public void A_repeated_query_text_sees_rows_inserted_since_it_last_ran()
    {
        using var connection = _db.Connect();
        const string query = "SELECT count(*), max(id) FROM t";
        Assert.Equal(["2|20"], ResultText.Lines(connection.Execute(query)));

        connection.Execute("INSERT INTO t VALUES (99, 'late', 0)");

        Assert.Equal(["3|99"], ResultText.Lines(connection.Execute(query)));
    }

    [Fact]
    public void A_read_only_open_reads_the_writers_buffered_rows()
    {
        _db.Execute("INSERT INTO t VALUES (1, 'one', 1)");
        using var reader = OlapDatabase.Open(_db.Path, DatabaseOpenMode.ReadOnly);
        using var connection = reader.Connect();
        Assert.Equal(["3"], ResultText.Column(connection.Execute("SELECT count(*) FROM t")));

        _db.Execute("INSERT INTO t VALUES (2, 'two', 2)");
        Assert.Equal(["4"], ResultText.Column(connection.Execute("SELECT count(*) FROM t")));

        _db.Execute("CHECKPOINT");
        Assert.Equal(["4"], ResultText.Column(connection.Execute("SELECT count(*) FROM t")));
        _db.Execute("INSERT INTO t VALUES (3, 'three', 3)");
        Assert.Equal(All(_db), All(reader));
    }

    [Fact]
    public void A_failing_statement_leaves_the_buffer_and_the_files_as_they_were()
    {
        _db.Execute("INSERT INTO t VALUES (1, 'one', 1)");
        var before = DirectoryState.Of(_db.Path);
        var log = File.ReadAllBytes(LogPath);

        Assert.ThrowsAny<Exception>(() => _db.Execute("CREATE TABLE t (x INTEGER)"));
        Assert.ThrowsAny<Exception>(() => _db.Execute("INSERT INTO t VALUES (2, 'two', 1 / 0)"));

        before.AssertUnchanged(DirectoryState.Of(_db.Path));
        Assert.Equal(log, File.ReadAllBytes(LogPath));
        Assert.Equal(["1|one|1.00", "10|ten|1.50", "20|twenty|2.50"], All(_db));
    }

    [Fact]
    public void A_materialized_view_made_over_buffered_rows_counts_them_and_they_reach_segments_in_its_commit()
    {
        _db.Execute("INSERT INTO t VALUES (1, 'ten', 1)");

        _db.Execute("CREATE MATERIALIZED VIEW m AS SELECT name, count(*) AS n, sum(amount) AS s FROM t GROUP BY name");

        Assert.Equal(8, new FileInfo(LogPath).Length);
        Assert.Equal(["ten|2|2.50", "twenty|1|2.50"], ResultText.Lines(_db.Execute("SELECT name, n, s FROM m ORDER BY name")));
        using var recovered = CrashCopy();
        Assert.Equal(["ten|2", "twenty|1"], ResultText.Lines(recovered.Execute("SELECT name, count(*) FROM t GROUP BY name ORDER BY name")));
    }

    [Fact]
    public void A_table_a_materialized_view_reads_takes_inserts_as_segments_with_the_view_in_step()
    {
        _db.Execute("CREATE MATERIALIZED VIEW m AS SELECT name, count(*) AS n FROM t GROUP BY name");
        var logLength = new FileInfo(LogPath).Length;

        _db.Execute("INSERT INTO t VALUES (1, 'ten', 1)");

        Assert.Equal(logLength, new FileInfo(LogPath).Length);
        Assert.Equal(["ten|2", "twenty|1"], ResultText.Lines(_db.Execute("SELECT name, n FROM m ORDER BY name")));
    }
}
