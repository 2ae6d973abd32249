using Olap.Columnar.Storage;
using Olap.Query.Binding;
using Olap.Query.Parsing.Ast;

namespace Olap.Query;

/// <summary>
/// BEGIN, COMMIT and ROLLBACK: snapshot isolation with one writer. BEGIN takes the database's writer gate for the
/// connection (other writers wait; readers go on, seeing the last committed state) and writes out the write buffer,
/// so the transaction starts from segments alone. Its statements change a working manifest and buffer of its own
/// (<see cref="Transaction"/>). COMMIT writes the transaction's buffered rows as segments and commits its manifest in
/// one atomic, durable step; ROLLBACK removes what it wrote. A statement that fails inside a transaction changes
/// nothing, and the transaction goes on.
/// </summary>
internal sealed partial class StatementRunner
{
    private QueryResult RunTransactionStatement(TransactionStatement statement)
    {
        switch (statement.Action)
        {
            case TransactionAction.Begin:
                if (_database.IsReadOnly)
                {
                    throw new BindException("the database is open read-only: BEGIN cannot start a transaction to change it", statement.Position);
                }

                if (_connection.Transaction is not null)
                {
                    throw new BindException("a transaction is already open on this connection (COMMIT or ROLLBACK it first)", statement.Position);
                }

                _database.Writers.BeginTransaction(_connection, _cancellation);
                try
                {
                    TakeSnapshot();
                    Checkpoint();
                    _connection.Transaction = new Transaction(_database.Directory.Current);
                }
                catch
                {
                    _database.Writers.EndTransaction(_connection);
                    throw;
                }

                break;

            case TransactionAction.Commit:
            {
                var transaction = _connection.Transaction ?? throw new BindException("no transaction is open on this connection", statement.Position);
                try
                {
                    TakeSnapshot();
                    Checkpoint();
                    var working = transaction.Working;
                    _connection.Transaction = null;
                    TakeSnapshot();
                    Commit(working);
                }
                catch
                {
                    // A commit that fails undoes the whole transaction: nothing of it reached the database.
                    _connection.Transaction = null;
                    DeleteFiles(transaction);
                    throw;
                }
                finally
                {
                    _database.Writers.EndTransaction(_connection);
                    _connection.PlanCache.Clear();
                }

                break;
            }

            case TransactionAction.Rollback:
            {
                var transaction = _connection.Transaction ?? throw new BindException("no transaction is open on this connection", statement.Position);
                RollBack(_database, _connection, transaction);
                break;
            }
        }

        return QueryResult.Empty(0);
    }

    /// <summary>Ends <paramref name="transaction"/> without a trace: its files go, the gate opens.</summary>
    internal static void RollBack(OlapDatabase database, OlapSession connection, Transaction transaction)
    {
        connection.Transaction = null;
        try
        {
            DeleteFiles(database, transaction);
        }
        finally
        {
            database.Writers.EndTransaction(connection);
            connection.PlanCache.Clear();
        }
    }

    private void DeleteFiles(Transaction transaction) => DeleteFiles(_database, transaction);

    private static void DeleteFiles(OlapDatabase database, Transaction transaction)
    {
        foreach (var file in transaction.Files)
        {
            DeleteQuietly(database.Directory.SegmentPath(file));
        }
    }

    /// <summary>Notes the files <paramref name="next"/> names that the committed database does not: the transaction wrote them.</summary>
    private void TrackFiles(Transaction transaction, Manifest next)
    {
        var committed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in _database.Directory.Current.Tables)
        {
            foreach (var segment in table.Segments)
            {
                committed.Add(segment.FileName);
                if (segment.Deletes is { } deletes)
                {
                    committed.Add(deletes);
                }
            }
        }

        foreach (var table in next.Tables)
        {
            foreach (var segment in table.Segments)
            {
                if (!committed.Contains(segment.FileName))
                {
                    transaction.Files.Add(segment.FileName);
                }

                if (segment.Deletes is { } deletes && !committed.Contains(deletes))
                {
                    transaction.Files.Add(deletes);
                }
            }
        }
    }
}
