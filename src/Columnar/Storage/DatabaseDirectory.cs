namespace Olap.Columnar.Storage;

/// <summary>
/// A database on disk: a directory of immutable native segment files plus <c>manifest.json</c>, which lists what
/// belongs to the database. A change writes the next manifest to a temporary file, flushes it, renames it over the
/// old one and flushes the directory, so a crash leaves the old or the new state, never a mix. Files that no
/// manifest names (left by a statement that failed or a crash) are removed when the database opens for writing.
/// </summary>
/// <remarks>
/// One process at a time opens a database for writing (<see cref="DatabaseLock"/>); any number open it read-only
/// alongside. A read-only open changes no file, and <see cref="Refresh"/> moves it on to what the writer committed
/// since.
/// </remarks>
public sealed class DatabaseDirectory : IDisposable
{
    public const string ManifestFileName = "manifest.json";
    public const string SegmentExtension = ".olap";

    private readonly Lock _commitLock = new();
    private readonly HashSet<string> _reserved = new(StringComparer.Ordinal);
    private readonly DatabaseLock? _writeLock;
    private Manifest _current;
    private (long Length, DateTime Written) _manifestStamp;
    private string? _failure;

    private DatabaseDirectory(string path, Manifest current, DatabaseLock? writeLock)
    {
        Path = path;
        _current = current;
        _writeLock = writeLock;
    }

    public string Path { get; }

    /// <summary>The file operations writes go through (faults are injected here in tests).</summary>
    public StorageFiles Files { get; private init; } = StorageFiles.Real;

    /// <summary>True when opened with <see cref="DatabaseOpenMode.ReadOnly"/>: every change is refused.</summary>
    public bool IsReadOnly => _writeLock is null;

    /// <summary>The latest committed manifest: a consistent snapshot for a statement to read.</summary>
    public Manifest Current => Volatile.Read(ref _current);

    /// <summary>
    /// Opens the database at <paramref name="path"/>. For writing (the default) it creates an empty database if the
    /// directory is new or empty, and takes the database's write lock (<see cref="DatabaseLockedException"/> when
    /// another process has it); read-only, the database must exist and no file is created, changed or removed.
    /// </summary>
    public static DatabaseDirectory Open(string path, DatabaseOpenMode mode = DatabaseOpenMode.ReadWrite) => Open(path, mode, StorageFiles.Real);

    /// <summary><see cref="Open(string, DatabaseOpenMode)"/> with writes going through <paramref name="files"/>.</summary>
    public static DatabaseDirectory Open(string path, DatabaseOpenMode mode, StorageFiles files)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (File.Exists(full))
        {
            throw new IOException($"'{path}' is a file, not a database directory.");
        }

        var readOnly = mode == DatabaseOpenMode.ReadOnly;
        if (readOnly && !Directory.Exists(full))
        {
            throw new IOException($"'{path}' does not exist: a database opened read-only is not created.");
        }

        Directory.CreateDirectory(full);
        var manifestPath = System.IO.Path.Combine(full, ManifestFileName);
        if (!File.Exists(manifestPath) && Directory.EnumerateFileSystemEntries(full).Any(entry => !IsLeftover(entry) && !IsLockFile(entry)))
        {
            throw new IOException($"'{path}' is not empty and has no {ManifestFileName}: it is not an Olap database.");
        }

