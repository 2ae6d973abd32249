using Olap.Cli.Terminal;

namespace Olap.Cli.Tests.Terminal;

public sealed class HistoryFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("olap-cli-history-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Lines_appended_in_one_session_are_loaded_by_the_next()
    {
        var path = Path.Combine(_directory, ".olap_history");
        var first = new HistoryFile(path);
        first.Append("SELECT 1;");
        first.Append("   ");
        first.Append(".mode csv");

        Assert.Equal(["SELECT 1;", ".mode csv"], new HistoryFile(path).Load());
    }

    [Fact]
    public void Only_the_last_lines_are_kept_at_load()
    {
        var path = Path.Combine(_directory, ".olap_history");
        File.WriteAllLines(path, Enumerable.Range(0, HistoryFile.MaxLines + 5).Select(i => $"SELECT {i};"));

        var lines = new HistoryFile(path).Load();

        Assert.Equal(HistoryFile.MaxLines, lines.Count);
        Assert.Equal($"SELECT {HistoryFile.MaxLines + 4};", lines[^1]);
    }

    [Fact]
    public void A_missing_or_unwritable_history_is_no_error()
    {
        var history = new HistoryFile(Path.Combine(_directory, "no", "such", "dir", "history"));

        history.Append("SELECT 1;");

        Assert.Empty(history.Load());
    }
}
