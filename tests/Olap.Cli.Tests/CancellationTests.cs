using System.Diagnostics;
using Olap.Cli.Rendering;
using Olap.Cli.Session;

namespace Olap.Cli.Tests;

/// <summary>Ctrl-C cancels the running statement: it stops promptly, says so, and the database answers the next statement.</summary>
public sealed class CancellationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("olap-cli-cancel-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task A_long_query_cancelled_returns_promptly_and_the_database_stays_usable()
    {
        var csv = Path.Combine(_directory, "facts.csv");
        File.WriteAllLines(csv, ["k,v", .. Enumerable.Range(0, 100_000).Select(i => $"{i % 10},{i}")]);
        using var harness = new ShellHarness(new ShellSettings { Mode = OutputMode.Csv });
        harness.Run($"CREATE TABLE facts (k INTEGER, v INTEGER); COPY facts FROM '{csv}' (HEADER);");

        // Every key matches 10,000 rows on the other side: a billion joined rows, far more than the test waits for.
        var query = Task.Run(() => harness.Shell.RunText("SELECT count(*) FROM facts a JOIN facts b ON a.k = b.k;"));
        await Task.Delay(500);

        // On a loaded machine the statement may start late: cancel as soon as it runs.
        var waited = Stopwatch.StartNew();
        while (!harness.Shell.Cancel())
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(20), "the statement never started");
            await Task.Delay(20);
        }

        var clock = Stopwatch.StartNew();

        var finished = await Task.WhenAny(query, Task.Delay(TimeSpan.FromSeconds(5)));
        Assert.True(finished == query, "the cancelled query did not return within 5 s");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
        Assert.Contains("Error: interrupted: the statement was cancelled", harness.Error, StringComparison.Ordinal);
        Assert.Equal("count(*)\r\n100000\r\n", harness.Run("SELECT count(*) FROM facts;"));
        Assert.False(harness.Shell.Cancel(), "nothing runs after the statement ended");
    }
}
