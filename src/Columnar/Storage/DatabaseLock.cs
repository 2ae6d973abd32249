using System.Globalization;

namespace Olap.Columnar.Storage;

/// <summary>
/// The one-writer rule across processes: a process that opens a database for writing holds an exclusive lock on its
/// <c>olap.lock</c> file for as long as it has the database open. The operating system releases the lock when the
/// process ends, however it ends, so a crashed writer never leaves the database locked. The lock file itself holds
/// nothing: a locked file cannot be read by others on every platform, so the holder's process id is written beside
/// it, in <c>olap.lock.owner</c>, only to name the holder in the error a second writer gets.
/// </summary>
public sealed class DatabaseLock : IDisposable
{
    public const string FileName = "olap.lock";
    public const string OwnerFileName = "olap.lock.owner";

    private readonly FileStream _lock;

    private DatabaseLock(FileStream held) => _lock = held;

    /// <summary>Takes the write lock of the database in <paramref name="directory"/>, or throws <see cref="DatabaseLockedException"/>.</summary>
    public static DatabaseLock Acquire(string directory)
    {
        var path = Path.Combine(directory, FileName);
        FileStream held;
        try
        {
            // FileShare.None is an exclusive flock on Unix and a sharing lock on Windows, in this process too.
            held = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException error) when (error is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new DatabaseLockedException(directory, ReadOwner(directory), error);
        }

        try
        {
            File.WriteAllText(Path.Combine(directory, OwnerFileName), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        }
        catch (IOException)
        {
            // The owner file only improves an error message; a read-only medium or a race must not stop the open.
        }
        catch (UnauthorizedAccessException)
        {
        }

        return new DatabaseLock(held);
    }

    public void Dispose() => _lock.Dispose();

    private static int? ReadOwner(string directory)
    {
        try
        {
            var text = File.ReadAllText(Path.Combine(directory, OwnerFileName)).Trim();
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}

/// <summary>Another process (or another open in this one) writes to the database: it can still be opened read-only.</summary>
public sealed class DatabaseLockedException(string directory, int? ownerProcessId, Exception? inner = null)
    : IOException(Describe(directory, ownerProcessId), inner)
{
    /// <summary>The process that held the lock when the open failed, when it could be told.</summary>
    public int? OwnerProcessId { get; } = ownerProcessId;

    private static string Describe(string directory, int? owner)
    {
        var holder = owner is { } id
            ? id == Environment.ProcessId ? $"this process ({id}) has it open for writing already" : $"database is locked by process {id}"
            : "database is locked by another process";
        return $"'{directory}': {holder}; one process at a time may write to a database. Open it read-only to query it meanwhile (olap --readonly, Mode=ReadOnly).";
    }
}
