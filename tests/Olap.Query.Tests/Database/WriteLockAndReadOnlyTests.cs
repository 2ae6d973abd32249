using Olap.Columnar.Storage;
using Olap.Query.Binding;

namespace Olap.Query.Tests.Database;

/// <summary>
/// One writer at a time per database, any number of read-only opens alongside it. (A second process is the same as a
/// second open in this one: the lock is per open, not per process; the CLI tests check it across processes.)
/// </summary>
public sealed class WriteLockAndReadOnlyTests : IDisposable
{
    private readonly TemporaryDirectory _temp = new();
    private readonly OlapDatabase _writer;

    public WriteLockAndReadOnlyTests()
    {
        _writer = OlapDatabase.Open(Path);
        _writer.Execute("CREATE TABLE t (id INTEGER, name VARCHAR) SORTED BY (id)");
        _writer.Execute("INSERT INTO t VALUES (1, 'one'), (2, 'two')");
    }

    private string Path => _temp.File("db");

    public void Dispose()
    {
        _writer.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public void A_second_writing_open_is_refused_with_the_process_that_holds_the_lock_and_succeeds_once_it_is_closed()
    {
        var error = Assert.Throws<DatabaseLockedException>(() => OlapDatabase.Open(Path));

        Assert.Equal(Environment.ProcessId, error.OwnerProcessId);
        Assert.Contains("read-only", error.Message, StringComparison.Ordinal);
        Assert.Contains(System.IO.Path.GetFullPath(Path), error.Message, StringComparison.Ordinal);

        _writer.Dispose();
        using var second = OlapDatabase.Open(Path);
        Assert.Equal(["2"], ResultText.Column(second.Execute("SELECT count(*) FROM t")));
    }

    [Fact]
    public void A_read_only_open_reads_alongside_the_writer_and_sees_each_commit_at_its_next_statement()
    {
        using var reader = OlapDatabase.Open(Path, DatabaseOpenMode.ReadOnly);
        using var connection = reader.Connect();
        Assert.True(reader.IsReadOnly);
        Assert.Equal(["2"], ResultText.Column(connection.Execute("SELECT count(*) FROM t")));

        _writer.Execute("INSERT INTO t VALUES (3, 'three')");
        Assert.Equal(["3"], ResultText.Column(connection.Execute("SELECT count(*) FROM t")));

        _writer.Execute("CREATE TABLE u AS SELECT id * 10 AS x FROM t");
        _writer.Execute("DROP TABLE t");
        Assert.Equal(["10", "20", "30"], ResultText.Column(connection.Execute("SELECT x FROM u ORDER BY x")));
        Assert.Throws<BindException>(() => connection.Execute("SELECT * FROM t"));
    }

    [Theory]
    [InlineData("CREATE TABLE v (x INTEGER)", "CREATE TABLE")]
    [InlineData("INSERT INTO t VALUES (9, 'nine')", "INSERT")]
    [InlineData("DROP TABLE t", "DROP")]
    [InlineData("CREATE VIEW w AS SELECT 1", "CREATE VIEW")]
    [InlineData("CREATE MATERIALIZED VIEW m AS SELECT name, count(*) AS n FROM t GROUP BY name", "CREATE MATERIALIZED VIEW")]
    [InlineData("CREATE TABLE c AS SELECT * FROM t", "CREATE TABLE")]
    public void A_read_only_open_refuses_every_change_with_a_caret_and_leaves_every_file_as_it_was(string sql, string named)
    {
        using var reader = OlapDatabase.Open(Path, DatabaseOpenMode.ReadOnly);
        var before = DirectoryState.Of(Path);

        var error = Assert.Throws<BindException>(() => reader.Execute("SELECT 1;\n  " + sql));

        Assert.Contains("read-only", error.Message, StringComparison.Ordinal);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.Contains("line 2, column 3", error.Message, StringComparison.Ordinal);
        before.AssertUnchanged(DirectoryState.Of(Path));
        Assert.Equal(["2"], ResultText.Column(reader.Execute("SELECT count(*) FROM t")));
    }

    [Fact]
    public void A_read_only_open_refuses_COPY_FROM_and_appenders()
    {
        var csv = _temp.File("rows.csv");
        File.WriteAllText(csv, "5,five\n");
        using var reader = OlapDatabase.Open(Path, DatabaseOpenMode.ReadOnly);
        using var connection = reader.Connect();

        Assert.Contains("read-only", Assert.Throws<BindException>(() => connection.Execute($"COPY t FROM '{csv}'")).Message, StringComparison.Ordinal);
        Assert.Contains("read-only", Assert.Throws<QueryException>(() => connection.CreateAppender("t")).Message, StringComparison.Ordinal);
        Assert.Equal(["2"], ResultText.Column(connection.Execute("SELECT count(*) FROM t")));
    }

    [Fact]
    public void A_read_only_open_creates_no_database_and_removes_no_file()
    {
        var missing = _temp.File("nothing-here");
        var error = Assert.Throws<IOException>(() => OlapDatabase.Open(missing, DatabaseOpenMode.ReadOnly));
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(missing));

        // A file the writer is still writing looks like a leftover to an open that tidies up: a reader leaves it.
        var inProgress = System.IO.Path.Combine(Path, "segment-0123" + DatabaseDirectory.SegmentExtension + ".tmp-1");
        File.WriteAllBytes(inProgress, [1, 2, 3]);
        using (OlapDatabase.Open(Path, DatabaseOpenMode.ReadOnly))
        {
        }

        Assert.True(File.Exists(inProgress));
    }

