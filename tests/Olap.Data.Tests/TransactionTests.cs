using System.Data;

namespace Olap.Data.Tests;

/// <summary>ADO.NET transactions over BEGIN / COMMIT / ROLLBACK.</summary>
public sealed class TransactionTests : IDisposable
{
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    private static long Count(OlapConnection connection) => Convert.ToInt64(new OlapCommand("SELECT count(*) FROM t", connection).ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Committed_work_is_kept_and_rolled_back_or_abandoned_work_is_not()
    {
        using var connection = _database.Open();
        new OlapCommand("CREATE TABLE t (a INTEGER)", connection).ExecuteNonQuery();

        using (var transaction = connection.BeginTransaction())
        {
            new OlapCommand("INSERT INTO t VALUES (1), (2)", connection) { Transaction = transaction }.ExecuteNonQuery();
            transaction.Commit();
        }

        using (var transaction = connection.BeginTransaction())
        {
            new OlapCommand("INSERT INTO t VALUES (3)", connection, transaction).ExecuteNonQuery();
            Assert.Equal(3, Count(connection));
            transaction.Rollback();
        }

        using (connection.BeginTransaction())
        {
            new OlapCommand("DELETE FROM t", connection).ExecuteNonQuery();
            Assert.Equal(0, Count(connection));
        }

        Assert.Equal(2, Count(connection));
        Assert.Equal(IsolationLevel.Snapshot, connection.BeginTransaction().IsolationLevel);
    }

    [Fact]
    public void Other_connections_see_only_committed_work_and_unsupported_levels_are_refused()
    {
        using var writer = _database.Open();
        using var reader = _database.Open();
        new OlapCommand("CREATE TABLE t (a INTEGER)", writer).ExecuteNonQuery();
        using var transaction = writer.BeginTransaction(IsolationLevel.Serializable);
        new OlapCommand("INSERT INTO t VALUES (1)", writer).ExecuteNonQuery();

        Assert.Equal(0, Count(reader));
        transaction.Commit();
        Assert.Equal(1, Count(reader));
        Assert.Throws<InvalidOperationException>(transaction.Commit);
        Assert.Throws<NotSupportedException>(() => reader.BeginTransaction(IsolationLevel.ReadUncommitted));
    }
}
