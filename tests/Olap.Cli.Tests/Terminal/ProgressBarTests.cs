using Olap.Cli.Terminal;
using Olap.Query.Execution;

namespace Olap.Cli.Tests.Terminal;

public sealed class ProgressBarTests
{
    [Fact]
    public void There_is_no_bar_when_stderr_is_not_a_terminal()
    {
        Assert.Null(ProgressBar.Start(new QueryProgress(), new StringWriter(), errorIsTerminal: false));
    }

    [Fact]
    public void A_quick_statement_draws_nothing()
    {
        var error = new StringWriter();

        using (ProgressBar.Start(new QueryProgress(), error, errorIsTerminal: true))
        {
        }

        Assert.Empty(error.ToString());
    }

    [Fact]
    public async Task A_slow_statement_draws_its_bar_after_the_delay_and_erases_it_at_the_end()
    {
        var error = new StringWriter();
        var synchronized = TextWriter.Synchronized(error); // the bar draws from a timer thread while the test reads
        string Drawn()
        {
            lock (synchronized)
            {
                return error.ToString();
            }
        }

        var bar = ProgressBar.Start(new QueryProgress(), synchronized, errorIsTerminal: true)!;

        // Not before the delay; then within a generous bound, since a loaded machine may run the timer late.
        await Task.Delay(ProgressBar.Delay - TimeSpan.FromMilliseconds(500));
        Assert.Empty(Drawn());
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!Drawn().Contains("rows/s", StringComparison.Ordinal) && waited.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(50);
        }

        bar.Dispose();

        var text = Drawn();
        Assert.Contains("  0%", text, StringComparison.Ordinal);
        Assert.Contains("rows/s", text, StringComparison.Ordinal);
        Assert.EndsWith("\r\u001b[2K", text, StringComparison.Ordinal);
    }
}
