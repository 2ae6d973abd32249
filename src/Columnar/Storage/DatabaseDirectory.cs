namespace Olap.Columnar.Storage;

/// <summary>
/// A database on disk: a directory of immutable native segment files plus <c>manifest.json</c>, which lists what
/// belongs to the database. A change writes the next manifest to a temporary file, flushes it, renames it over the
/// old one and flushes the directory, so a crash leaves the old or the new state, never a mix. Files that no
/// manifest names (left by a statement that failed or a crash) are removed when the database opens.
/// </summary>
public sealed class DatabaseDirectory
{
    public const string ManifestFileName = "manifest.json";
    public const string SegmentExtension = ".olap";

    private readonly Lock _commitLock = new();
    private readonly HashSet<string> _reserved = new(StringComparer.Ordinal);
    private Manifest _current;

    private DatabaseDirectory(string path, Manifest current)
    {
        Path = path;
        _current = current;
    }

    public string Path { get; }

    /// <summary>The latest committed manifest: a consistent snapshot for a statement to read.</summary>
    public Manifest Current => Volatile.Read(ref _current);

    /// <summary>Opens the database at <paramref name="path"/>, creating an empty one if the directory is new or empty.</summary>
    public static DatabaseDirectory Open(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (File.Exists(full))
        {
            throw new IOException($"'{path}' is a file, not a database directory.");
        }

        Directory.CreateDirectory(full);
        var manifestPath = System.IO.Path.Combine(full, ManifestFileName);
        Manifest manifest;
        if (File.Exists(manifestPath))
        {
            try
            {
                manifest = ManifestSerializer.Deserialize(File.ReadAllBytes(manifestPath));
            }
            catch (InvalidDataException e)
            {
                throw new IOException($"'{manifestPath}': {e.Message}", e);
            }
        }
        else if (Directory.EnumerateFileSystemEntries(full).Any(entry => !IsLeftover(entry)))
        {
            throw new IOException($"'{path}' is not empty and has no {ManifestFileName}: it is not an Olap database.");
        }
        else
        {
            manifest = Manifest.Empty;
        }

        foreach (var table in manifest.Tables)
        {
            foreach (var segment in table.Segments)
            {
                if (!File.Exists(System.IO.Path.Combine(full, segment.FileName)))
                {
                    throw new IOException($"'{path}': table \"{table.Name}\" needs segment '{segment.FileName}', which is missing.");
                }
            }
        }

        var database = new DatabaseDirectory(full, manifest);
        database.RemoveUnreferencedFiles(manifest);
        return database;
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
    /// Makes <paramref name="next"/> the database's state, durably and atomically. It must follow
    /// <see cref="Current"/> (version + 1): a writer that raced another fails instead of losing its change.
    /// </summary>
    public void Commit(Manifest next)
    {
        lock (_commitLock)
        {
            var current = Current;
            if (next.Version != current.Version + 1)
            {
                throw new InvalidOperationException($"Manifest version {next.Version} does not follow the current version {current.Version}.");
            }

            foreach (var table in next.Tables)
            {
                foreach (var segment in table.Segments)
                {
                    if (!File.Exists(SegmentPath(segment.FileName)))
                    {
                        throw new InvalidOperationException($"Table \"{table.Name}\" names segment '{segment.FileName}', which was never written.");
                    }
                }
            }

            var manifestPath = System.IO.Path.Combine(Path, ManifestFileName);
            var temporary = manifestPath + ".tmp";
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                stream.Write(ManifestSerializer.Serialize(next));
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, manifestPath, overwrite: true);
            DirectorySync.Flush(Path);
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

            if ((IsSegment(name) && !referenced.Contains(name)) || IsLeftover(file))
            {
                File.Delete(file);
            }
        }
    }

    private static bool IsSegment(string name) => name.StartsWith("segment-", StringComparison.Ordinal) && name.EndsWith(SegmentExtension, StringComparison.Ordinal);

    /// <summary>Temporary files of interrupted writes: a manifest or segment that never got its final name.</summary>
    private static bool IsLeftover(string path)
    {
        var name = System.IO.Path.GetFileName(path);
        return name == ManifestFileName + ".tmp" || name.Contains(SegmentExtension + ".tmp-", StringComparison.Ordinal) || name.StartsWith(".olap-sort-", StringComparison.Ordinal);
    }
}
