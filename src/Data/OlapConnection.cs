using Olap.Columnar.Storage;
using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Olap.Query;

namespace Olap.Data;

/// <summary>
/// A connection to an Olap database (<see cref="OlapConnectionStringBuilder"/>).
/// <para>
/// Threads: connections to one database may be used on many threads at once (every connection to a folder shares
/// one <see cref="OlapDatabase"/>; statements that change it take turns). One connection runs one command at a time:
/// starting a command while another is running on it, or while one of its readers is open, throws
/// <see cref="InvalidOperationException"/> instead of interleaving. Open one connection per thread.
/// </para>
/// </summary>
public sealed class OlapConnection : DbConnection
{
    private string _connectionString = "";
    private ConnectionState _state = ConnectionState.Closed;
    private OlapDatabase? _database;
    private bool _ownsDatabase;
    private OlapSession? _session;
    private int _busy;

    public OlapConnection()
    {
    }

    public OlapConnection(string connectionString) => _connectionString = connectionString;

    [AllowNull]
    public override string ConnectionString
    {
        get => _connectionString;
        set
        {
            if (_state != ConnectionState.Closed)
            {
                throw new InvalidOperationException("The connection string cannot change while the connection is open.");
            }

            _connectionString = value ?? "";
        }
    }

    public override string Database => "main";

    public override string DataSource => new OlapConnectionStringBuilder(_connectionString).DataSource;

    public override string ServerVersion => typeof(OlapDatabase).Assembly.GetName().Version?.ToString() ?? "0";

    public override ConnectionState State => _state;

    /// <summary>The engine session commands run on; open connections only.</summary>
    internal OlapSession Session => _session ?? throw new InvalidOperationException("The connection is not open: call Open() first.");

    public override void Open()
    {
        if (_state == ConnectionState.Open)
        {
            throw new InvalidOperationException("The connection is already open.");
        }

        var options = new OlapConnectionStringBuilder(_connectionString);
        var source = options.DataSource;
        if (string.IsNullOrWhiteSpace(source))
        {
            throw new InvalidOperationException("The connection string names no database: use 'Data Source=path' or 'Data Source=:memory:'.");
        }

        var threads = options.Threads;
        var mode = options.Mode;
        try
        {
            if (source == OlapConnectionStringBuilder.InMemory)
            {
                if (mode == DatabaseOpenMode.ReadOnly)
                {
                    throw new OlapException("an in-memory database cannot be opened read-only: it starts empty", "an in-memory database cannot be opened read-only", 0, 0);
                }

                _database = OlapDatabase.OpenInMemory();
                _ownsDatabase = true;
            }
            else
            {
                _database = SharedDatabases.Acquire(source, mode);
                _ownsDatabase = false;
            }
        }
        catch (IOException error)
        {
            throw new OlapException($"cannot open database '{source}': {error.Message}", error.Message, 0, 0, error);
        }
        catch (UnauthorizedAccessException error)
        {
            throw new OlapException($"cannot open database '{source}': {error.Message}", error.Message, 0, 0, error);
        }

        _session = _database.Connect();
        if (threads is { } n)
        {
            _session.Threads = n;
        }

        _state = ConnectionState.Open;
    }

    public override Task OpenAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Open();
        return Task.CompletedTask;
    }

    public override void Close()
    {
        if (_state == ConnectionState.Closed)
        {
            return;
        }

        // A reader left open would keep its query running; closing the connection stops it.
        ActiveReader?.Close();
        ActiveReader = null;
        _session?.Dispose();
        _session = null;
        if (_database is not null)
        {
            if (_ownsDatabase)
            {
                _database.Dispose();
            }
            else
            {
                SharedDatabases.Release(_database);
            }
        }

        _database = null;
        _busy = 0;
        _state = ConnectionState.Closed;
    }

    public override void ChangeDatabase(string databaseName) =>
        throw new NotSupportedException("An Olap connection opens one database; open another connection for another one.");

    public new OlapCommand CreateCommand() => new() { Connection = this };

    protected override DbCommand CreateDbCommand() => CreateCommand();

    /// <summary>
    /// Starts a transaction (BEGIN): snapshot isolation, one writer per database. <see cref="IsolationLevel.Unspecified"/>,
    /// <see cref="IsolationLevel.Snapshot"/> and the stronger <see cref="IsolationLevel.Serializable"/> (writes are
    /// serialized) are accepted.
    /// </summary>
    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel)
    {
        if (isolationLevel is not (IsolationLevel.Unspecified or IsolationLevel.Snapshot or IsolationLevel.Serializable))
        {
            throw new NotSupportedException($"Olap transactions are snapshot isolated with one writer; {isolationLevel} is not offered.");
        }

        return new OlapTransaction(this);
    }

    public new OlapTransaction BeginTransaction() => (OlapTransaction)BeginDbTransaction(IsolationLevel.Unspecified);

    /// <summary>
    /// A bulk loader for <paramref name="table"/>: add rows value by value, then <see cref="OlapRowAppender.Commit"/>
    /// adds them all at once (nothing is visible before; disposing without committing adds nothing).
    /// </summary>
    public OlapRowAppender CreateAppender(string table)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(table);
        try
        {
            return new OlapRowAppender(Session.CreateAppender(table));
        }
        catch (Exception error) when (OlapException.From(error) is { } olap)
        {
            throw olap;
        }
    }

    /// <summary>
    /// Makes Arrow record batches queryable as table <paramref name="name"/> on this connection, in place (no copy into
    /// the database): <c>SELECT ... FROM name</c>. Kept until <see cref="UnregisterArrow"/> or the connection closes.
    /// </summary>
    public void RegisterArrow(string name, Apache.Arrow.Schema schema, IEnumerable<Apache.Arrow.RecordBatch> batches) => Guarded(() => Session.RegisterArrow(name, schema, batches));

    /// <summary>Reads an Arrow stream to its end and registers its batches as table <paramref name="name"/>.</summary>
    public void RegisterArrow(string name, Apache.Arrow.Ipc.IArrowArrayStream stream) => Guarded(() => Session.RegisterArrow(name, stream));

    public bool UnregisterArrow(string name) => Session.Unregister(name);

    private static void Guarded(Action action)
    {
        try
        {
            action();
        }
        catch (Exception error) when (OlapException.From(error) is { } olap)
        {
            throw olap;
        }
    }

    /// <summary>The reader of the command running on this connection, closed with the connection.</summary>
    internal OlapDataReader? ActiveReader { get; set; }

    /// <summary>Marks the connection busy for one command; the error names the misuse instead of letting two commands interleave.</summary>
    internal void Enter()
    {
        _ = Session;
        if (Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            throw new InvalidOperationException(
                "The connection is already running a command or has an open data reader. A connection runs one command at a time: "
                + "close the reader first, and use one connection per thread.");
        }
    }

    internal void Exit() => Volatile.Write(ref _busy, 0);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Close();
        }

        base.Dispose(disposing);
    }
}
