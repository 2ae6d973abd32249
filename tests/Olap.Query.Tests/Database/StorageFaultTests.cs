using Olap.Columnar.Storage;

namespace Olap.Query.Tests.Database;

/// <summary>
/// Storage failing under the write path, through an injected <see cref="StorageFiles"/>: a full disk mid-segment, a
/// failed fsync of the log or of a manifest, a write torn halfway. Each statement fails with a clear error, and the
/// database, reopened as after a crash, is in its last committed state.
/// </summary>
public sealed class StorageFaultTests : IDisposable
{
    private readonly TemporaryDirectory _temp = new();
    private readonly FaultyFiles _files = new();
    private readonly OlapDatabase _db;

    public StorageFaultTests()
    {
        _db = OlapDatabase.Open(_temp.File("db"), _files);
        _db.Execute("CREATE TABLE t (id INTEGER, name VARCHAR) SORTED BY (id)");
        _db.Execute("INSERT INTO t VALUES (1, 'one'), (2, 'two'); CHECKPOINT");
        _db.Execute("INSERT INTO t VALUES (3, 'three')");
    }

    public void Dispose()
    {
        _files.Clear();
        _db.Dispose();
        _temp.Dispose();
    }

    private static readonly string[] Expected = ["1|one", "2|two", "3|three"];

    private static List<string> Rows(OlapDatabase database) => ResultText.Lines(database.Execute("SELECT id, name FROM t ORDER BY id"));

    /// <summary>The folder as a crash now would leave it, opened with real files.</summary>
    private OlapDatabase Reopened() => OlapDatabase.Open(CrashCopy.Of(_db.Path, _temp));

    private static string LargeInsert() => "INSERT INTO t SELECT a.id * 100000 + b.id, 'bulk' FROM big a, big b";

    [Fact]
    public void A_full_disk_while_a_segment_is_written_fails_the_statement_and_leaves_no_file()
    {
        _db.Execute("CREATE TABLE big (id INTEGER); INSERT INTO big VALUES " + string.Join(", ", Enumerable.Range(0, 300).Select(i => $"({i})")) + "; CHECKPOINT");
        var before = DirectoryState.Of(_db.Path);
        _files.FailWritesAfter(64 * 1024, "No space left on device");

        var error = Assert.Throws<QueryException>(() => _db.Execute(LargeInsert()));

        Assert.Contains("No space left on device", error.Message, StringComparison.Ordinal);
        Assert.Contains("INSERT failed writing to storage", error.Message, StringComparison.Ordinal);
        before.AssertUnchanged(DirectoryState.Of(_db.Path));
        Assert.Equal(Expected, Rows(_db));
        _files.Clear();
        _db.Execute(LargeInsert());
        Assert.Equal(["90003"], ResultText.Column(_db.Execute("SELECT count(*) FROM t")));
    }

    [Fact]
    public void A_failed_fsync_of_the_log_fails_the_insert_which_is_then_nowhere_and_the_open_takes_no_further_change()
    {
        var logLength = new FileInfo(Path.Combine(_db.Path, WriteLog.FileName)).Length;
        _files.FailFlushes("Input/output error");

        var error = Assert.Throws<QueryException>(() => _db.Execute("INSERT INTO t VALUES (4, 'four')"));

        Assert.Contains("INSERT failed writing to storage", error.Message, StringComparison.Ordinal);
        Assert.Contains("Input/output error", error.Message, StringComparison.Ordinal);
        Assert.Equal(logLength, new FileInfo(Path.Combine(_db.Path, WriteLog.FileName)).Length);
        Assert.Equal(Expected, Rows(_db));
        using (var reopened = Reopened())
        {
            Assert.Equal(Expected, Rows(reopened));
        }

        // The pages a failed fsync leaves cannot be trusted: even with storage well again, this open refuses changes.
        _files.Clear();
        var refused = Assert.Throws<QueryException>(() => _db.Execute("INSERT INTO t VALUES (5, 'five')"));
        Assert.Contains("reopen the database", refused.Message, StringComparison.Ordinal);
        Assert.Throws<QueryException>(() => _db.Execute("CREATE TABLE u (x INTEGER)"));
        Assert.Equal(Expected, Rows(_db));

        _db.Dispose();
        using var again = OlapDatabase.Open(_db.Path);
        Assert.Equal(Expected, Rows(again));
        again.Execute("INSERT INTO t VALUES (5, 'five')");
        Assert.Equal([.. Expected, "5|five"], Rows(again));
    }

    [Fact]
    public void A_manifest_write_torn_halfway_leaves_the_last_committed_manifest()
    {
        var before = DirectoryState.Of(_db.Path);
        _files.TearWritesTo(DatabaseDirectory.ManifestFileName + ".tmp");

        var error = Assert.Throws<QueryException>(() => _db.Execute("CREATE TABLE u (x INTEGER)"));

        Assert.Contains("torn", error.Message, StringComparison.Ordinal);
        before.AssertUnchanged(DirectoryState.Of(_db.Path));
        using (var reopened = Reopened())
        {
            Assert.Equal(Expected, Rows(reopened));
            Assert.Null(reopened.Directory.Current.FindTable("u"));
        }

        _files.Clear();
        _db.Execute("CREATE TABLE u (x INTEGER)");
        Assert.NotNull(_db.Directory.Current.FindTable("u"));
    }

    [Fact]
    public void A_failed_fsync_of_a_checkpoints_segment_keeps_the_rows_in_the_log()
    {
        _files.FailFlushesOf(".olap.tmp-", "Input/output error");

        Assert.Throws<QueryException>(() => _db.Execute("CHECKPOINT"));

        Assert.Equal(Expected, Rows(_db));
        Assert.True(new FileInfo(Path.Combine(_db.Path, WriteLog.FileName)).Length > 8);
        using var reopened = Reopened();
        Assert.Equal(Expected, Rows(reopened));
    }

