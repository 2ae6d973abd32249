using Olap.Columnar.Storage;
using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Query.Tests.Database;

/// <summary>
/// The appender loads column chunks without SQL text: rows become visible at <see cref="OlapAppender.Commit"/>, in
/// the table's sort order, and an appender that is not committed, or whose table changed, leaves no trace.
/// </summary>
public sealed class AppenderTests : IDisposable
{
    private readonly TemporaryDirectory _temp = new();
    private readonly OlapDatabase _db;

    public AppenderTests()
    {
        _db = OlapDatabase.Open(_temp.File("db"));
        _db.Execute("CREATE TABLE t (day INTEGER, name VARCHAR) SORTED BY (day)");
        _db.Execute("INSERT INTO t VALUES (5, 'existing')");
    }

    public void Dispose()
    {
        _db.Dispose();
        _temp.Dispose();
    }

    private static DataChunk Chunk(OlapAppender appender, int first, int count)
    {
        var days = new ColumnBuilder(ColumnType.Integer);
        var names = new ColumnBuilder(ColumnType.Varchar);
        for (var i = first; i < first + count; i++)
        {
            days.AppendInt64((i * 7919) % 1000); // arrives out of order
            if (i % 10 == 0)
            {
                names.AppendNull();
            }
            else
            {
                names.AppendString($"n{i}");
            }
        }

        var chunk = appender.CreateChunk(count);
        days.ViewInto(chunk.Columns[0]);
        names.ViewInto(chunk.Columns[1]);
        chunk.SetCount(count);
        return chunk;
    }

    [Fact]
    public void Appended_chunks_become_visible_at_commit_in_sort_key_order()
    {
        using var connection = _db.Connect();
        using (var appender = connection.CreateAppender("T"))
        {
            for (var batch = 0; batch < 30; batch++)
            {
                appender.Append(Chunk(appender, batch * 10_000, 10_000));
            }

            Assert.Equal(300_000, appender.RowCount);
            Assert.Equal("1", ResultText.Lines(_db.Execute("SELECT count(*) FROM t"))[^1]); // not yet committed
            Assert.Equal(300_000, appender.Commit());
        }

        Assert.Equal("300001", ResultText.Lines(_db.Execute("SELECT count(*) FROM t"))[^1]);
        Assert.Equal("30000", ResultText.Lines(_db.Execute("SELECT count(*) FROM t WHERE name IS NULL"))[^1]);
        Assert.Equal("n12345", ResultText.Lines(_db.Execute("SELECT name FROM t WHERE name = 'n12345'"))[^1]);

        // The segment is sorted: reading it in storage order gives non-decreasing days.
        var days = _db.Execute("SELECT day FROM t");
        var previous = long.MinValue;
        var segmentStart = 1; // the first row is the earlier INSERT's segment
        for (var row = segmentStart; row < days.RowCount; row++)
        {
            var day = Convert.ToInt64(days.GetValue(row, 0), System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(day >= previous, $"row {row}: {day} after {previous}");
            previous = day;
        }
    }

    [Fact]
    public void A_load_that_outgrows_a_segment_continues_in_further_segments_committed_together()
    {
        var segmentsBefore = DirectoryState.ReferencedSegments(_db.Path).Count;
        using (var appender = new OlapAppender(_db, _db.Connect(), "t", maxSegmentBytes: 100_000))
        {
            for (var batch = 0; batch < 40; batch++) // 400,000 rows: four row groups, and a segment holds one
            {
                appender.Append(Chunk(appender, batch * 10_000, 10_000));
            }

            appender.Commit();
        }

        Assert.True(DirectoryState.ReferencedSegments(_db.Path).Count - segmentsBefore >= 3, "the rows should span several segments");
        Assert.Equal(DirectoryState.ReferencedSegments(_db.Path).Order(StringComparer.Ordinal), DirectoryState.SegmentFiles(_db.Path).Order(StringComparer.Ordinal));
        _db.Execute("INSERT INTO t VALUES (7, 'after')"); // a later commit keeps every segment the appender added
        Assert.Equal(DirectoryState.ReferencedSegments(_db.Path).Order(StringComparer.Ordinal), DirectoryState.SegmentFiles(_db.Path).Order(StringComparer.Ordinal));
        Assert.Equal("400002", ResultText.Lines(_db.Execute("SELECT count(*) FROM t"))[^1]);
        Assert.Equal("40000", ResultText.Lines(_db.Execute("SELECT count(*) FROM t WHERE name IS NULL"))[^1]);
    }

    [Fact]
    public void An_appender_disposed_without_commit_changes_nothing()
    {
        var before = DirectoryState.Of(_db.Path);
        using (var appender = _db.Connect().CreateAppender("t"))
        {
            appender.Append(Chunk(appender, 0, 50_000));
        }

        before.AssertUnchanged(DirectoryState.Of(_db.Path));
        Assert.Equal("1", ResultText.Lines(_db.Execute("SELECT count(*) FROM t"))[^1]);
    }

    [Fact]
    public void Commit_fails_and_changes_nothing_when_the_table_was_dropped_meanwhile()
    {
        using var appender = _db.Connect().CreateAppender("t");
        appender.Append(Chunk(appender, 0, 1_000));
        _db.Execute("DROP TABLE t");
        _db.Execute("CREATE TABLE t (day INTEGER, name VARCHAR, extra INTEGER)");
        var version = DirectoryState.ManifestVersion(_db.Path);

        var error = Assert.Throws<QueryException>(() => appender.Commit());

        Assert.Contains("dropped or redefined", error.Message, StringComparison.Ordinal);
        Assert.Equal(version, DirectoryState.ManifestVersion(_db.Path));
        Assert.Equal(["manifest.json", WriteLog.FileName], DirectoryState.DataFiles(_db.Path)); // the appender's file is gone too
        Assert.Equal("0", ResultText.Lines(_db.Execute("SELECT count(*) FROM t"))[^1]);
    }

    [Fact]
    public void Unknown_tables_and_mistyped_chunks_are_clear_errors()
    {
        using var connection = _db.Connect();
        var unknown = Assert.Throws<QueryException>(() => connection.CreateAppender("tt"));
        Assert.Contains("table tt does not exist", unknown.Message, StringComparison.Ordinal);

        using var appender = connection.CreateAppender("t");
        var wrong = new DataChunk([ColumnType.BigInt, ColumnType.Varchar]);
        var error = Assert.Throws<QueryException>(() => appender.Append(wrong));
        Assert.Contains("cannot append to t", error.Message, StringComparison.Ordinal);
    }
}
