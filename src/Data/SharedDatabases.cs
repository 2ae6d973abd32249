using Olap.Columnar.Storage;
using Olap.Query;

namespace Olap.Data;

/// <summary>
/// One <see cref="OlapDatabase"/> per folder for the whole process, shared by every connection to it and closed
/// when the last one closes: two writing instances over one folder would each think they own its files (and the
/// second could not take the write lock). Read-only connections share a read-only instance of their own.
/// </summary>
internal static class SharedDatabases
{
    private static readonly Lock s_gate = new();
    private static readonly Dictionary<string, Entry> s_open = new(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);

    public static OlapDatabase Acquire(string path, DatabaseOpenMode mode = DatabaseOpenMode.ReadWrite)
    {
        var folder = Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        var key = mode == DatabaseOpenMode.ReadOnly ? folder + "|read-only" : folder;
        lock (s_gate)
        {
            if (!s_open.TryGetValue(key, out var entry))
            {
                entry = new Entry(OlapDatabase.Open(folder, mode));
                s_open[key] = entry;
            }

            entry.References++;
            return entry.Database;
        }
    }

    public static void Release(OlapDatabase database)
    {
        lock (s_gate)
        {
            foreach (var (key, entry) in s_open)
            {
                if (ReferenceEquals(entry.Database, database))
                {
                    if (--entry.References == 0)
                    {
                        s_open.Remove(key);
                        database.Dispose();
                    }

                    return;
                }
            }
        }
    }

    private sealed class Entry(OlapDatabase database)
    {
        public OlapDatabase Database { get; } = database;

        public int References { get; set; }
    }
}
