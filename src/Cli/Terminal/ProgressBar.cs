using System.Diagnostics;
using Olap.Query.Execution;

namespace Olap.Cli.Terminal;

/// <summary>
/// Draws a running statement's progress on one line of stderr, redrawn in place, from <see cref="Delay"/> on so quick
/// statements print nothing; the line is erased when the statement ends. Only for a terminal: a redirected stderr
/// would fill with carriage returns.
/// </summary>
internal sealed class ProgressBar : IDisposable
{
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan s_interval = TimeSpan.FromMilliseconds(200);

    private readonly QueryProgress _progress;
    private readonly TextWriter _error;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Timer _timer;
    private readonly Lock _lock = new();
    private bool _drawn;
    private bool _stopped;

    private ProgressBar(QueryProgress progress, TextWriter error)
    {
        _progress = progress;
        _error = error;
        _timer = new Timer(_ => Draw(), null, Delay, s_interval);
    }

    /// <summary>A bar for <paramref name="progress"/>, or null when stderr is not a terminal.</summary>
    public static ProgressBar? Start(QueryProgress progress, TextWriter error, bool errorIsTerminal)
        => errorIsTerminal ? new ProgressBar(progress, error) : null;

    private void Draw()
    {
        lock (_lock)
        {
            if (_stopped)
            {
                return;
            }

            _error.Write("\r\u001b[2K" + ProgressLine.Format(_progress, _clock.Elapsed));
            _error.Flush();
            _drawn = true;
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        lock (_lock)
        {
            _stopped = true;
            if (_drawn)
            {
                _error.Write("\r\u001b[2K");
                _error.Flush();
            }
        }
    }
}
