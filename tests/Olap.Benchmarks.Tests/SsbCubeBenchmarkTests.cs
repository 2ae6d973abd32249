using System.Text.Json;
using Olap.Benchmarks.Ssb;

namespace Olap.Benchmarks.Tests;

/// <summary>
/// ssb --cubes on at SF 0.01: the four cubes of benchmarks/ssb/cubes.sql are built, every one of the thirteen
/// queries is answered from one of them (as EXPLAIN says) with DuckDB's answer, and the report gives build time and sizes.
/// </summary>
public sealed class SsbCubeBenchmarkTests(SsbCubeBenchmarkTests.Run run) : IClassFixture<SsbCubeBenchmarkTests.Run>
{
    public sealed class Run : IDisposable
    {
        public Run()
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            ExitCode = SsbBenchmark.Run(["--sf", "0.01", "--runs", "1", "--cubes", "on", "--cache", Path.Combine(Folder, "cache"), "--out", Out], output, error);
            Output = output.ToString() + error;
        }

        public string Folder { get; } = Path.Combine(Path.GetTempPath(), "olap-ssb-cubes-test-" + Guid.NewGuid().ToString("N"));

        public string Out => Path.Combine(Folder, "out");

        public int ExitCode { get; }

        public string Output { get; }

        public void Dispose() => Directory.Delete(Folder, recursive: true);
    }

    [Fact]
    public void Every_query_is_answered_from_a_cube_with_duckdbs_answer()
    {
        Assert.True(run.ExitCode == 0, run.Output);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(run.Out, "ssb-sf0.01-cubes.json")));
        var queries = json.RootElement.GetProperty("queries").EnumerateArray().ToList();
        Assert.Equal(13, queries.Count);
        Assert.All(queries, q => Assert.True(q.GetProperty("match").GetBoolean(), q.GetProperty("name").GetString()));

        var answeredBy = json.RootElement.GetProperty("cubes").GetProperty("answered_by");
        foreach (var query in queries)
        {
            var cube = answeredBy.GetProperty(query.GetProperty("name").GetString()!).GetString()!;
            Assert.StartsWith("ssb_q" + query.GetProperty("name").GetString()![1], cube, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_report_gives_each_cubes_build_time_rows_and_bytes()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(run.Out, "ssb-sf0.01-cubes.json")));
        var cubes = json.RootElement.GetProperty("cubes");
        var built = cubes.GetProperty("cubes").EnumerateArray().ToList();
        Assert.Equal(["ssb_q1_cube", "ssb_q2_cube", "ssb_q3_cube", "ssb_q4_cube"], built.Select(c => c.GetProperty("name").GetString()));
        Assert.All(built, c => Assert.True(c.GetProperty("rows").GetInt64() > 0 && c.GetProperty("bytes").GetInt64() > 0));
        Assert.All(built, c => Assert.True(c.GetProperty("build_s").GetDouble() > 0 && c.GetProperty("warm_build_s").GetDouble() > 0));
        Assert.Equal(built.Sum(c => c.GetProperty("warm_build_s").GetDouble()), cubes.GetProperty("warm_build_s").GetDouble(), 0.01);
        Assert.Equal(built.Sum(c => c.GetProperty("bytes").GetInt64()), cubes.GetProperty("bytes").GetInt64());
        Assert.True(cubes.GetProperty("fact_bytes").GetInt64() > 0);

        var markdown = File.ReadAllText(Path.Combine(run.Out, "ssb-sf0.01-cubes.md"));
        Assert.Contains("| query | rows | answered from | Olap ms (cubes) | SELECT 1 ms | DuckDB ms | DuckDB / Olap | in a row: Olap ms | DuckDB ms | DuckDB / Olap | match |", markdown, StringComparison.Ordinal);
        Assert.Contains("**Cube build:**", markdown, StringComparison.Ordinal);
        Assert.Contains("rebuilt warm", markdown, StringComparison.Ordinal);
        var floors = cubes.GetProperty("statement_floor_ms");
        var inRow = cubes.GetProperty("consecutive");
        Assert.All(json.RootElement.GetProperty("queries").EnumerateArray(), q => Assert.True(inRow.GetProperty(q.GetProperty("name").GetString()!).GetProperty("olap_ms").GetDouble() > 0));
        Assert.All(json.RootElement.GetProperty("queries").EnumerateArray(), q => Assert.True(floors.GetProperty(q.GetProperty("name").GetString()!).GetDouble() > 0));
        Assert.Contains("**Statement floor:**", markdown, StringComparison.Ordinal);
        Assert.Contains("of lineorder's", markdown, StringComparison.Ordinal);
    }
}
