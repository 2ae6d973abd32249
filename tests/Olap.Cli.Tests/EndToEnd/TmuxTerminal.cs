using System.Diagnostics;

namespace Olap.Cli.Tests.EndToEnd;

/// <summary>
/// A real pseudo-terminal driven through tmux on a private server: start a command in it, type keys, read the screen.
/// tmux is required (installed by .ci/run); its absence fails the test rather than skipping it.
/// </summary>
internal sealed class TmuxTerminal : IDisposable
{
    private readonly string _socket = $"olap-test-{Guid.NewGuid():N}";

    public TmuxTerminal(IReadOnlyList<string> command, IReadOnlyDictionary<string, string> environment, int width = 120, int height = 50)
    {
        List<string> arguments = ["new-session", "-d", "-s", "main", "-x", width.ToString(System.Globalization.CultureInfo.InvariantCulture), "-y", height.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        foreach (var (name, value) in environment)
        {
            arguments.AddRange(["-e", $"{name}={value}"]);
        }

        arguments.Add(string.Join(' ', command.Select(Quote)));
        Tmux(arguments);
    }

    /// <summary>Types text literally. A ';' that ends an argument is a command separator to tmux, so callers end statements with "; ".</summary>
    public void Type(string text) => Tmux(["send-keys", "-t", "main", "-l", text]);

    /// <summary>Presses a key by tmux's name for it: Enter, Tab, C-c, C-d.</summary>
    public void Press(string key) => Tmux(["send-keys", "-t", "main", key]);

    public void TypeLine(string text)
    {
        Type(text);
        Press("Enter");
    }

    /// <summary>The screen and its scrollback as plain text (colours stripped), wrapped lines joined.</summary>
    public string Screen() => Tmux(["capture-pane", "-p", "-J", "-S", "-500", "-t", "main"], check: false);

    public bool IsRunning => Run(["has-session", "-t", "main"]).ExitCode == 0;

    /// <summary>Waits until the screen satisfies <paramref name="condition"/>; fails with the screen when it never does.</summary>
    public string WaitFor(Func<string, bool> condition, string what, int seconds = 20)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var screen = Screen();
            if (condition(screen))
            {
                return screen;
            }

            if (clock.Elapsed > TimeSpan.FromSeconds(seconds))
            {
                throw new TimeoutException($"waited {seconds} s for {what}; the screen was:\n{screen}");
            }

            Thread.Sleep(100);
        }
    }

    /// <summary>Waits until the screen's text after <paramref name="mark"/> (its last occurrence) contains <paramref name="text"/>.</summary>
    public string WaitForAfter(string mark, string text, int seconds = 20)
        => WaitFor(screen => After(screen, mark).Contains(text, StringComparison.Ordinal), $"'{text}' after '{mark}'", seconds);

    public static string After(string screen, string mark)
    {
        var at = screen.LastIndexOf(mark, StringComparison.Ordinal);
        return at < 0 ? string.Empty : screen[(at + mark.Length)..];
    }

    public void WaitForExit(int seconds = 10)
    {
        var clock = Stopwatch.StartNew();
        while (IsRunning)
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(seconds))
            {
                throw new TimeoutException($"the program did not exit in {seconds} s; the screen was:\n{Screen()}");
            }

            Thread.Sleep(100);
        }
    }

    public void Dispose() => Run(["kill-server"]);

    private string Tmux(IReadOnlyList<string> arguments, bool check = true)
    {
        var (exitCode, output, error) = Run(arguments);
        if (check && exitCode != 0)
        {
            throw new InvalidOperationException($"tmux {string.Join(' ', arguments)} failed ({exitCode}): {error}");
        }

        return output;
    }

    private (int ExitCode, string Out, string Error) Run(IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo("tmux")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (IEnumerable<string>)["-L", _socket, "-f", "/dev/null", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception error)
        {
            throw new InvalidOperationException("tmux is needed for the pseudo-terminal tests (.ci/run installs it: apt-get install tmux)", error);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output.Result, error);
        }
    }

    private static string Quote(string argument) => "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
