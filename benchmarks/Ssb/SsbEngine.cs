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

    protected static string Quote(string path) => "'" + path.Replace("'", "''", StringComparison.Ordinal) + "'";
}