        var writeLock = readOnly ? null : DatabaseLock.Acquire(full);
        try
        {
            var (manifest, stamp) = ReadManifest(full, path);
            foreach (var table in manifest.Tables)
            {
                foreach (var segment in table.Segments)
                {
                    if (!File.Exists(System.IO.Path.Combine(full, segment.FileName)))
                    {
                        throw new IOException($"'{path}': table \"{table.Name}\" needs segment '{segment.FileName}', which is missing.");
                    }

                    if (segment.Deletes is { } deletes && !File.Exists(System.IO.Path.Combine(full, deletes)))
                    {
                        throw new IOException($"'{path}': table \"{table.Name}\" needs the deleted rows '{deletes}' of segment '{segment.FileName}', which are missing.");
                    }
                }
            }

            var database = new DatabaseDirectory(full, manifest, writeLock) { _manifestStamp = stamp, Files = files };
            if (!readOnly)
            {
                database.RemoveUnreferencedFiles(manifest);
            }

            return database;
        }
        catch
        {
            writeLock?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// For a read-only open: takes up the manifest the writing process committed since the last look, if any, and
    /// returns true when it changed. Statements call it as they start, so each reads the newest committed state.
    /// </summary>
    public bool Refresh()
    {
        if (!IsReadOnly)
        {
            return false;
        }

        lock (_commitLock)
        {
            var info = new FileInfo(System.IO.Path.Combine(Path, ManifestFileName));
            if (!info.Exists || (info.Length, info.LastWriteTimeUtc) == _manifestStamp)
            {
                return false;
            }

            var (manifest, stamp) = ReadManifest(Path, Path);
            _manifestStamp = stamp;
            if (manifest.Version == Current.Version)
            {
                return false;
            }

            Volatile.Write(ref _current, manifest);
            return true;
        }
    }

    /// <summary>Lets go of the write lock; the files stay as the last commit left them.</summary>
    public void Dispose() => _writeLock?.Dispose();

    private static (Manifest Manifest, (long, DateTime) Stamp) ReadManifest(string directory, string shownPath)
    {
        var manifestPath = System.IO.Path.Combine(directory, ManifestFileName);
        byte[] bytes;
        DateTime written;
        try
        {
            // The stamp is taken before the read: a manifest renamed in between is read again at the next refresh.
            written = File.GetLastWriteTimeUtc(manifestPath);
            bytes = File.ReadAllBytes(manifestPath);
        }
        catch (FileNotFoundException)
        {
            return (Manifest.Empty, (-1, default));
        }

        try
        {
            return (ManifestSerializer.Deserialize(bytes), (bytes.LongLength, written));
        }
        catch (InvalidDataException e)
        {
            throw new IOException($"'{System.IO.Path.Combine(shownPath, ManifestFileName)}': {e.Message}", e);
        }
    }

    /// <summary>A fresh segment file name for a writer; the file belongs to the database once a manifest names it.</summary>
    public static string NewSegmentFileName() => $"segment-{Guid.NewGuid():N}{SegmentExtension}";

    /// <summary>
    /// A fresh segment file name that commits leave alone, with its temporary and sort-run files, until
    /// <see cref="ReleaseSegment"/>: for writers that work outside the write lock (appenders) while other
    /// statements commit and tidy the directory.
    /// </summary>
    public string ReserveSegment()
    {
        var name = NewSegmentFileName();
        lock (_commitLock)
        {
            _reserved.Add(name);
        }

        return name;
    }

    /// <summary>Ends a reservation: the segment is now named by a manifest, or abandoned and deleted by its writer.</summary>
    public void ReleaseSegment(string fileName)
    {
        lock (_commitLock)
        {
            _reserved.Remove(fileName);
        }
    }

    public string SegmentPath(string fileName) => System.IO.Path.Combine(Path, fileName);

    /// <summary>
    /// Takes no further change, for <paramref name="reason"/> (storage failed under a write whose outcome is
    /// unknown). A commit under way finishes first, so <see cref="Current"/> is final when this returns.
    /// </summary>
    public void RefuseChanges(string reason)
    {
        lock (_commitLock)
        {
            _failure ??= reason;
        }
    }

    /// <summary>
    /// Makes <paramref name="next"/> the database's state, durably and atomically. It must follow
    /// <see cref="Current"/> (version + 1): a writer that raced another fails instead of losing its change.
    /// </summary>
    public void Commit(Manifest next)
    {
        if (IsReadOnly)
        {
            throw new InvalidOperationException($"'{Path}' is open read-only: it cannot change.");
        }

        lock (_commitLock)
        {
            if (_failure is not null)
            {
                throw new IOException(_failure);
            }

            var current = Current;
            if (next.Version != current.Version + 1)
            {
                throw new InvalidOperationException($"Manifest version {next.Version} does not follow the current version {current.Version}.");
            }

            foreach (var table in next.Tables)
            {
                if (table.Cube is { } cube && (cube.DeltaSegments < 0 || cube.DeltaSegments > table.Segments.Count))
                {
                    throw new InvalidOperationException($"Materialized view \"{table.Name}\" counts {cube.DeltaSegments} appended segments of its {table.Segments.Count}.");
                }

                foreach (var segment in table.Segments)
                {
                    if (!File.Exists(SegmentPath(segment.FileName)))
                    {
                        throw new InvalidOperationException($"Table \"{table.Name}\" names segment '{segment.FileName}', which was never written.");
                    }

                    if (segment.Deletes is { } deletes && !File.Exists(SegmentPath(deletes)))
                    {
                        throw new InvalidOperationException($"Table \"{table.Name}\" names deleted rows '{deletes}', which were never written.");
                    }
                }
            }

            var manifestPath = System.IO.Path.Combine(Path, ManifestFileName);
            var temporary = manifestPath + ".tmp";
            try
            {
                File.Delete(temporary);
                using (var stream = Files.Create(temporary))
                {
                    stream.Write(ManifestSerializer.Serialize(next));
                    Files.FlushToDisk(stream);
                }

                Files.Move(temporary, manifestPath);
            }
            catch
            {
                // Not renamed: the last committed manifest stands; the half-written one goes.
                try
                {
                    File.Delete(temporary);
                }
                catch (IOException)
                {
                }

                throw;
            }

            // Renamed: the new manifest is the database's now, whether or not the directory reaches the disk. If
            // that flush fails, whether the change survives a crash is unknown: like PostgreSQL after a failed fsync,
            // this open takes no further change, and the error says so.
            try
            {
                Files.FlushDirectory(Path);
            }
            catch (IOException error)
            {
                Volatile.Write(ref _current, next);
                _failure = $"'{Path}': flushing the directory after a commit failed ({error.Message}); the change is in place but may not survive a crash, and this open takes no further change: reopen the database";
                throw new IOException(_failure, error);
            }

            Volatile.Write(ref _current, next);

            // Segments the new state no longer names go. On Unix a reader that still has one mapped keeps reading it.
            RemoveUnreferencedFiles(next);
        }
    }

    private void RemoveUnreferencedFiles(Manifest manifest)
    {
        var referenced = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in manifest.Tables)
        {
            foreach (var segment in table.Segments)
            {
                referenced.Add(segment.FileName);
                if (segment.Deletes is { } deletes)
                {
                    referenced.Add(deletes);
                }
            }
        }

        // While a reserved segment is being written, its temporary file and the sort runs beside it are in use.
        var writing = _reserved.Count > 0;
        foreach (var file in Directory.EnumerateFiles(Path))
        {
            var name = System.IO.Path.GetFileName(file);
            if (writing && (_reserved.Contains(name) || IsLeftover(file)))
            {
                continue;
            }

            if (((IsSegment(name) || DeletionVector.IsDeletionFile(name)) && !referenced.Contains(name)) || IsLeftover(file))
            {
                File.Delete(file);
            }
        }
    }

    private static bool IsLockFile(string path)
    {
        var name = System.IO.Path.GetFileName(path);
        return name is DatabaseLock.FileName or DatabaseLock.OwnerFileName;
    }

    private static bool IsSegment(string name) => name.StartsWith("segment-", StringComparison.Ordinal) && name.EndsWith(SegmentExtension, StringComparison.Ordinal);

    /// <summary>Temporary files of interrupted writes: a manifest or segment that never got its final name.</summary>
    private static bool IsLeftover(string path)
    {
        var name = System.IO.Path.GetFileName(path);
        return name == ManifestFileName + ".tmp" || name == WriteLog.FileName + ".tmp" || name.Contains(SegmentExtension + ".tmp-", StringComparison.Ordinal) || name.StartsWith(".olap-sort-", StringComparison.Ordinal);
    }
}
