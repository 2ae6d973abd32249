using Olap.Cli.Session;
using Olap.Cli.Terminal;

namespace Olap.Cli;

/// <summary>The interactive loop: prompt, read a line, hand it to the shell, until .quit or the end of input (Ctrl-D).</summary>
internal sealed class Repl(Shell shell, ILineReader reader)
{
    public const string Prompt = "olap> ";

    /// <summary>Shown while a statement waits for its ';', as wide as <see cref="Prompt"/> so the text lines up.</summary>
    public const string ContinuationPrompt = " ...> ";

    public void Run()
    {
        while (true)
        {
            var line = reader.ReadLine(shell.IsPending ? ContinuationPrompt : Prompt);
            if (line is null || shell.Feed(line) == ShellOutcome.Quit)
            {
                return;
            }
        }
    }
}
