using System.Diagnostics;

namespace Olap.Data.Tests;

/// <summary>Readers stream: rows arrive a chunk at a time while the query runs, and closing a reader early stops it.</summary>
[Collection(TimingSensitive.Name)]
public sealed class StreamingTests : IDisposable
{
    private readonly OlapConnection _connection = new("Data Source=:memory:;Threads=2");

    public StreamingTests()
    {
        _connection.Open();
        new OlapCommand("CREATE TABLE t (i INTEGER)", _connection).ExecuteNonQuery();
        using var appender = _connection.CreateAppender("t");
        for (var i = 0; i < 10_000; i++)
        {
            appender.Append(i).EndRow();
        }

        appender.Commit();
    }

    public void Dispose() => _connection.Dispose();

    [Fact]
    public void A_hundred_million_row_result_is_read_through_without_being_collected()
    {
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var peakHeap = 0L;
        long rows = 0;
        long sum = 0;
        using (var reader = new OlapCommand("SELECT a.i AS x, b.i AS y FROM t a, t b", _connection).ExecuteReader())
        {
            while (reader.Read())
            {
                sum += reader.GetInt32(1);
                if ((++rows & ((1 << 22) - 1)) == 0)
                {
                    peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(forceFullCollection: false) - heapBefore);
                }
            }
        }

        Assert.Equal(100_000_000L, rows);
        Assert.Equal(10_000L * (9_999L * 10_000 / 2), sum);

        // Collected, the result would take 800 MB; streamed, a few chunks are alive at a time.
        Assert.True(peakHeap < 64L << 20, $"the heap grew by {peakHeap:N0} bytes while reading");
    }

    [Fact]
    public void Closing_a_reader_early_stops_the_query()
    {
        var reader = new OlapCommand("SELECT a.i, b.i, c.i FROM t a, t b, t c", _connection).ExecuteReader();
        for (var i = 0; i < 10_000; i++)
        {
            Assert.True(reader.Read());
        }

        var clock = Stopwatch.StartNew();
        reader.Close();
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"closing took {clock.Elapsed}");
        Assert.Equal(10_000L, new OlapCommand("SELECT count(*) FROM t", _connection).ExecuteScalar());
    }

    [Fact]
    public void Closing_the_connection_closes_a_reader_left_open_and_stops_its_query()
    {
        var reader = new OlapCommand("SELECT a.i, b.i FROM t a, t b", _connection).ExecuteReader();
        Assert.True(reader.Read());

        var clock = Stopwatch.StartNew();
        _connection.Close();
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"closing took {clock.Elapsed}");
        Assert.True(reader.IsClosed);

        // A memory database lives as long as its connection: reopened, it is a fresh one, and usable.
        _connection.Open();
        Assert.Equal(1, new OlapCommand("SELECT 1", _connection).ExecuteScalar());
    }
}
