using Olap.Cli.Rendering;
using Olap.Cli.Session;

namespace Olap.Cli.Tests.Session;

public sealed class ShellTests
{
    private static ShellSettings Csv() => new() { Mode = OutputMode.Csv };

    [Fact]
    public void Several_statements_on_one_line_run_in_order()
    {
        using var harness = new ShellHarness(Csv());

        var output = harness.Run("CREATE TABLE t (a INTEGER); INSERT INTO t VALUES (1), (2); SELECT sum(a) AS total FROM t;");

        Assert.Equal("total\r\n3\r\n", output);
        Assert.Empty(harness.Error);
    }

    [Fact]
    public void A_statement_spread_over_lines_runs_when_its_semicolon_arrives()
    {
        using var harness = new ShellHarness(Csv());

        Assert.Equal(ShellOutcome.Continue, harness.Shell.Feed("SELECT 1"));
        Assert.True(harness.Shell.IsPending);
        Assert.Equal(ShellOutcome.Continue, harness.Shell.Feed("  AS one"));
        Assert.Empty(harness.Out);

        harness.Shell.Feed("; SELECT 2 AS two");

        Assert.Equal("one\r\n1\r\n", harness.Out);
        Assert.True(harness.Shell.IsPending);
    }

    [Fact]
    public void A_semicolon_in_a_string_waits_for_the_real_end()
    {
        using var harness = new ShellHarness(Csv());

        harness.Shell.Feed("SELECT 'a;");
        harness.Shell.Feed("b' AS s;");

        Assert.Equal("s\r\n\"a;\nb\"\r\n", harness.Out);
    }

    [Fact]
    public void An_error_shows_the_line_with_a_caret_under_the_problem_and_what_was_expected_and_the_shell_goes_on()
    {
        using var harness = new ShellHarness(Csv());

        harness.Shell.Feed("SELECT 1 AS a; SELEC 2;");
        harness.Shell.Feed("SELECT 3 AS c;");

        Assert.Equal("a\r\n1\r\nc\r\n3\r\n", harness.Out);
        var lines = harness.Error.Split('\n');
        Assert.Equal("Error: syntax error at or near \"SELEC\" (line 1, column 16)", lines[0]);
        Assert.Equal("LINE 1: SELECT 1 AS a; SELEC 2;", lines[1]);
        Assert.Equal(lines[1].IndexOf("SELEC ", StringComparison.Ordinal), lines[2].IndexOf('^'));
        Assert.StartsWith("Expected: ", lines[3], StringComparison.Ordinal);
        Assert.True(harness.Shell.HadError);
    }

    [Fact]
    public void An_error_on_a_later_line_of_a_statement_quotes_that_line()
    {
        using var harness = new ShellHarness();

        harness.Run("SELECT 1,\n  nosuch\nFROM (SELECT 1 AS x) q;");

        Assert.Contains("(line 2, column 3)", harness.Error, StringComparison.Ordinal);
        Assert.Contains("LINE 2:   nosuch\n", harness.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void With_bail_the_first_error_stops_the_rest()
    {
        using var harness = new ShellHarness(new ShellSettings { Mode = OutputMode.Csv, Bail = true });

        var outcome = harness.Shell.RunText("SELECT 1 AS a; SELECT nosuch; SELECT 3 AS c;");

        Assert.Equal(ShellOutcome.Bailed, outcome);
        Assert.Equal("a\r\n1\r\n", harness.Out);
    }

    [Fact]
    public void A_last_statement_without_a_semicolon_runs_at_the_end_of_the_input()
    {
        using var harness = new ShellHarness(Csv());

        harness.Run("SELECT 42 AS answer");

        Assert.Equal("answer\r\n42\r\n", harness.Out);
    }

    [Fact]
    public void Ctrl_C_at_the_prompt_forgets_a_half_typed_statement()
    {
        using var harness = new ShellHarness(Csv());
        harness.Shell.Feed("SELECT 1 AS forgotten,");

        harness.Shell.DiscardPending();
        harness.Shell.Feed("SELECT 2 AS kept;");

        Assert.Equal("kept\r\n2\r\n", harness.Out);
        Assert.Empty(harness.Error);
    }

    [Fact]
    public void The_timer_prints_the_elapsed_time_after_each_statement()
    {
        using var harness = new ShellHarness(new ShellSettings { Mode = OutputMode.Csv, Timer = true });

        var output = harness.Run("SELECT 1 AS a;");

        Assert.Matches(@"^a\r\n1\r\nRun Time: \d+\.\d{3} s\n$", output);
    }

    [Fact]
    public void At_a_terminal_a_change_says_how_many_rows_it_wrote_and_in_a_script_it_prints_nothing()
    {
        using var terminal = new ShellHarness(terminal: true);
        using var script = new ShellHarness();
        const string Sql = "CREATE TABLE t (a INTEGER); INSERT INTO t VALUES (1), (2), (3);";

        Assert.Equal("3 rows\n", terminal.Run(Sql).ReplaceLineEndings("\n"));
        Assert.Empty(script.Run(Sql));
    }
}
