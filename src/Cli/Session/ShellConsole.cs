using Olap.Cli.Rendering;

namespace Olap.Cli.Session;

/// <summary>
/// Where the shell writes and what it knows about it: whether each stream is a terminal (colours, progress bars,
/// fitting boxes to the width) and how wide the terminal is. Tests give it string writers.
/// </summary>
internal sealed class ShellConsole
{
    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    public bool OutIsTerminal { get; init; }

    public bool ErrorIsTerminal { get; init; }

    /// <summary>False when <c>NO_COLOR</c> is set (no-color.org) or the terminal is dumb.</summary>
    public bool ColorAllowed { get; init; }

    /// <summary>Columns of the terminal, read each time since the window can be resized.</summary>
    public Func<int> Width { get; init; } = () => int.MaxValue;

    public Palette OutPalette => OutIsTerminal && ColorAllowed ? Palette.Ansi : Palette.Plain;

    public Palette ErrorPalette => ErrorIsTerminal && ColorAllowed ? Palette.Ansi : Palette.Plain;

    /// <summary>The process's own console.</summary>
    public static ShellConsole System()
    {
        var outIsTerminal = !Console.IsOutputRedirected;
        var colorAllowed = string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"))
            && Environment.GetEnvironmentVariable("TERM") != "dumb";
        return new ShellConsole
        {
            Out = Console.Out,
            Error = Console.Error,
            OutIsTerminal = outIsTerminal,
            ErrorIsTerminal = !Console.IsErrorRedirected,
            ColorAllowed = colorAllowed,
            Width = outIsTerminal ? TerminalWidth : () => int.MaxValue,
        };
    }

    private static int TerminalWidth()
    {
        try
        {
            var width = Console.WindowWidth;
            if (width > 0)
            {
                return width;
            }
        }
        catch (IOException)
        {
        }

        return int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out var columns) && columns > 0 ? columns : 80;
    }
}
