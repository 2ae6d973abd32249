using Olap.Cli.Terminal;

namespace Olap.Cli.Tests.Terminal;

public sealed class ProgressLineTests
{
    [Fact]
    public void The_bar_shows_the_share_done_the_time_and_the_rate()
    {
        var line = ProgressLine.Format(0.5, TimeSpan.FromSeconds(4), 8_000_000);

        Assert.Equal(new string('█', 15) + new string('░', 15) + "  50%  4.0 s  2.0M rows/s", line);
    }

    [Fact]
    public void A_fraction_outside_zero_to_one_is_clamped()
    {
        Assert.StartsWith(new string('█', ProgressLine.BarWidth) + " 100%", ProgressLine.Format(1.7, TimeSpan.FromSeconds(1), 10), StringComparison.Ordinal);
        Assert.StartsWith(new string('░', ProgressLine.BarWidth) + "   0%", ProgressLine.Format(-1, TimeSpan.FromSeconds(1), 10), StringComparison.Ordinal);
    }
}
