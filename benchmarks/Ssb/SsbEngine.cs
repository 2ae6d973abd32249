namespace Olap.Benchmarks.Ssb;

/// <summary>One engine under test: loads the SSB .tbl files into its own on-disk database and answers the queries.</summary>
internal abstract class SsbEngine : IDisposable
{
    public abstract string Name { get; }

    /// <summary>How lineorder is laid out, for the report (both engines get it in lo_orderdate order).</summary>
    public abstract string PhysicalDesign { get; }

    /// <summary>Creates the five tables and loads them from the .tbl files; durable on disk when it returns.</summary>
    public abstract void Load(SsbDataFiles files);

    /// <summary>Bytes the loaded database takes on disk.</summary>
    public abstract long StorageBytes();

    /// <summary>Runs the query and reads every value of every row into .NET objects (timed as part of the query).</summary>
    public abstract List<object?[]> Run(SsbQuery query);

    public abstract void Dispose();

    protected static long DirectoryBytes(string directory) =>
        Directory.Exists(directory)
            ? new DirectoryInfo(directory).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length)
            : 0;

    /// <summary>Starts from an empty folder, so a previous run's database is neither reused nor counted.</summary>
    protected static void Recreate(string directory)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        Directory.CreateDirectory(directory);
    }

    /// <summary>
    /// True when the engine opened a database that an earlier run had loaded completely (<c>--reuse-databases</c>):
    /// its <see cref="Load"/> then does nothing, so the load time in the report is not a measurement.
    /// </summary>
    public bool Reused { get; protected init; }

    /// <summary>The marker written beside a database folder once its load finished, so a later run may reuse it.</summary>
    protected static string LoadedMarker(string directory) => directory.TrimEnd(Path.DirectorySeparatorChar) + ".loaded";

    /// <summary>
    /// Prepares the database folder: keeps it when <paramref name="reuse"/> is set and a complete load is marked,
    /// else starts from an empty folder. Returns whether the folder is reused.
    /// </summary>
    protected static bool PrepareDirectory(string directory, bool reuse)
    {
        if (reuse && File.Exists(LoadedMarker(directory)) && Directory.Exists(directory))
        {
            return true;
        }

        if (File.Exists(LoadedMarker(directory)))
        {
            File.Delete(LoadedMarker(directory));
        }

        Recreate(directory);
        return false;
    }

    /// <summary>Marks the folder as completely loaded (after <see cref="Load"/> returned).</summary>
    public static void MarkLoaded(string directory) => File.WriteAllText(LoadedMarker(directory), DateTime.UtcNow.ToString("O"));

    protected static string Quote(string path) => "'" + path.Replace("'", "''", StringComparison.Ordinal) + "'";
}
