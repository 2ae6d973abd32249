using System.Globalization;
using System.Text;
using Olap.Query.Execution;

namespace Olap.Cli.Terminal;

/// <summary>The text of a statement's progress bar: how much of the scans is done, time so far and rows per second.</summary>
internal static class ProgressLine
{
    public const int BarWidth = 30;

    public static string Format(double fraction, TimeSpan elapsed, long rows)
    {
        fraction = Math.Clamp(fraction, 0, 1);
        var filled = (int)Math.Round(fraction * BarWidth);
        var bar = new StringBuilder(BarWidth);
        bar.Append('█', filled).Append('░', BarWidth - filled);
        var seconds = Math.Max(elapsed.TotalSeconds, 0.001);
        return string.Create(CultureInfo.InvariantCulture, $"{bar} {fraction * 100,3:F0}%  {elapsed.TotalSeconds:F1} s  {Rate(rows / seconds)} rows/s");
    }

    public static string Format(QueryProgress progress, TimeSpan elapsed) => Format(progress.Fraction, elapsed, progress.RowsScanned);

    private static string Rate(double perSecond) => perSecond switch
    {
        >= 1e9 => string.Create(CultureInfo.InvariantCulture, $"{perSecond / 1e9:F1}G"),
        >= 1e6 => string.Create(CultureInfo.InvariantCulture, $"{perSecond / 1e6:F1}M"),
        >= 1e3 => string.Create(CultureInfo.InvariantCulture, $"{perSecond / 1e3:F1}k"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{perSecond:F0}"),
    };
}
