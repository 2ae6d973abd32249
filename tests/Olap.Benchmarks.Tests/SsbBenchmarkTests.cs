using System.Text.Json;
using Olap.Benchmarks.Ssb;

namespace Olap.Benchmarks.Tests;

/// <summary>
/// The whole ssb command at SF 0.01 (data generated into a temporary folder): both engines load it, all thirteen
/// answers match, and the JSON and Markdown reports are written in their documented shape.
/// </summary>
public sealed class SsbBenchmarkTests(SsbBenchmarkTests.Run run) : IClassFixture<SsbBenchmarkTests.Run>
{
    /// <summary>One run of the command, shared by the tests (generation and two loads take a couple of seconds).</summary>
    public sealed class Run : IDisposable
    {
        public Run()
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            ExitCode = SsbBenchmark.Run(["--sf", "0.01", "--runs", "1", "--cache", System.IO.Path.Combine(Folder, "cache"), "--out", Out], output, error);
            Output = output.ToString();
            Error = error.ToString();
        }

        public string Folder { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "olap-ssb-test-" + Guid.NewGuid().ToString("N"));

        public string Out => System.IO.Path.Combine(Folder, "out");

        public int ExitCode { get; }

        public string Output { get; }

        public string Error { get; }

        public void Dispose() => Directory.Delete(Folder, recursive: true);
    }

    [Fact]
    public void Both_engines_give_the_same_answer_to_all_thirteen_queries()
    {
        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(run.Out, "ssb-sf0.01.json")));
        var queries = json.RootElement.GetProperty("queries").EnumerateArray().ToList();

        Assert.Equal(13, queries.Count);
        Assert.All(queries, q => Assert.True(q.GetProperty("match").GetBoolean(), q.GetProperty("name").GetString()));
        Assert.Contains(queries, q => q.GetProperty("rows").GetInt32() > 1);
    }

    [Fact]
    public void The_json_report_has_exactly_the_documented_fields()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(run.Out, "ssb-sf0.01.json")));
        var root = json.RootElement;

        Assert.Equal(
            ["sf", "threads", "queries", "geomean_ratio", "olap_load_s", "duckdb_load_s", "olap_bytes", "duckdb_bytes", "olap_generate_load_s"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(0.01, root.GetProperty("sf").GetDouble());
        Assert.Equal(2, root.GetProperty("threads").GetInt32());
        Assert.True(root.GetProperty("geomean_ratio").GetDouble() > 0);
        Assert.True(root.GetProperty("olap_load_s").GetDouble() > 0);
        Assert.True(root.GetProperty("duckdb_load_s").GetDouble() > 0);
        Assert.True(root.GetProperty("olap_bytes").GetInt64() > 0);
        Assert.True(root.GetProperty("duckdb_bytes").GetInt64() > 0);
        Assert.True(root.GetProperty("olap_generate_load_s").GetDouble() > 0); // the load target: generate and load
        var first = root.GetProperty("queries")[0];
        Assert.Equal(["name", "rows", "olap_ms", "duckdb_ms", "ratio", "match"], first.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Q1.1", first.GetProperty("name").GetString());
        Assert.Equal(1, first.GetProperty("rows").GetInt32());
        Assert.Equal(first.GetProperty("olap_ms").GetDouble() / first.GetProperty("duckdb_ms").GetDouble(), first.GetProperty("ratio").GetDouble(), 1e-3);
    }

    [Fact]
    public void The_markdown_report_has_a_row_per_query_and_the_geomean()
    {
        var markdown = File.ReadAllText(Path.Combine(run.Out, "ssb-sf0.01.md"));

        Assert.Contains("| query | rows | Olap ms | DuckDB ms | Olap / DuckDB | match |", markdown, StringComparison.Ordinal);
        Assert.Equal(13, markdown.Split('\n').Count(line => line.StartsWith("| Q", StringComparison.Ordinal)));
        Assert.Contains("**geomean**", markdown, StringComparison.Ordinal);
        Assert.Contains("**Generate and load**", markdown, StringComparison.Ordinal);
        Assert.Contains("ORDER BY lo_orderdate", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_run_reuses_the_generated_data()
    {
        using var output = new StringWriter();
        var files = SsbDataFiles.Ensure(Path.Combine(run.Folder, "cache"), 0.01, Olap.Datasets.Ssb.SsbGenerator.DefaultSeed, output);

        Assert.StartsWith("data: reusing", output.ToString(), StringComparison.Ordinal);
        Assert.True(File.Exists(files.PathOf(Olap.Datasets.Ssb.SsbTable.Lineorder)));
    }
}
