using Olap.Datasets.Ssb;

namespace Olap.Cli.Startup;

/// <summary>
/// The database the REPL opens when no path is given: the Star Schema Benchmark at SF 0.1, generated on first start
/// into a per-user data folder (or <c>OLAP_DEMO_DIR</c>) and reused after that. It is generated into a sibling folder
/// and renamed into place when complete, so an interrupted first start leaves no half database behind, only a
/// leftover folder the next start deletes.
/// </summary>
internal static class DemoDatabase
{
    public const double ScaleFactor = 0.1;

    public const string DirectoryVariable = "OLAP_DEMO_DIR";

    private const string PartialMarker = ".partial-";

    public static string Location()
    {
        var configured = Environment.GetEnvironmentVariable(DirectoryVariable);
        return string.IsNullOrEmpty(configured)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "olap", "demo-ssb-sf0.1")
            : Path.GetFullPath(configured);
    }

    public static bool Exists(string directory) => Directory.Exists(directory);

    /// <summary>The demo's directory, generated first if it is not there yet.</summary>
    public static string Ensure(string directory, IProgress<SsbProgress> progress)
    {
        if (Exists(directory))
        {
            return directory;
        }

        var parent = Path.GetDirectoryName(Path.GetFullPath(directory))!;
        Directory.CreateDirectory(parent);
        DeleteLeftovers(directory);
        var partial = directory + PartialMarker + Environment.ProcessId;
        try
        {
            new SsbGenerator(ScaleFactor).WriteDatabase(partial, progress: progress);
            Directory.Move(partial, directory);
        }
        catch (IOException) when (Exists(directory))
        {
            // Another olap started at the same time finished first; its database is as good as ours.
        }
        finally
        {
            if (Directory.Exists(partial))
            {
                Directory.Delete(partial, recursive: true);
            }
        }

        return directory;
    }

    /// <summary>The scale's row counts, to weigh each table's share of the progress bar.</summary>
    public static long Rows(SsbTable table)
    {
        var scale = new SsbScale(ScaleFactor);
        return table switch
        {
            SsbTable.Lineorder => scale.Orders * 4,
            SsbTable.Customer => scale.Customers,
            SsbTable.Supplier => scale.Suppliers,
            SsbTable.Part => scale.Parts,
            _ => SsbScale.DateRows,
        };
    }

    private static void DeleteLeftovers(string directory)
    {
        var parent = Path.GetDirectoryName(Path.GetFullPath(directory))!;
        var prefix = Path.GetFileName(directory) + PartialMarker;
        foreach (var leftover in Directory.EnumerateDirectories(parent, prefix + "*"))
        {
            var pid = Path.GetFileName(leftover)[prefix.Length..];
            if (int.TryParse(pid, out var id) && id != Environment.ProcessId && IsRunning(id))
            {
                continue; // Another olap is generating right now.
            }

            try
            {
                Directory.Delete(leftover, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
