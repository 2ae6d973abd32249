using System.Diagnostics;

namespace Olap.Data.Tests;

/// <summary>A running statement stops when cancelled, from another thread or through a token, and the connection is usable after.</summary>
[Collection(TimingSensitive.Name)]
public sealed class CancellationTests : IDisposable
{
    private readonly OlapConnection _connection = new("Data Source=:memory:");

    public CancellationTests()
    {
        _connection.Open();
        using var appender = _connection.CreateAppender(Create());
        for (var i = 0; i < 100_000; i++)
        {
            appender.Append(i % 10).Append(i).EndRow();
        }

        appender.Commit();
    }

    public void Dispose() => _connection.Dispose();

    /// <summary>Every key matches 10,000 rows on the other side: a billion joined rows, far longer than the tests wait.</summary>
    private const string Endless = "SELECT count(*) FROM facts a JOIN facts b ON a.k = b.k";

    [Fact]
    public async Task Cancel_from_another_thread_stops_the_statement_promptly()
    {
        using var command = new OlapCommand(Endless, _connection);
        var running = Task.Run(command.ExecuteScalar);

        // On a loaded machine the statement may start late: cancel once it runs, and time from there.
        var waited = Stopwatch.StartNew();
        while (!command.IsExecuting)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(20), "the statement never started");
            await Task.Delay(10);
        }

        await Task.Delay(200);
        var clock = Stopwatch.StartNew();
        command.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
        Assert.Equal(100_000L, new OlapCommand("SELECT count(*) FROM facts", _connection).ExecuteScalar());
    }

    [Fact]
    public async Task A_cancelled_token_stops_an_async_command()
    {
        using var command = new OlapCommand(Endless, _connection);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => command.ExecuteScalarAsync(cancellation.Token));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
        Assert.Equal(100_000L, await new OlapCommand("SELECT count(*) FROM facts", _connection).ExecuteScalarAsync());
    }

    [Fact]
    public void The_command_timeout_cancels_a_statement_that_runs_too_long()
    {
        using var command = new OlapCommand(Endless, _connection) { CommandTimeout = 1 };
        var clock = Stopwatch.StartNew();
        Assert.ThrowsAny<OperationCanceledException>(() => command.ExecuteScalar());
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
    }

    private string Create()
    {
        new OlapCommand("CREATE TABLE facts (k INTEGER, v INTEGER)", _connection).ExecuteNonQuery();
        return "facts";
    }
}
