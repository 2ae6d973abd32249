using Olap.Columnar.Storage;

namespace Olap.Query;

/// <summary>
/// A connection's open transaction (BEGIN ... COMMIT): the database as its statements have changed it, seen by them
/// alone. Its statements' commits change <see cref="Working"/> instead of the database; its INSERTs collect in
/// <see cref="Rows"/> instead of the write log. COMMIT writes those rows as segments and commits the working manifest
/// in one atomic step; ROLLBACK deletes the files the transaction wrote. The connection holds the database's writer
/// gate throughout, so the working manifest always follows the committed one.
/// </summary>
internal sealed class Transaction(Manifest start)
{
    /// <summary>The database as the transaction sees it.</summary>
    public Manifest Working { get; set; } = start;

    /// <summary>Rows its INSERTs buffered, not yet in segments.</summary>
    public WriteBuffer Rows { get; } = new();

    /// <summary>Segment and deletion files the transaction wrote: deleted by ROLLBACK.</summary>
    public HashSet<string> Files { get; } = new(StringComparer.Ordinal);

    /// <summary>Numbers for its buffered rows' chunks, above every logged record.</summary>
    public long NextSequence { get; set; } = long.MaxValue / 2;
}