    [Fact]
    public void A_background_merge_that_fails_writing_changes_nothing_and_a_later_one_succeeds()
    {
        _db.AutoMerge = false;
        for (var i = 0; i < SegmentMerger.MinimumRun; i++)
        {
            _db.Execute($"INSERT INTO t VALUES ({10 + i}, 'n{i}'); CHECKPOINT");
        }

        var expected = Rows(_db);
        var segments = DirectoryState.ReferencedSegments(_db.Path).Count;
        Assert.True(segments >= SegmentMerger.MinimumRun);
        _files.FailFlushesOf(".olap.tmp-", "Input/output error");

        // The merge runs after this commit (which writes no segment) and fails flushing its segment.
        _db.AutoMerge = true;
        _db.Execute("CREATE TABLE u (x INTEGER)");
        _db.WaitForMerges();

        Assert.True(_files.FailedFlushes > 0, "the merge should have tried to flush its segment");
        Assert.Equal(segments, DirectoryState.ReferencedSegments(_db.Path).Count);
        Assert.Equal(DirectoryState.ReferencedSegments(_db.Path), DirectoryState.SegmentFiles(_db.Path));
        Assert.Empty(Directory.EnumerateFiles(_db.Path, "*.tmp*"));
        Assert.Equal(expected, Rows(_db));
        using (var reopened = Reopened())
        {
            Assert.Equal(expected, Rows(reopened));
        }

        _files.Clear();
        _db.Execute("CREATE TABLE v (x INTEGER)");
        _db.WaitForMerges();
        Assert.True(DirectoryState.ReferencedSegments(_db.Path).Count < segments);
        Assert.Equal(expected, Rows(_db));
    }

    [Fact]
    public void A_flipped_bit_in_a_segment_is_reported_by_name_and_never_read()
    {
        _db.Execute("CHECKPOINT");
        var segment = DirectoryState.SegmentFiles(_db.Path)[0];
        _db.Dispose();
        var path = Path.Combine(_db.Path, segment);
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x04;
        File.WriteAllBytes(path, bytes);

        using var reopened = OlapDatabase.Open(_db.Path);
        var error = Assert.ThrowsAny<Exception>(() => reopened.Execute("SELECT id, name FROM t ORDER BY id"));
        Assert.Contains(segment, error.Message, StringComparison.Ordinal);
    }

    /// <summary>Real files, failing on demand.</summary>
    private sealed class FaultyFiles : StorageFiles
    {
        private long _writeBudget = long.MaxValue;
        private string? _writeFailure;
        private string? _flushFailure;
        private string? _flushOnly;
        private string? _tear;

        private int _failedFlushes;

        /// <summary>Flushes failed on purpose so far.</summary>
        public int FailedFlushes => Volatile.Read(ref _failedFlushes);

        public void FailWritesAfter(long bytes, string message) => (_writeBudget, _writeFailure) = (bytes, message);

        public void FailFlushes(string message) => (_flushFailure, _flushOnly) = (message, null);

        public void FailFlushesOf(string nameContains, string message) => (_flushFailure, _flushOnly) = (message, nameContains);

        public void TearWritesTo(string fileName) => _tear = fileName;

        public void Clear() => (_writeBudget, _writeFailure, _flushFailure, _flushOnly, _tear) = (long.MaxValue, null, null, null, null);

        public override Stream Create(string path, int bufferSize = 4096) => new FaultyStream(base.Create(path, bufferSize), this, path);

        public override void Write(Stream stream, ReadOnlySpan<byte> bytes)
        {
            Spend(bytes.Length);
            base.Write(stream, bytes);
        }

        public override void FlushToDisk(Stream stream)
        {
            var name = stream is FaultyStream faulty ? faulty.Path : (stream as FileStream)?.Name ?? "";
            if (_flushFailure is { } failure && (_flushOnly is null || name.Contains(_flushOnly, StringComparison.Ordinal)))
            {
                Interlocked.Increment(ref _failedFlushes);
                throw new IOException($"fsync of '{Path.GetFileName(name)}' failed: {failure}");
            }

            base.FlushToDisk(stream is FaultyStream f ? f.Inner : stream);
        }

        private void Spend(int bytes)
        {
            if (_writeFailure is not null && Interlocked.Add(ref _writeBudget, -bytes) < 0)
            {
                throw new IOException(_writeFailure);
            }
        }

        private sealed class FaultyStream(Stream inner, FaultyFiles files, string path) : Stream
        {
            public Stream Inner => inner;

            public string Path => path;

            public override bool CanRead => false;

            public override bool CanSeek => inner.CanSeek;

            public override bool CanWrite => true;

            public override long Length => inner.Length;

            public override long Position { get => inner.Position; set => inner.Position = value; }

            public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

            public override void Write(ReadOnlySpan<byte> buffer)
            {
                if (files._tear is { } torn && System.IO.Path.GetFileName(path) == torn)
                {
                    inner.Write(buffer[..(buffer.Length / 2)]);
                    inner.Flush();
                    throw new IOException($"write to '{torn}' torn halfway");
                }

                files.Spend(buffer.Length);
                inner.Write(buffer);
            }

            public override void Flush() => inner.Flush();

            public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

            public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

            public override void SetLength(long value) => inner.SetLength(value);

            protected override void Dispose(bool disposing)
            {
                if (disposing)
                {
                    inner.Dispose();
                }

                base.Dispose(disposing);
            }
        }
    }
}
