namespace Olap.Query.Tests.Golden;

/// <summary>
/// The SQL dialect's behaviour, written down as golden files under Golden/sql (format in Golden/README.md): each
/// file runs on a fresh in-memory database and every case must give the expected result or error.
/// With <c>OLAP_GOLDEN_GENERATE=missing</c> (or <c>all</c>) the same tests instead write the expected query
/// results from DuckDB into the files.
/// </summary>
public sealed class GoldenTests
{
    public static TheoryData<string> Files()
    {
        var files = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(GoldenText.SqlFolder, "*.test").Order(StringComparer.Ordinal))
        {
            files.Add(Path.GetFileName(path));
        }

        return files;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Golden_file_gives_the_expected_results_and_errors(string name)
    {
        var file = GoldenFile.Load(Path.Combine(GoldenText.SqlFolder, name));
        var generate = Environment.GetEnvironmentVariable("OLAP_GOLDEN_GENERATE");
        if (!string.IsNullOrEmpty(generate))
        {
            var mode = string.Equals(generate, "all", StringComparison.OrdinalIgnoreCase) ? GenerationMode.All : GenerationMode.Missing;
            var (text, notes) = DuckDbExpectations.Generate(file, mode);
            File.WriteAllText(file.Path, text);
            Assert.True(notes.Count == 0, $"DuckDB disagreed with {name}:\n" + string.Join("\n", notes));
            return;
        }

        var outcome = GoldenRunner.Run(file);
        Assert.True(outcome.Failures.Count == 0, outcome.Report());
    }

    [Fact]
    public void Every_golden_file_parses_and_has_cases()
    {
        foreach (var path in Directory.GetFiles(GoldenText.SqlFolder, "*.test"))
        {
            Assert.NotEmpty(GoldenFile.Load(path).Cases);
        }
    }
}
