using Olap.Columnar.Storage;

namespace Olap.Query.Tests.Database;

/// <summary>
/// Group commit: INSERTs from several connections share log flushes. A statement writes its log record holding the
/// writer gate and waits for the flush after letting the next writer in; one flush covers every record written
/// before it began. Readers never see a row before its record is on disk.
/// </summary>
public sealed class GroupCommitTests : IDisposable
{
    private readonly TemporaryDirectory _temp = new();
    private readonly CountingFiles _files = new();
    private readonly OlapDatabase _db;

    public GroupCommitTests()
    {
        _db = OlapDatabase.Open(_temp.File("db"), _files);
        _db.AutoMerge = false;
        _db.Execute("CREATE TABLE t (id INTEGER, who VARCHAR) SORTED BY (id)");
        _db.Execute("INSERT INTO t VALUES (0, 'setup')");
    }

    public void Dispose()
    {
        _files.HoldFirstLogFlushUntil = null;
        _db.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public async Task Inserts_waiting_on_one_flush_are_made_durable_together_by_the_next()
    {
        const int writers = 4;
        var seenDuringFlush = new List<string>();
        _files.Reset();
        _files.HoldFirstLogFlushUntil = () =>
        {
            // Every writer has logged its record while the first flush is held; none is on disk yet.
            if (!SpinWait.SpinUntil(() => _files.LogWrites >= writers, TimeSpan.FromSeconds(30)))
            {
                throw new TimeoutException("the other writers never logged their records");
            }

            seenDuringFlush.Add(ResultText.Column(_db.Execute("SELECT count(*) FROM t"))[0]);
        };

        var inserts = Enumerable.Range(1, writers).Select(i => Task.Run(() =>
        {
            using var connection = _db.Connect();
            connection.Execute($"INSERT INTO t VALUES ({i}, 'writer {i}')");
        })).ToArray();
        await Task.WhenAll(inserts);

        Assert.Equal(writers, _files.LogWrites);
        Assert.Equal(2, _files.LogFlushes); // the held flush covered one record, the next one the other three
        Assert.Equal(["1"], seenDuringFlush);
        Assert.Equal([(writers + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)], ResultText.Column(_db.Execute("SELECT count(*) FROM t")));

        using var copy = OlapDatabase.Open(CrashCopy.Of(_db.Path, _temp));
        Assert.Equal(["0", "1", "2", "3", "4"], ResultText.Column(copy.Execute("SELECT id FROM t ORDER BY id")));
    }

    [Fact]
    public void A_statement_returns_only_after_its_own_record_is_flushed()
    {
        using var connection = _db.Connect();
        for (var i = 1; i <= 20; i++)
        {
            _files.Reset();
            connection.Execute($"INSERT INTO t VALUES ({i}, 'one by one')");
            Assert.Equal(1, _files.LogWrites);
            Assert.Equal(1, _files.LogFlushes);
        }

        Assert.Equal(["21"], ResultText.Column(connection.Execute("SELECT count(*) FROM t")));
    }

    [Fact]
    public async Task Many_connections_inserting_at_once_lose_no_row_and_need_fewer_flushes_than_statements()
    {
        const int writers = 4;
        const int each = 100;
        _files.Reset();
        var inserts = Enumerable.Range(0, writers).Select(w => Task.Run(() =>
        {
            using var connection = _db.Connect();
            for (var i = 0; i < each; i++)
            {
                connection.Execute($"INSERT INTO t VALUES ({1000 + (w * each) + i}, 'w{w}')");
            }
        })).ToArray();
        await Task.WhenAll(inserts);

        Assert.Equal(writers * each, _files.LogWrites);
        Assert.InRange(_files.LogFlushes, 1, writers * each);
        Assert.Equal(["401", "401"], ResultText.Lines(_db.Execute("SELECT count(*) FROM t UNION ALL SELECT count(DISTINCT id) FROM t")));
        using var copy = OlapDatabase.Open(CrashCopy.Of(_db.Path, _temp));
        Assert.Equal(["401"], ResultText.Column(copy.Execute("SELECT count(*) FROM t")));
    }

    /// <summary>Real files that count the log's writes and flushes, and can hold the first flush.</summary>
    private sealed class CountingFiles : StorageFiles
    {
        private int _logWrites;
        private int _logFlushes;

        public Action? HoldFirstLogFlushUntil { get; set; }

        public int LogWrites => Volatile.Read(ref _logWrites);

        public int LogFlushes => Volatile.Read(ref _logFlushes);

        public void Reset() => (_logWrites, _logFlushes) = (0, 0);

        public override void Write(Stream stream, ReadOnlySpan<byte> bytes)
        {
            base.Write(stream, bytes);
            if (IsLog(stream))
            {
                Interlocked.Increment(ref _logWrites);
            }
        }

        public override void FlushToDisk(Stream stream)
        {
            if (IsLog(stream) && Interlocked.Increment(ref _logFlushes) == 1 && HoldFirstLogFlushUntil is { } hold)
            {
                HoldFirstLogFlushUntil = null;
                hold();
            }

            base.FlushToDisk(stream);
        }

        private static bool IsLog(Stream stream) => stream is FileStream file && Path.GetFileName(file.Name) == WriteLog.FileName;
    }
}
