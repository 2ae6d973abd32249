namespace Olap.Cli.Session;

/// <summary>What the shell wants after a line: more input, or to stop (<c>.quit</c>, or an error with bail on).</summary>
internal enum ShellOutcome
{
    Continue,
    Quit,
    Bailed,
}
