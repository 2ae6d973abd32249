using Olap.Cli.Rendering;

namespace Olap.Cli.Session;

/// <summary>What the dot commands change: how results look and what is printed beside them.</summary>
internal sealed class ShellSettings
{
    public OutputMode Mode { get; set; } = OutputMode.Box;

    /// <summary><c>.timer on</c>: the elapsed time after each statement.</summary>
    public bool Timer { get; set; }

    public int MaxRows { get; set; } = RenderOptions.DefaultMaxRows;

    /// <summary><c>.explain on</c>: queries print their plan instead of their rows.</summary>
    public bool Explain { get; set; }

    /// <summary>Stop at the first error (scripts and one-shot runs; <c>--bail false</c> goes on).</summary>
    public bool Bail { get; set; }
}
