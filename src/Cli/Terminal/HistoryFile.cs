namespace Olap.Cli.Terminal;

/// <summary>
/// The lines typed at the prompt, kept across sessions in a file in the user's home (<c>~/.olap_history</c>, or
/// <c>OLAP_HISTORY</c>): appended as they are entered, the last <see cref="MaxLines"/> read back at start.
/// </summary>
internal sealed class HistoryFile(string path)
{
    public const int MaxLines = 1000;

    public string Path { get; } = path;

    public static HistoryFile Default()
    {
        var configured = Environment.GetEnvironmentVariable("OLAP_HISTORY");
        return new HistoryFile(string.IsNullOrEmpty(configured)
            ? System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".olap_history")
            : configured);
    }

    public IReadOnlyList<string> Load()
    {
        try
        {
            if (!File.Exists(Path))
            {
                return [];
            }

            var lines = File.ReadAllLines(Path);
            return lines.Length <= MaxLines ? lines : lines[^MaxLines..];
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return []; // History is a convenience: an unreadable file starts an empty one.
        }
    }

    public void Append(string line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }

        try
        {
            File.AppendAllText(Path, line.ReplaceLineEndings(" ") + "\n");
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // A read-only home must not stop the shell.
        }
    }
}
