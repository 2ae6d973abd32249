using System.Data;
using System.Data.Common;

namespace Olap.Data;

/// <summary>
/// A transaction on an <see cref="OlapConnection"/>: the connection's BEGIN ... COMMIT (snapshot isolation, one writer
/// per database; other writers wait until it ends). Disposing it without <see cref="Commit"/> rolls it back.
/// </summary>
public sealed class OlapTransaction : DbTransaction
{
    private OlapConnection? _connection;

    internal OlapTransaction(OlapConnection connection)
    {
        _connection = connection;
        connection.Session.Execute("BEGIN");
    }

    public override IsolationLevel IsolationLevel => IsolationLevel.Snapshot;

    protected override DbConnection? DbConnection => _connection;

    public override void Commit() => End("COMMIT");

    public override void Rollback() => End("ROLLBACK");

    protected override void Dispose(bool disposing)
    {
        if (disposing && _connection is { State: ConnectionState.Open } connection && connection.Session.InTransaction)
        {
            End("ROLLBACK");
        }

        _connection = null;
        base.Dispose(disposing);
    }

    private void End(string statement)
    {
        var connection = _connection ?? throw new InvalidOperationException("The transaction has already been committed or rolled back.");
        _connection = null;
        try
        {
            connection.Session.Execute(statement);
        }
        catch (Olap.Query.QueryException error)
        {
            throw new OlapException(error.Message, error.Message, 0, 0, error);
        }
    }
}
