using System.Globalization;
using Olap.Datasets.Ssb;
using Xunit.Abstractions;

namespace Olap.Datasets.Tests.Ssb;

/// <summary>Our SF 0.1 data against dbgen's SF 0.1 files, both in DuckDB: same shapes, same query answers within sampling noise.</summary>
public sealed class SsbFidelityTests(SsbFidelityTests.Fixture data, ITestOutputHelper output) : IClassFixture<SsbFidelityTests.Fixture>
{
    public sealed class Fixture : IDisposable
    {
        private readonly Sf01Files _files = new();

        public Fixture()
        {
            Ours = new SsbDuckDb(_files.PathOf);
            Dbgen = new SsbDuckDb(t => RepositoryFiles.DbgenFile(SsbGenerator.TableName(t)));
        }

        public SsbDuckDb Ours { get; }

        public SsbDuckDb Dbgen { get; }

        public void Dispose()
        {
            Ours.Dispose();
            Dbgen.Dispose();
            _files.Dispose();
        }
    }

    public static TheoryData<string> Queries => [.. SsbQueryFigures.QueryNames];

    [Theory]
    [MemberData(nameof(Queries))]
    public void Query_figures(string query)
    {
        var ours = SsbQueryFigures.Measure(data.Ours, query);
        var dbgen = SsbQueryFigures.Measure(data.Dbgen, query);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{query}: rows {ours.ResultRows} vs {dbgen.ResultRows}; facts {ours.FactRows} vs {dbgen.FactRows} ({(double)ours.FactRows / dbgen.FactRows:F3}); total {ours.Total:E4} vs {dbgen.Total:E4} ({ours.Total / dbgen.Total:F3})"));
    }
}
