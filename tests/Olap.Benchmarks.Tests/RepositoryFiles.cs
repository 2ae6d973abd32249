namespace Olap.Benchmarks.Tests;

/// <summary>Finds the repository root from a test's output folder.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

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
