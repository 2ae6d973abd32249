using System.Collections.Concurrent;
using Olap.Columnar.Format;
using Olap.Columnar.Storage;
using Olap.Query.Catalog;

namespace Olap.Query;

/// <summary>
/// A database: a directory of immutable segment files and an atomically replaced manifest (DESIGN.md). Statements
/// run through connections; each reads the manifest version current when it starts, and a statement that fails
/// leaves the manifest as it was. <see cref="OpenInMemory"/> keeps its files in a private temporary directory that
/// is deleted on <see cref="Dispose"/>.
/// </summary>
public sealed class OlapDatabase : IDisposable
{
    private readonly ConcurrentDictionary<string, OlapFileReader> _readers = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<OlapFileReader> _retired = [];
    private readonly bool _temporary;
    private bool _disposed;

    private OlapDatabase(DatabaseDirectory directory, bool temporary)
    {
        Directory = directory;
        _temporary = temporary;
    }

    internal DatabaseDirectory Directory { get; }

    /// <summary>Materialized views' definitions taken apart, once per manifest entry (entries are immutable).</summary>
    internal System.Runtime.CompilerServices.ConditionalWeakTable<TableEntry, Cubes.CubeDefinition> CubeDefinitions { get; } = new();

    /// <summary>Serializes statements that change the database.</summary>
    internal Lock WriteLock { get; } = new();

    public string Path => Directory.Path;

    /// <summary>Workers per query unless a connection says otherwise: every core.</summary>
    public int DefaultThreads { get; set; } = Environment.ProcessorCount;

    /// <summary>True when opened read-only: statements that would change the database fail, and nothing on disk changes.</summary>
    public bool IsReadOnly => Directory.IsReadOnly;

    /// <summary>
    /// Opens the database in the directory at <paramref name="path"/>, creating it when new. One process at a time may
    /// open a database for writing (a second gets an <see cref="IOException"/> naming the process that has it);
    /// <see cref="DatabaseOpenMode.ReadOnly"/> opens work alongside it and see what it commits.
    /// </summary>
    public static OlapDatabase Open(string path, DatabaseOpenMode mode = DatabaseOpenMode.ReadWrite) => new(DatabaseDirectory.Open(path, mode), temporary: false);

    public static OlapDatabase OpenInMemory()
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"olap-memory-{Guid.NewGuid():N}");
        return new OlapDatabase(DatabaseDirectory.Open(path), temporary: true);
    }

    public OlapSession Connect()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new OlapSession(this);
    }

    /// <summary>Runs a script on a new connection and returns the last statement's result.</summary>
    public QueryResult Execute(string sql)
    {
        using var connection = Connect();
        return connection.Execute(sql);
    }

    /// <summary>The table as stored in the given manifest version, its segments opened once and shared.</summary>
    internal SegmentedTable OpenTable(TableEntry entry, string? answeringCube = null)
    {
        var readers = new OlapFileReader[entry.Segments.Count];
        for (var i = 0; i < readers.Length; i++)
        {
            var file = entry.Segments[i].FileName;
            try
            {
                readers[i] = _readers.GetOrAdd(file, name => OlapFileReader.Open(Directory.SegmentPath(name)));
            }
            catch (FileNotFoundException) when (IsReadOnly)
            {
                // The writing process merged or dropped the segment after this statement took its snapshot.
                throw new SnapshotGoneException(entry.Name, file);
            }
        }

        return new SegmentedTable(entry.Name, entry.Columns, entry.SortKey, readers) { Entry = entry, AnsweringCube = answeringCube };
    }

    /// <summary>
    /// Forgets the reader of a dropped segment (the commit deleted its file). A query that started before the drop
    /// may still be reading it, so it is closed with the database, not now.
    /// </summary>
    internal void RetireSegment(string fileName)
    {
        if (_readers.TryRemove(fileName, out var reader))
        {
            _retired.Add(reader);
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var reader in _readers.Values.Concat(_retired))
        {
            reader.Dispose();
        }

        _readers.Clear();
        Directory.Dispose();
        if (_temporary)
        {
            try
            {
                System.IO.Directory.Delete(Directory.Path, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
