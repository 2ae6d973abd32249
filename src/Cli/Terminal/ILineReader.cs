namespace Olap.Cli.Terminal;

/// <summary>
/// Reads what the user types, one line per call, with the given prompt; null at the end of input (Ctrl-D). The REPL
/// knows only this, so the line-editing library can be swapped.
/// </summary>
internal interface ILineReader : IDisposable
{
    string? ReadLine(string prompt);
}
