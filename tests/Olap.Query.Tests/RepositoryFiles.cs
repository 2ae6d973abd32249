namespace Olap.Query.Tests;

/// <summary>Finds files of the repository from a test's output folder, so tests read the files the product ships.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

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
