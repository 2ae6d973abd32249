using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Olap.Query;

namespace Olap.Data;

/// <summary>
/// SQL to run on an <see cref="OlapConnection"/>: one statement or a script of several (a reader gives one result set
/// per statement that returns rows). Parameters: <c>$1</c>, <c>?</c>, <c>@name</c>, <c>:name</c>
/// (<see cref="OlapParameter"/>). <see cref="Cancel"/> from another thread, a cancelled token of an async method or
/// <see cref="CommandTimeout"/> stop a running statement within about 100 ms with <see cref="OperationCanceledException"/>;
/// the statement then changes nothing.
/// </summary>
public sealed class OlapCommand : DbCommand
{
    private readonly OlapParameterCollection _parameters = new();
    private OlapConnection? _connection;
    private string _commandText = "";
    private CancellationTokenSource? _running;
    private OlapDataReader? _reader;

    public OlapCommand()
    {
    }

    public OlapCommand(string commandText, OlapConnection? connection = null)
    {
        _commandText = commandText;
        _connection = connection;
    }

    public OlapCommand(string commandText, OlapConnection? connection, OlapTransaction? transaction)
        : this(commandText, connection) => DbTransaction = transaction;

    [AllowNull]
    public override string CommandText
    {
        get => _commandText;
        set => _commandText = value ?? "";
    }

    /// <summary>Seconds a command may run before it is cancelled; 0 (the default) for no limit: analytical queries may take long.</summary>
    public override int CommandTimeout { get; set; }

    public override CommandType CommandType
    {
        get => CommandType.Text;
        set
        {
            if (value != CommandType.Text)
            {
                throw new NotSupportedException("Olap commands are SQL text (CommandType.Text).");
            }
        }
    }

    public override bool DesignTimeVisible { get; set; }

    public override UpdateRowSource UpdatedRowSource { get; set; }

    public new OlapConnection? Connection
    {
        get => _connection;
        set => _connection = value;
    }

    protected override DbConnection? DbConnection
    {
        get => _connection;
        set => _connection = value as OlapConnection ?? (value is null ? null : throw new ArgumentException($"An OlapCommand runs on an OlapConnection, not {value.GetType().Name}."));
    }

    public new OlapParameterCollection Parameters => _parameters;

    protected override DbParameterCollection DbParameterCollection => _parameters;

    /// <summary>The transaction the command runs in; a connection's commands all run in its open transaction anyway.</summary>
    protected override DbTransaction? DbTransaction { get; set; }

    /// <summary>Stops the running statement (from any thread); nothing happens when none is running.</summary>
    public override void Cancel()
    {
        try
        {
            Volatile.Read(ref _running)?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The command finished meanwhile.
        }
    }

    public new OlapParameter CreateParameter() => new();

    protected override DbParameter CreateDbParameter() => CreateParameter();

    public override void Prepare()
    {
        // Statements are parsed and planned when they run; there is nothing to prepare ahead.
    }

    public override int ExecuteNonQuery()
    {
        using var reader = ExecuteReader();
        while (reader.NextResult())
        {
        }

        reader.Close();
        return reader.RecordsAffected;
    }

    public override object? ExecuteScalar()
    {
        using var reader = ExecuteReader();
        return reader.Read() ? reader.GetValue(0) : null;
    }

    public new OlapDataReader ExecuteReader() => ExecuteReader(CommandBehavior.Default);

    public new OlapDataReader ExecuteReader(CommandBehavior behavior) => Execute(behavior, freshBuffers: false, CancellationToken.None);

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => ExecuteReader(behavior);

    public new Task<OlapDataReader> ExecuteReaderAsync(CancellationToken cancellationToken = default) => ExecuteReaderAsync(CommandBehavior.Default, cancellationToken);

    public new Task<OlapDataReader> ExecuteReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();

        // The engine computes on the calling thread; run it on the pool so the caller's thread is free meanwhile.
        return Task.Run(() => Execute(behavior, freshBuffers: false, cancellationToken), cancellationToken);
    }

    protected override async Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken) =>
        await ExecuteReaderAsync(behavior, cancellationToken).ConfigureAwait(false);

    public override Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken) =>
        Task.Run(
            () =>
            {
                using var reader = Execute(CommandBehavior.Default, freshBuffers: false, cancellationToken);
                while (reader.NextResult())
                {
                }

                reader.Close();
                return reader.RecordsAffected;
            },
            cancellationToken);

    public override Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken) =>
        Task.Run(
            () =>
            {
                using var reader = Execute(CommandBehavior.Default, freshBuffers: false, cancellationToken);
                return reader.Read() ? reader.GetValue(0) : null;
            },
            cancellationToken);

    /// <summary>
    /// Runs the command and returns its first result set as Arrow record batches (statements before it run first,
    /// statements after it when the stream is disposed). The rows stream: one batch per engine chunk.
    /// </summary>
    public OlapArrowStream ExecuteArrow()
    {
        // Chunks of their own: the record batches reference the engine's result buffers instead of copying them.
        var reader = Execute(CommandBehavior.Default, freshBuffers: true, CancellationToken.None);
        if (reader.FieldCount == 0)
        {
            reader.Dispose();
            throw new InvalidOperationException("The command returns no rows to read as Arrow.");
        }

        return new OlapArrowStream(reader);
    }

    /// <summary>Called by the reader when it closes: the connection is free for the next command.</summary>
    internal void ReaderClosed()
    {
        if (_connection is { } connection && ReferenceEquals(connection.ActiveReader, _reader))
        {
            connection.ActiveReader = null;
        }

        _reader = null;
        var running = Interlocked.Exchange(ref _running, null);
        running?.Dispose();
        _connection?.Exit();
    }

    /// <summary>True while a statement of this command runs or its reader is open (what <see cref="Cancel"/> stops).</summary>
    internal bool IsExecuting => Volatile.Read(ref _running) is not null;

    /// <summary>The token a statement of this command checks, for the reader's statements run later.</summary>
    internal CancellationToken Token => _running?.Token ?? CancellationToken.None;

    private OlapDataReader Execute(CommandBehavior behavior, bool freshBuffers, CancellationToken cancellationToken)
    {
        var connection = _connection ?? throw new InvalidOperationException("The command has no connection: set Connection first.");
        if (string.IsNullOrWhiteSpace(_commandText))
        {
            throw new InvalidOperationException("The command has no text: set CommandText first.");
        }

        connection.Enter();
        var running = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (CommandTimeout > 0)
        {
            running.CancelAfter(TimeSpan.FromSeconds(CommandTimeout));
        }

        _running = running;
        try
        {
            var parameters = new QueryParameter[_parameters.Count];
            for (var i = 0; i < parameters.Length; i++)
            {
                var parameter = _parameters.Items[i];
                parameters[i] = new QueryParameter(parameter.ParameterName.Length == 0 ? null : parameter.ParameterName, parameter.TypedValue());
            }

            var results = connection.Session.ExecuteStreaming(_commandText, parameters, freshBuffers, running.Token);
            _reader = new OlapDataReader(this, Sets(results), behavior);
            connection.ActiveReader = _reader;
            return _reader;
        }
        catch (Exception error)
        {
            _running = null;
            running.Dispose();
            connection.Exit();
            if (OlapException.From(error) is { } olap)
            {
                throw olap;
            }

            throw;
        }
    }

    private static IEnumerable<IResultSet> Sets(IEnumerable<ResultStream> results)
    {
        foreach (var result in results)
        {
            yield return new StreamResultSet(result);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _reader?.Close();
        }

        base.Dispose(disposing);
    }
}
