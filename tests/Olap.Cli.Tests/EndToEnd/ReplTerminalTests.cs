namespace Olap.Cli.Tests.EndToEnd;

/// <summary>The REPL driven through a real pseudo-terminal, keys in and screen out, as a person uses it.</summary>
public sealed class ReplTerminalTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("olap-cli-pty-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private TmuxTerminal Start() => new(
        ["dotnet", OlapProcess.Assembly, Path.Combine(_directory, "db")],
        new Dictionary<string, string>
        {
            ["OLAP_HISTORY"] = Path.Combine(_directory, "history"),
            ["OLAP_DEMO_DIR"] = Path.Combine(_directory, "demo"),
            ["NO_COLOR"] = "1",
        });

    [Fact]
    public void Start_query_error_with_caret_csv_mode_and_quit()
    {
        using var terminal = Start();
        terminal.WaitFor(screen => screen.Contains("olap> ", StringComparison.Ordinal), "the prompt");

        terminal.TypeLine("CREATE TABLE t (a INTEGER, b VARCHAR); INSERT INTO t VALUES (1, 'x'), (2, NULL); ");
        terminal.TypeLine("SELECT a, b");
        terminal.WaitFor(screen => screen.Contains(" ...> ", StringComparison.Ordinal), "the continuation prompt");
        terminal.TypeLine("FROM t ORDER BY a; ");
        var box = terminal.WaitForAfter("FROM t ORDER BY a;", "└");
        Assert.Contains("│    a    │    b    │", box, StringComparison.Ordinal);
        Assert.Contains("│ integer │ varchar │", box, StringComparison.Ordinal);
        Assert.Contains("│       1 │ x       │", box, StringComparison.Ordinal);
        Assert.Contains("│       2 │ NULL    │", box, StringComparison.Ordinal);

        terminal.TypeLine("SELECT a FORM t; ");
        var error = terminal.WaitForAfter("olap> SELECT a FORM t;", "^");
        var lines = error.Split('\n');
        var quoted = Array.FindIndex(lines, l => l.StartsWith("LINE 1: SELECT a FORM t;", StringComparison.Ordinal));
        Assert.True(quoted > 0, error);
        Assert.StartsWith("Error: syntax error", lines[quoted - 1], StringComparison.Ordinal);
        Assert.Equal(lines[quoted].IndexOf(" t;", StringComparison.Ordinal) + 1, lines[quoted + 1].IndexOf('^'));

        terminal.TypeLine(".mode csv");
        terminal.TypeLine("SELECT a, b FROM t ORDER BY a; ");
        var csv = terminal.WaitForAfter("olap> SELECT a, b FROM t ORDER BY a;", "2,");
        Assert.Contains("a,b\n1,x\n2,\n", csv.Replace("\r", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);

        terminal.TypeLine(".quit");
        terminal.WaitForExit();
        Assert.Contains("SELECT a, b FROM t ORDER BY a;", File.ReadAllText(Path.Combine(_directory, "history")), StringComparison.Ordinal);
    }

    [Fact]
    public void Tab_completes_Ctrl_R_finds_history_Ctrl_C_at_the_prompt_is_harmless_and_Ctrl_D_leaves()
    {
        using var terminal = Start();
        terminal.WaitFor(screen => screen.Contains("olap> ", StringComparison.Ordinal), "the prompt");
        terminal.TypeLine("CREATE TABLE lineorder (lo_revenue INTEGER); INSERT INTO lineorder VALUES (5); ");

        terminal.Type("SELECT lo_rev");
        terminal.Press("Tab");
        terminal.Type(" FROM lineo");
        terminal.Press("Tab");
        terminal.TypeLine("; ");
        var result = terminal.WaitForAfter("SELECT lo_revenue FROM lineorder;", "└");
        Assert.Contains("│          5 │", result, StringComparison.Ordinal);

        terminal.Type("REVENUE FROM");
        terminal.Press("C-r");
        terminal.Press("Enter");
        var again = terminal.WaitFor(screen => screen.Split("│          5 │").Length == 3, "the query found by Ctrl-R to run a second time");
        Assert.Equal(2, again.Split("olap> SELECT lo_revenue FROM lineorder;").Length - 1);

        terminal.Press("C-c");
        terminal.TypeLine("SELECT 40 + 2 AS answer; ");
        var answer = terminal.WaitForAfter("SELECT 40 + 2 AS answer;", "└");
        Assert.Contains("│      42 │", answer, StringComparison.Ordinal);
        Assert.True(terminal.IsRunning);

        terminal.Press("C-d");
        terminal.WaitForExit();
    }
}
