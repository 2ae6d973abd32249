namespace Olap.Query;

/// <summary>
/// A read-only open took a snapshot whose segment the writing process has since merged away or dropped: the
/// statement runs again on the newer snapshot (<see cref="OlapSession"/> does so, then reports it as a
/// <see cref="QueryException"/>).
/// </summary>
internal sealed class SnapshotGoneException(string table, string segment)
    : Exception($"table {table} changed while it was being read (segment '{segment}' is gone); run the statement again")
{
}
