namespace Olap.Query;

/// <summary>
/// One writer at a time within a database (the lock file does it across processes). A statement that changes the
/// database enters for its duration; a transaction (BEGIN ... COMMIT) enters at BEGIN and leaves at COMMIT or
/// ROLLBACK, and its own statements pass through meanwhile. Others wait: readers never do. Unlike a monitor, the
/// gate may be left on another thread than the one that entered (a connection used from async code).
/// </summary>
internal sealed class WriterGate : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private OlapSession? _transactionOwner;

    /// <summary>Waits for the gate, unless <paramref name="session"/> holds it with a transaction; dispose the result to leave.</summary>
    public Pass Enter(OlapSession? session, CancellationToken cancellation)
    {
        if (session is not null && ReferenceEquals(Volatile.Read(ref _transactionOwner), session))
        {
            return default;
        }

        _gate.Wait(cancellation);
        return new Pass(this);
    }

    /// <summary>Enters without waiting; false when another writer is in (the database closing does not wait for an open transaction).</summary>
    public bool TryEnter() => _gate.Wait(0);

    public void Leave() => _gate.Release();

    /// <summary>Holds the gate for <paramref name="session"/> until <see cref="EndTransaction"/>.</summary>
    public void BeginTransaction(OlapSession session, CancellationToken cancellation)
    {
        _gate.Wait(cancellation);
        Volatile.Write(ref _transactionOwner, session);
    }

    public void EndTransaction(OlapSession session)
    {
        if (ReferenceEquals(Volatile.Read(ref _transactionOwner), session))
        {
            Volatile.Write(ref _transactionOwner, null);
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>A stay inside the gate; the default value stands for a transaction's own statement (nothing to leave).</summary>
    public readonly struct Pass(WriterGate? gate) : IDisposable
    {
        public void Dispose() => gate?.Leave();
    }
}
