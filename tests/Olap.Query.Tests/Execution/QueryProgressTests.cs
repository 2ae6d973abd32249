using Olap.Query.Execution;
using Olap.Query.Tests.Database;

namespace Olap.Query.Tests.Execution;

/// <summary>A connection given a <see cref="QueryProgress"/> reports its scans' morsels and rows there.</summary>
public sealed class QueryProgressTests : IDisposable
{
    private readonly TemporaryDirectory _temp = new();
    private readonly OlapDatabase _db;
    private readonly OlapSession _connection;

    public QueryProgressTests()
    {
        _db = OlapDatabase.Open(_temp.File("db"));
        _connection = _db.Connect();
        _connection.Execute("CREATE TABLE t (id INTEGER)");
        for (var part = 0; part < 3; part++)
        {
            // Three inserts, three segments: at least three morsels whatever the row-group size.
            _connection.Execute($"INSERT INTO t VALUES {string.Join(", ", Enumerable.Range(part * 1000, 1000).Select(i => $"({i})"))}; CHECKPOINT");
        }
    }

    public void Dispose()
    {
        _connection.Dispose();
        _db.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public void A_finished_scan_has_done_every_morsel_it_counted()
    {
        var progress = new QueryProgress();
        _connection.Progress = progress;

        _connection.Execute("SELECT count(*) FROM t");

        Assert.True(progress.MorselsTotal >= 3, $"{progress.MorselsTotal} morsels");
        Assert.Equal(progress.MorselsTotal, progress.MorselsDone);
        Assert.Equal(1.0, progress.Fraction);
    }

    [Fact]
    public void Rows_scanned_count_the_rows_that_pass_the_scan_filters()
    {
        var progress = new QueryProgress();
        _connection.Progress = progress;

        _connection.Execute("SELECT id FROM t WHERE id < 1500");

        Assert.Equal(1500, progress.RowsScanned);
    }

    [Fact]
    public void Progress_starts_at_zero_and_a_connection_without_one_reports_nothing()
    {
        var progress = new QueryProgress();

        _connection.Execute("SELECT count(*) FROM t");

        Assert.Equal(0, progress.MorselsTotal);
        Assert.Equal(0.0, progress.Fraction);
    }
}
