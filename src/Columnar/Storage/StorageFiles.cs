namespace Olap.Columnar.Storage;

/// <summary>
/// The file operations a database's writes go through: creating, appending, flushing to disk, renaming, flushing a
/// directory. <see cref="Real"/> does them; tests substitute a subclass that fails them the way storage fails (a
/// full disk, a failed fsync, a write torn halfway), to check that each gives a clear error and leaves the last
/// committed state intact.
/// </summary>
public class StorageFiles
{
    public static StorageFiles Real { get; } = new();

    /// <summary>A new file for writing; it must not exist.</summary>
    public virtual Stream Create(string path, int bufferSize = 4096)
        => new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize);

    /// <summary>Writes <paramref name="bytes"/> at the stream's position (the write log's appends).</summary>
    public virtual void Write(Stream stream, ReadOnlySpan<byte> bytes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(bytes);
    }

    /// <summary>Flushes what was written to the stream down to the disk (fsync).</summary>
    public virtual void FlushToDisk(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (stream is FileStream file)
        {
            file.Flush(flushToDisk: true);
        }
        else
        {
            stream.Flush();
        }
    }

    public virtual void Move(string from, string to) => File.Move(from, to, overwrite: true);

    /// <summary>Makes renames in <paramref name="directory"/> durable.</summary>
    public virtual void FlushDirectory(string directory) => DirectorySync.Flush(directory);
}
