using Olap.Cli.Rendering;
using Olap.Cli.Session;
using Olap.Cli.Startup;
using Olap.Datasets.Ssb;

namespace Olap.Cli.Tests.Startup;

/// <summary>The demo database, generated once for this class (SF 0.1 takes a few seconds).</summary>
public sealed class DemoDatabaseFixture : IDisposable
{
    public DemoDatabaseFixture()
    {
        Root = System.IO.Directory.CreateTempSubdirectory("olap-cli-demo-").FullName;
        Directory = Path.Combine(Root, "demo");

        // A leftover of a start that died half-way, which the next start must clear away.
        Leftover = Directory + ".partial-999999999";
        System.IO.Directory.CreateDirectory(Leftover);
        Reports = [];
        DemoDatabase.Ensure(Directory, new Recorder(Reports));
    }

    public string Root { get; }

    public string Directory { get; }

    public string Leftover { get; }

    public List<SsbProgress> Reports { get; }

    public void Dispose() => System.IO.Directory.Delete(Root, recursive: true);

    private sealed class Recorder(List<SsbProgress> reports) : IProgress<SsbProgress>
    {
        public void Report(SsbProgress value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }
}

public sealed class DemoDatabaseTests(DemoDatabaseFixture demo) : IClassFixture<DemoDatabaseFixture>
{
    [Fact]
    public void The_demo_is_the_star_schema_at_scale_factor_one_tenth()
    {
        using var session = DatabaseSession.Open(demo.Directory);
        var counts = new CatalogNames(session.Connection).Tables()
            .ToDictionary(t => t, t => Convert.ToInt64(session.Connection.Execute($"SELECT count(*) FROM {t}").GetValue(0, 0), System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(["customer", "date", "lineorder", "part", "supplier"], counts.Keys.Order());
        Assert.Equal(3_000, counts["customer"]);
        Assert.Equal(200, counts["supplier"]);
        Assert.InRange(counts["lineorder"], 500_000, 700_000);
    }

    [Fact]
    public void Generation_reports_progress_for_every_table()
    {
        Assert.Equal(SsbGenerator.Tables.Order(), demo.Reports.Select(r => r.Table).Distinct().Order());
    }

    [Fact]
    public void A_half_generated_leftover_is_cleared_and_nothing_partial_stays_beside_the_demo()
    {
        Assert.False(Directory.Exists(demo.Leftover));
        Assert.Equal([demo.Directory], Directory.EnumerateDirectories(demo.Root));
    }

    [Fact]
    public void A_second_start_reuses_the_demo_without_generating_again()
    {
        var manifest = Path.Combine(demo.Directory, "manifest.json");
        var written = File.GetLastWriteTimeUtc(manifest);
        var reports = new List<SsbProgress>();

        DemoDatabase.Ensure(demo.Directory, new Progress<SsbProgress>(reports.Add));

        Assert.Equal(written, File.GetLastWriteTimeUtc(manifest));
        Assert.Empty(reports);
    }

    [Fact]
    public void The_banner_names_what_is_loaded_and_its_three_example_queries_run()
    {
        using var session = DatabaseSession.Open(demo.Directory);

        var banner = Banner.Text(session, demo: true, "1.2.3");

        Assert.Contains("Olap 1.2.3: the demo database", banner, StringComparison.Ordinal);
        Assert.Contains("Star Schema Benchmark at scale factor 0.1", banner, StringComparison.Ordinal);
        Assert.Contains("lineorder ", banner, StringComparison.Ordinal);
        Assert.Equal(3, Banner.DemoQueries.Count);
        // This process has the demo open for writing above: a second open alongside it is read-only.
        using var harness = new ShellHarness(new ShellSettings { Mode = OutputMode.Csv }, session: DatabaseSession.Open(demo.Directory, readOnly: true));
        foreach (var query in Banner.DemoQueries)
        {
            Assert.Contains(query, banner, StringComparison.Ordinal);
            Assert.NotEmpty(harness.Run(query));
        }

        Assert.Empty(harness.Error);
    }
}
