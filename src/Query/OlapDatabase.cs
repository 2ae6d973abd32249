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
    private readonly ConcurrentDictionary<string, DeletionVector> _deletions = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<OlapFileReader> _retired = [];
    private readonly bool _temporary;
    private bool _disposed;

    private (long Length, DateTime Written) _readOnlyLogStamp = (-1, default);

    private OlapDatabase(DatabaseDirectory directory, bool temporary)
    {
        Directory = directory;
        _temporary = temporary;
        Merger = new SegmentMerger(this);
        try
        {
            if (directory.IsReadOnly)
            {
                RefreshReadOnly();
            }
            else
            {
                Log = WriteLog.OpenForWriting(directory.Path, directory.Current.LogSequence, out var records, directory.Files);
                Replay(records);
            }
        }
        catch (InvalidDataException error)
        {
            Log?.Dispose();
            directory.Dispose();
            throw new IOException(error.Message, error);
        }
        catch
        {
            Log?.Dispose();
            directory.Dispose();
            throw;
        }
    }

    /// <summary>Rows inserted and logged but not yet in segments; a statement reads its snapshot with the manifest's.</summary>
    internal WriteBuffer Buffer { get; } = new();

    /// <summary>The write log of a writing open; null when read-only.</summary>
    internal WriteLog? Log { get; }

    /// <summary>Merges small segments in the background after commits (<see cref="SegmentMerger"/>); on by default.</summary>
    public bool AutoMerge { get; set; } = true;

    /// <summary>The background merges; <see cref="WaitForMerges"/> waits until it has nothing left to do.</summary>
    internal SegmentMerger Merger { get; private set; } = null!;

    /// <summary>Waits until background merges have merged everything they would (tests and benchmarks use it).</summary>
    public void WaitForMerges() => Merger.WaitUntilIdle();

    /// <summary>Background merges committed since the database opened and the rows they rewrote.</summary>
    public MergeStatistics MergeStatistics => Merger.Statistics;

    /// <summary>Buffered rows past which an INSERT checkpoints them into segments (the log is emptied then).</summary>
    public int WriteBufferRows { get; set; } = 1 << 17;

    /// <summary>
    /// For a read-only open, at each statement: the writer's newest log (its buffered rows), then its newest manifest,
    /// in that order, since the writer commits a checkpoint's manifest before it empties the log.
    /// </summary>
    internal void RefreshReadOnly()
    {
        var log = new FileInfo(System.IO.Path.Combine(Directory.Path, WriteLog.FileName));
        var stamp = log.Exists ? (log.Length, log.LastWriteTimeUtc) : (-1, default);
        if (stamp != _readOnlyLogStamp)
        {
            var records = WriteLog.ReadOnly(Directory.Path, flushedSequence: 0);
            var fresh = new WriteBuffer();
            foreach (var record in records)
            {
                fresh.Append(record.Table, record.Columns, record.RowCount, record.Sequence);
            }

            Buffer.Publish(fresh.Latest);
            _readOnlyLogStamp = stamp;
        }

        Directory.Refresh();
    }

    private void Replay(IReadOnlyList<LogRecord> records)
    {
        var manifest = Directory.Current;
        foreach (var record in records)
        {
            var table = manifest.FindTable(record.Table)
                ?? throw new IOException($"'{System.IO.Path.Combine(Directory.Path, WriteLog.FileName)}': record {record.Sequence} holds rows of table {record.Table}, which the database does not have.");
            if (table.Columns.Count != record.Columns.Length || table.Columns.Where((c, i) => c.Type != record.Columns[i].Type).Any())
            {
                throw new IOException($"'{System.IO.Path.Combine(Directory.Path, WriteLog.FileName)}': record {record.Sequence} does not fit the columns of table {table.Name}.");
            }

            Buffer.Append(table.Name, record.Columns, record.RowCount, record.Sequence);
        }

        if (records.Count > 0)
        {
            Buffer.Reveal(records[^1].Sequence); // on disk: the writing open flushed the log it read
        }
    }

    internal DatabaseDirectory Directory { get; }

    /// <summary>Materialized views' definitions taken apart, once per manifest entry (entries are immutable).</summary>
    internal System.Runtime.CompilerServices.ConditionalWeakTable<TableEntry, Cubes.CubeDefinition> CubeDefinitions { get; } = new();

    /// <summary>Serializes statements that change the database; a transaction holds it from BEGIN to COMMIT.</summary>
    internal WriterGate Writers { get; } = new();

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

    /// <summary>An open whose writes go through <paramref name="files"/> (storage-fault tests).</summary>
    internal static OlapDatabase Open(string path, StorageFiles files) => new(DatabaseDirectory.Open(path, DatabaseOpenMode.ReadWrite, files), temporary: false);

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
    internal SegmentedTable OpenTable(TableEntry entry, string? answeringCube = null, IReadOnlyList<BufferedChunk>? buffered = null)
    {
        var readers = new OlapFileReader[entry.Segments.Count];
        for (var i = 0; i < readers.Length; i++)
        {
            var file = entry.Segments[i].FileName;
            try
            {
                readers[i] = _readers.GetOrAdd(file, name => OlapFileReader.Open(Directory.SegmentPath(name)));
            }
            catch (FileNotFoundException)
            {
                // A merge or a drop removed the segment after this statement took its snapshot.
                throw new SnapshotGoneException(entry.Name, file);
            }
        }

        DeletionVector?[]? deletes = null;
        for (var i = 0; i < readers.Length; i++)
        {
            if (entry.Segments[i].Deletes is { } file)
            {
                deletes ??= new DeletionVector?[readers.Length];
                var rows = entry.Segments[i].RowCount;
                try
                {
                    deletes[i] = _deletions.GetOrAdd(file, name => DeletionVector.Read(Directory.SegmentPath(name), rows));
                }
                catch (FileNotFoundException)
                {
                    throw new SnapshotGoneException(entry.Name, file);
                }
                catch (InvalidDataException error)
                {
                    throw new QueryException(error.Message, error);
                }
            }
        }

        return new SegmentedTable(entry.Name, entry.Columns, entry.SortKey, readers, buffered, deletes) { Entry = entry, AnsweringCube = answeringCube };
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
        Merger.Stop();
        if (Log is not null)
        {
            try
            {
                // Closing writes the buffered rows as segments; if that fails they are still in the log.
                // A connection that left a transaction open keeps the gate: its rows stay in the log, its files are
                // removed at the next open.
                using var session = new OlapSession(this);
                if (Writers.TryEnter())
                {
                    try
                    {
                        new StatementRunner(this, session, string.Empty, CancellationToken.None).Checkpoint();
                    }
                    finally
                    {
                        Writers.Leave();
                    }
                }
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException or QueryException)
            {
            }

            Log.Dispose();
        }

        foreach (var reader in _readers.Values.Concat(_retired))
        {
            reader.Dispose();
        }

        _readers.Clear();
        Merger.Dispose();
        Directory.Dispose();
        Writers.Dispose();
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
