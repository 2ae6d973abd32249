using Olap.Columnar.Storage;
using Olap.Query.Binding;

namespace Olap.Query.Tests.Database;

/// <summary>BEGIN / COMMIT / ROLLBACK: one writer, snapshot isolation, all or nothing.</summary>
public sealed class TransactionTests : IDisposable
{
    private readonly TemporaryDirectory _temp = new();
    private readonly OlapDatabase _db;

    public TransactionTests()
    {
        _db = OlapDatabase.Open(_temp.File("db"));
        _db.Execute("CREATE TABLE t (id INTEGER, name VARCHAR) SORTED BY (id); INSERT INTO t VALUES (1, 'one'), (2, 'two')");
        _db.Execute("CREATE TABLE facts (k INTEGER, v INTEGER); INSERT INTO facts VALUES (1, 10), (2, 20)");
        _db.Execute("CREATE MATERIALIZED VIEW m AS SELECT k, sum(v) AS s FROM facts GROUP BY k");
    }

    public void Dispose()
    {
        _db.Dispose();
        _temp.Dispose();
    }

    private static List<string> Rows(OlapSession connection) => ResultText.Lines(connection.Execute("SELECT id, name FROM t ORDER BY id"));

    [Fact]
    public void ROLLBACK_undoes_every_statement_and_removes_every_file_the_transaction_wrote()
    {
        using var connection = _db.Connect();
        connection.Execute("BEGIN");
        var atBegin = DirectoryState.Of(_db.Path);

        connection.Execute("INSERT INTO t VALUES (3, 'three')");
        connection.Execute("DELETE FROM t WHERE id = 1");
        connection.Execute("CREATE TABLE u AS SELECT * FROM t");
        connection.Execute("INSERT INTO facts VALUES (1, 5)");
        Assert.Equal(["2|two", "3|three"], Rows(connection));
        Assert.Equal(["1|15", "2|20"], ResultText.Lines(connection.Execute("SELECT k, s FROM m ORDER BY k")));

        connection.Execute("ROLLBACK");

        Assert.False(connection.InTransaction);
        Assert.Equal(["1|one", "2|two"], Rows(connection));
        Assert.Equal(["1|10", "2|20"], ResultText.Lines(connection.Execute("SELECT k, s FROM m ORDER BY k")));
        Assert.Throws<BindException>(() => connection.Execute("SELECT * FROM u"));
        atBegin.AssertUnchanged(DirectoryState.Of(_db.Path));
    }

    [Fact]
    public void Others_see_the_changes_only_once_committed_and_then_all_at_once_and_durably()
    {
        using var writer = _db.Connect();
        using var reader = _db.Connect();
        writer.Execute("BEGIN TRANSACTION");
        writer.Execute("INSERT INTO t VALUES (3, 'three')");
        writer.Execute("DELETE FROM t WHERE id = 2");
        writer.Execute("INSERT INTO t VALUES (4, 'four')");

        Assert.Equal(["1|one", "2|two"], Rows(reader));
        using (var crashed = CrashCopy())
        {
            Assert.Equal(["1|one", "2|two"], Rows(crashed.Connect()));
        }

        writer.Execute("COMMIT");

        Assert.Equal(["1|one", "3|three", "4|four"], Rows(reader));
        using var recovered = CrashCopy();
        Assert.Equal(["1|one", "3|three", "4|four"], Rows(recovered.Connect()));
    }

    [Fact]
    public async Task Another_writer_waits_for_the_transaction_while_readers_do_not()
    {
        using var first = _db.Connect();
        using var second = _db.Connect();
        first.Execute("BEGIN");
        first.Execute("INSERT INTO t VALUES (3, 'three')");

        var waiting = Task.Run(() => second.Execute("INSERT INTO t VALUES (10, 'ten')"));
        await Task.Delay(300);
        Assert.False(waiting.IsCompleted);
        Assert.Equal(["1|one", "2|two"], Rows(_db.Connect()));

        first.Execute("COMMIT");
        await waiting;
        Assert.Equal(["1|one", "2|two", "3|three", "10|ten"], Rows(second));
    }

    [Fact]
    public void A_failing_statement_inside_a_transaction_changes_nothing_and_the_transaction_goes_on()
    {
        using var connection = _db.Connect();
        connection.Execute("BEGIN; INSERT INTO t VALUES (3, 'three')");

        Assert.Throws<BindException>(() => connection.Execute("INSERT INTO t VALUES ('x', 'y')"));
        Assert.Throws<BindException>(() => connection.Execute("CREATE TABLE t (x INTEGER)"));
        connection.Execute("INSERT INTO t VALUES (4, 'four'); COMMIT");

        Assert.Equal(["1|one", "2|two", "3|three", "4|four"], Rows(connection));
    }

    [Fact]
    public void Misplaced_transaction_statements_are_clear_errors()
    {
        using var connection = _db.Connect();
        Assert.Contains("no transaction is open", Assert.Throws<BindException>(() => connection.Execute("COMMIT")).Message, StringComparison.Ordinal);
        Assert.Contains("no transaction is open", Assert.Throws<BindException>(() => connection.Execute("ROLLBACK")).Message, StringComparison.Ordinal);
        connection.Execute("BEGIN");
        Assert.Contains("already open", Assert.Throws<BindException>(() => connection.Execute("BEGIN")).Message, StringComparison.Ordinal);
        connection.Execute("ABORT");

        using var reader = OlapDatabase.Open(_db.Path, DatabaseOpenMode.ReadOnly);
        Assert.Contains("read-only", Assert.Throws<BindException>(() => reader.Execute("BEGIN")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Closing_a_connection_rolls_its_transaction_back_and_lets_other_writers_in()
    {
        var connection = _db.Connect();
        connection.Execute("BEGIN; INSERT INTO t VALUES (3, 'three'); CREATE TABLE u (x INTEGER)");
        var waiting = Task.Run(() => _db.Execute("INSERT INTO t VALUES (5, 'five')"));

        connection.Dispose();
        await waiting;

        Assert.Equal(["1|one", "2|two", "5|five"], Rows(_db.Connect()));
        Assert.Null(_db.Directory.Current.FindTable("u"));
    }

    /// <summary>The folder as a crash now would leave it.</summary>
    private OlapDatabase CrashCopy() => OlapDatabase.Open(Database.CrashCopy.Of(_db.Path, _temp));
}
