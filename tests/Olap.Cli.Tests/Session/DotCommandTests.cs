using Olap.Cli.Rendering;
using Olap.Cli.Session;

namespace Olap.Cli.Tests.Session;

public sealed class DotCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("olap-cli-dot-").FullName;
    private readonly ShellHarness _harness = new();

    public DotCommandTests()
    {
        _harness.Run("CREATE TABLE sales (day DATE, amount DECIMAL(10,2), region VARCHAR) SORTED BY (day); INSERT INTO sales VALUES ('2024-01-02', 10.50, 'north'); CREATE TABLE Other (x INTEGER);");
    }

    public void Dispose()
    {
        _harness.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private string Run(string text) => _harness.Run(text);

    [Fact]
    public void Mode_switches_how_results_are_printed()
    {
        Run(".mode csv");

        Assert.Equal("amount\r\n10.50\r\n", Run("SELECT amount FROM sales;"));
        Assert.Equal(OutputMode.Csv, _harness.Shell.Settings.Mode);
    }

    [Fact]
    public void Mode_with_an_unknown_name_lists_the_modes()
    {
        Run(".mode fancy");

        Assert.Contains("unknown mode fancy; the modes are box|table|csv|tsv|json|jsonlines|markdown|line", _harness.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Tables_lists_the_tables()
    {
        var output = Run(".tables");

        Assert.Contains("Other", output, StringComparison.Ordinal);
        Assert.Contains("sales", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Schema_prints_a_create_statement_with_the_sort_key()
    {
        var output = Run(".schema sales");

        Assert.Equal("CREATE TABLE sales (\n    day DATE,\n    amount DECIMAL(10,2),\n    region VARCHAR\n) SORTED BY (day);\n", output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Schema_without_a_name_prints_every_table_quoting_names_that_need_it()
    {
        var output = Run(".schema");

        Assert.Contains("CREATE TABLE \"Other\" (", output, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE sales (", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_shows_the_columns_as_a_result()
    {
        Run(".mode csv");

        var output = Run(".describe sales");

        Assert.StartsWith("column_name,column_type,null,key\r\nday,DATE,YES,SORT KEY 1\r\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Output_sends_results_to_a_file_until_it_is_turned_off()
    {
        var file = Path.Combine(_directory, "out.csv");
        Run(".mode csv");

        Run($".output {file}");
        var onScreen = Run("SELECT region FROM sales;");
        Run(".output");
        var afterwards = Run("SELECT 1 AS n;");

        Assert.Empty(onScreen);
        Assert.Equal("region\r\nnorth\r\n", File.ReadAllText(file));
        Assert.Equal("n\r\n1\r\n", afterwards);
    }

    [Fact]
    public void Once_sends_only_the_next_result_to_a_file()
    {
        var file = Path.Combine(_directory, "once.json");
        Run(".mode json");

        Run($".once '{file}'");
        Run("SELECT region FROM sales;");
        var next = Run("SELECT 2 AS n;");

        Assert.Equal("[{\"region\":\"north\"}]\n", File.ReadAllText(file));
        Assert.Equal("[{\"n\":2}]\n", next);
    }

    [Fact]
    public void Read_runs_a_script_and_reports_errors_at_the_script_line()
    {
        var script = Path.Combine(_directory, "script.sql");
        File.WriteAllText(script, ".mode csv\nSELECT 1 AS a;\n\nSELECT\n  nosuch FROM sales;\n");

        var output = Run($".read {script}");

        Assert.Equal("a\r\n1\r\n", output);
        Assert.Contains("(line 5, column 3)", _harness.Error, StringComparison.Ordinal);
        Assert.Contains("LINE 5:   nosuch FROM sales;", _harness.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_switches_to_another_database()
    {
        var path = Path.Combine(_directory, "other.db");

        Run($".open {path}");
        Run("CREATE TABLE fresh (x INTEGER);");

        Assert.Contains($"opened database {path}", _harness.Out, StringComparison.Ordinal);
        Assert.Equal("fresh", Run(".tables").Trim());
        Assert.True(File.Exists(Path.Combine(path, "manifest.json")));
    }

    [Fact]
    public void Maxrows_sets_how_many_rows_a_box_shows()
    {
        Run(".maxrows 2");
        Run("INSERT INTO sales VALUES ('2024-01-03', 1, 'a'), ('2024-01-04', 2, 'b'), ('2024-01-05', 3, 'c');");

        var output = Run("SELECT amount FROM sales;");

        Assert.Contains("4 rows (2 shown)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_on_prints_the_plan_of_each_query_instead_of_its_rows()
    {
        Run(".explain on");

        var output = Run("SELECT region FROM sales WHERE amount > 5;");

        Assert.Contains("Scan", output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("north", output, StringComparison.Ordinal);
        Assert.DoesNotContain("┌", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_lists_every_command()
    {
        var output = Run(".help");

        Assert.All(DotCommands.All, command => Assert.Contains(command.Name, output, StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_command_gets_a_suggestion_and_a_pointer_to_help()
    {
        Run(".tabels");

        Assert.Contains("Error: unknown command .tabels; did you mean .tables? (.help lists the commands)", _harness.Error, StringComparison.Ordinal);
        Assert.True(_harness.Shell.HadError);
    }

    [Fact]
    public void Quit_and_exit_end_the_session()
    {
        Assert.Equal(ShellOutcome.Quit, _harness.Shell.Feed(".quit"));
        Assert.Equal(ShellOutcome.Quit, _harness.Shell.Feed(".exit"));
    }
}
