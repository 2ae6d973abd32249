namespace Olap.Data.Tests;

public sealed class ReadmeExampleTests : IDisposable
{
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task The_readme_example_runs_and_gives_the_expected_answers()
    {
        var console = new StringWriter();
        var (large, arrowRows, parquetTotal, targets) = await ReadmeExample.Run(Path.Combine(_database.Folder, "sales"), console);

        var expectedNorth = Enumerable.Range(0, 1_000).Where(i => i % 2 == 0 && new DateOnly(2024, 1, 1).AddDays(i % 366) >= new DateOnly(2024, 6, 1)).Sum(i => i * 1.25m);
        Assert.StartsWith($"north: {expectedNorth}", console.ToString(), StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(0, 1_000).Where(i => i % 2 == 0 && i * 1.25m > 1_200m).Select(i => i * 1.25m), large.Select(s => s.Amount));
        Assert.All(large, s => Assert.Equal("north", s.Region));
        Assert.Equal(1_000L, arrowRows);
        Assert.Equal(Enumerable.Range(0, 1_000).Sum(i => i * 1.25m), parquetTotal);
        Assert.Equal(500L, targets);
    }

    [Fact]
    public void The_readme_shows_the_example_as_it_is_compiled()
    {
        var source = File.ReadAllText(RepositoryPath("tests", "Olap.Data.Tests", "ReadmeExample.cs"));
        var start = source.IndexOf("// README:begin", StringComparison.Ordinal);
        var end = source.IndexOf("// README:end", StringComparison.Ordinal);
        var lines = source[start..end].Split('\n')[1..^1].Select(l => l.TrimEnd('\r'));
        var body = string.Join("\n", lines.Select(l => l.Length >= 8 ? l[8..] : l.TrimStart()));

        var readme = File.ReadAllText(RepositoryPath("README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.Contains(body, readme, StringComparison.Ordinal);
    }

    private static string RepositoryPath(params string[] parts)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Olap.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine([directory?.FullName ?? throw new InvalidOperationException("Olap.sln not found above the test binaries"), .. parts]);
    }
}
