using Olap.Query.Tests.Database;
using Olap.Query.Tests.Engine;

namespace Olap.Query.Tests.Cubes;

/// <summary>
/// benchmarks/ssb/cubes.sql over dbgen's SF 0.1 data: each of the thirteen SSB queries is answered from its cube, with
/// the answer the tables give; and the README's cube example does what the README says.
/// </summary>
public sealed class SsbCubeTests : IClassFixture<SsbCubeTests.Fixture>
{
    private readonly Fixture _data;

    public SsbCubeTests(Fixture data) => _data = data;

    public sealed class Fixture : IDisposable
    {
        public Fixture()
        {
            Ssb = new SsbDatabase();
            Session = Ssb.Database.Connect();
            Session.ExecuteScript(File.ReadAllText(RepositoryFiles.PathOf("benchmarks", "ssb", "cubes.sql")));
        }

        public SsbDatabase Ssb { get; }

        public OlapSession Session { get; }

        public void Dispose()
        {
            Session.Dispose();
            Ssb.Dispose();
        }
    }

    public static TheoryData<string> Queries => [.. Directory.GetFiles(RepositoryFiles.PathOf("benchmarks", "ssb", "queries"), "*.sql").Select(f => Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Queries))]
    public void Each_query_is_answered_from_its_cube_with_the_tables_answer(string name)
    {
        var sql = File.ReadAllText(RepositoryFiles.PathOf("benchmarks", "ssb", "queries", name + ".sql"));
        lock (_data)
        {
            var session = _data.Session;
            session.Execute("SET use_cubes = true");
            var plan = string.Join('\n', ResultText.Column(session.Execute("EXPLAIN " + sql)));
            Assert.Contains($"answers from materialized view ssb_q{name[1]}_cube", plan, StringComparison.Ordinal);
            var fromCube = ResultText.Lines(session.Execute(sql));
            session.Execute("SET use_cubes = false");
            var fromTables = ResultText.Lines(session.Execute(sql));
            session.Execute("SET use_cubes = true");
            Assert.Equal(fromTables, fromCube);
        }
    }

    [Fact]
    public void The_readme_cube_answers_the_readme_query()
    {
        const string cube = """
            CREATE MATERIALIZED VIEW sales_by_month AS
            SELECT d_year, d_yearmonthnum, c_region, c_nation, sum(lo_revenue) AS revenue, count(*) AS orders, avg(lo_discount) AS discount
            FROM lineorder JOIN date ON lo_orderdate = d_datekey JOIN customer ON lo_custkey = c_custkey
            GROUP BY GROUPING SETS ((d_year, d_yearmonthnum, c_region, c_nation), (d_year, c_region))
            """;
        const string query = """
            SELECT c_nation, sum(lo_revenue) FROM lineorder, date, customer
            WHERE lo_orderdate = d_datekey AND lo_custkey = c_custkey
              AND d_year = 1997 AND c_region = 'ASIA' GROUP BY c_nation ORDER BY c_nation
            """;
        using var session = _data.Ssb.Database.Connect();
        lock (_data)
        {
            session.Execute(cube);
            try
            {
                Assert.Contains("CUBE SCAN", string.Join('\n', ResultText.Column(session.Execute("EXPLAIN " + query))), StringComparison.Ordinal);
                var fromCube = ResultText.Lines(session.Execute(query));
                session.Execute("SET use_cubes = false");
                Assert.Equal(ResultText.Lines(session.Execute(query)), fromCube);
                Assert.Equal(5, fromCube.Count);
            }
            finally
            {
                session.Execute("DROP MATERIALIZED VIEW sales_by_month");
            }
        }
    }
}
