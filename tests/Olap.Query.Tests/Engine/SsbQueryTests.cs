using System.Globalization;

namespace Olap.Query.Tests.Engine;

/// <summary>The thirteen Star Schema Benchmark queries over the shared SF 0.1 data give DuckDB's answers, row for row.</summary>
public sealed class SsbQueryTests(SsbQueryTests.Fixture data) : IClassFixture<SsbQueryTests.Fixture>
{
    public sealed class Fixture : IDisposable
    {
        public Fixture()
        {
            Olap = new SsbDatabase();
            Duck = new DuckDbOracle();
            var schema = File.ReadAllText(RepositoryFiles.PathOf("benchmarks", "ssb", "schema.sql")).Replace("CREATE TABLE date", "CREATE TABLE \"date\"", StringComparison.Ordinal);
            Duck.Execute(System.Text.RegularExpressions.Regex.Replace(schema, @"SORTED BY \([^)]*\)", string.Empty));
            foreach (var table in SsbDatabase.Tables)
            {
                Duck.Execute($"COPY \"{table}\" FROM '{SsbDatabase.DataFile(table)}' (DELIMITER '|', HEADER false)");
            }
        }

        public SsbDatabase Olap { get; }

        public DuckDbOracle Duck { get; }

        public void Dispose()
        {
            Olap.Dispose();
            Duck.Dispose();
        }
    }

    public static TheoryData<string> Queries => [.. Directory.GetFiles(RepositoryFiles.PathOf("benchmarks", "ssb", "queries"), "*.sql").Select(f => Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Queries))]
    public void Answers_equal_duckdb(string query)
    {
        var sql = File.ReadAllText(RepositoryFiles.PathOf("benchmarks", "ssb", "queries", query + ".sql"));
        var expected = data.Duck.Query(sql.Replace(" date", " \"date\"", StringComparison.Ordinal));
        var actual = data.Olap.Database.Execute(sql);
        Assert.True(expected.Count > 0, "the reference answer has rows");
        Assert.Equal(expected.Count, actual.RowCount);
        for (var row = 0; row < expected.Count; row++)
        {
            var values = Enumerable.Range(0, actual.Columns.Count).Select(c => Text(actual.GetValue(row, c))).ToArray();
            Assert.Equal(string.Join(" | ", expected[row]), string.Join(" | ", values));
        }
    }

    private static string Text(object? value) => value is double d ? d.ToString("R", CultureInfo.InvariantCulture) : DuckDbOracle.Text(value);
}
