namespace Olap.Datasets.Tests;

/// <summary>Finds files of the repository (and the shared data beside it) from a test's output folder.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>dbgen's SF 0.1 output, shared by all worktrees and never copied into the repository.</summary>
    public static string DbgenFile(string table) => PathOf("..", "shared", "data", "ssb-dbgen-sf0.1", $"{table}.tbl.gz");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Olap.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Olap.sln above {AppContext.BaseDirectory}.");
    }
}
