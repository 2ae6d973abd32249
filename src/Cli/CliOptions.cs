using Olap.Cli.Rendering;

namespace Olap.Cli;

/// <summary>What the command line asked for.</summary>
internal sealed record CliOptions
{
    /// <summary>A database directory, a data file, or null (the demo in the REPL, in-memory otherwise).</summary>
    public string? Path { get; init; }

    /// <summary><c>-c SQL</c>: run this and exit.</summary>
    public string? Command { get; init; }

    /// <summary><c>-f FILE</c>: run this script and exit.</summary>
    public string? File { get; init; }

    public OutputMode Format { get; init; } = OutputMode.Box;

    /// <summary><c>--readonly</c>: open the database for queries only, alongside a process that writes to it.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>Stop at the first error; scripts and one-shot runs do unless <c>--bail false</c>.</summary>
    public bool? Bail { get; init; }
}