    [Fact]
    public void A_statement_whose_snapshot_lost_a_segment_to_the_writer_runs_again_on_the_newer_snapshot()
    {
        _writer.Execute("CREATE MATERIALIZED VIEW m AS SELECT name, count(*) AS n FROM t GROUP BY name");
        using var reader = OlapDatabase.Open(Path, DatabaseOpenMode.ReadOnly);
        using var connection = reader.Connect();
        const string sql = "SELECT sum(n) FROM m";

        // The reader's snapshot names m's segment; the writer's REFRESH then replaces it and deletes its file.
        _writer.Execute("INSERT INTO t VALUES (3, 'three')");
        _writer.Execute("REFRESH MATERIALIZED VIEW m");
        var onStaleSnapshot = new StatementRunner(reader, connection, sql, CancellationToken.None);
        Assert.Throws<SnapshotGoneException>(() => onStaleSnapshot.Run(Olap.Query.Parsing.SqlParser.ParseScriptWithText(sql)[0]));

        Assert.Equal(["3"], ResultText.Column(connection.Execute(sql)));
    }

    [Fact]
    public async Task Readers_never_fail_or_see_a_mix_while_the_writer_appends_and_rewrites_a_cube_over_and_over()
    {
        _writer.Execute("CREATE MATERIALIZED VIEW m AS SELECT name, count(*) AS n FROM t GROUP BY name");
        using var reader = OlapDatabase.Open(Path, DatabaseOpenMode.ReadOnly);
        using var connection = reader.Connect();
        var done = false;
        var writing = Task.Run(() =>
        {
            try
            {
                // Each REFRESH replaces the cube's segments and deletes their files: a reader whose snapshot still
                // names them must not fail, nor see the table and its cube out of step.
                for (var round = 0; round < 30; round++)
                {
                    _writer.Execute($"INSERT INTO t VALUES ({100 + round}, 'n{round % 4}')");
                    _writer.Execute("REFRESH MATERIALIZED VIEW m");
                }
            }
            finally
            {
                Volatile.Write(ref done, true);
            }
        });

        var answers = new List<string>();
        while (!Volatile.Read(ref done))
        {
            answers.Add(ResultText.Lines(connection.Execute("SELECT (SELECT sum(n) FROM m), (SELECT count(*) FROM t)"))[0]);
        }

        await writing;
        Assert.NotEmpty(answers);
        Assert.All(answers, answer => Assert.Equal(answer.Split('|')[0], answer.Split('|')[1]));
        Assert.Equal("32|32", ResultText.Lines(connection.Execute("SELECT (SELECT sum(n) FROM m), (SELECT count(*) FROM t)"))[0]);
    }
}
