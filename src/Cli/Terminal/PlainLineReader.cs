namespace Olap.Cli.Terminal;

/// <summary>Lines from a text reader with the prompt written before each: for terminals the line editor cannot drive.</summary>
internal sealed class PlainLineReader(TextReader input, TextWriter output) : ILineReader
{
    public string? ReadLine(string prompt)
    {
        output.Write(prompt);
        output.Flush();
        return input.ReadLine();
    }

    public void Dispose()
    {
    }
}
