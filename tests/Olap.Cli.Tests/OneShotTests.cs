namespace Olap.Cli.Tests;

/// <summary>The contract of <c>olap [PATH] -c SQL</c>, <c>-f FILE</c> and SQL on standard input: output, errors on stderr, exit codes.</summary>
public sealed class OneShotTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("olap-cli-oneshot-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string PathOf(string name) => Path.Combine(_directory, name);

    [Fact]
    public void Command_runs_prints_in_the_chosen_format_and_exits_zero()
    {
        var (exitCode, output, error) = OlapProcess.Run(["-c", "SELECT 1 AS a, 'x,y' AS b, NULL AS c; SELECT 2 AS d", "--format", "csv"]);

        Assert.Equal(0, exitCode);
        Assert.Equal("a,b,c\r\n1,\"x,y\",\r\nd\r\n2\r\n", output);
        Assert.Empty(error);
    }

    [Fact]
    public void The_first_error_stops_the_run_with_a_non_zero_exit_and_the_message_on_stderr()
    {
        var (exitCode, output, error) = OlapProcess.Run(["-c", "SELECT 1 AS a; SELECT nosuch; SELECT 3 AS c", "--format", "csv"]);

        Assert.Equal(1, exitCode);
        Assert.Equal("a\r\n1\r\n", output);
        Assert.StartsWith("Error: column nosuch not found", error, StringComparison.Ordinal);
        Assert.Contains("LINE 1: SELECT 1 AS a; SELECT nosuch; SELECT 3 AS c\n", error, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Bail_false_goes_on_after_an_error_and_still_exits_non_zero()
    {
        var (exitCode, output, error) = OlapProcess.Run(["-c", "SELECT 1 AS a; SELECT nosuch; SELECT 3 AS c", "--format", "csv", "--bail", "false"]);

        Assert.Equal(1, exitCode);
        Assert.Equal("a\r\n1\r\nc\r\n3\r\n", output);
        Assert.Contains("nosuch", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_database_folder_named_like_the_command_is_opened_not_dropped()
    {
        // System.CommandLine takes a first argument whose file name is the command's for the executable itself.
        var database = PathOf("olap");

        Assert.Equal(0, OlapProcess.Run([database, "-c", "CREATE TABLE t (a INTEGER); INSERT INTO t VALUES (7)"]).ExitCode);
        var (exitCode, output, error) = OlapProcess.Run([database, "-c", "SELECT a FROM t", "--format", "csv"]);

        Assert.Equal(0, exitCode);
        Assert.Equal("a\r\n7\r\n", output);
        Assert.Empty(error);
    }

    [Fact]
    public void A_database_path_persists_between_runs()
    {
        var database = PathOf("sales.db");

        Assert.Equal(0, OlapProcess.Run([database, "-c", "CREATE TABLE t (a INTEGER); INSERT INTO t VALUES (7)"]).ExitCode);
        var (exitCode, output, _) = OlapProcess.Run([database, "-c", "SELECT a FROM t", "--format", "jsonlines"]);

        Assert.Equal(0, exitCode);
        Assert.Equal("{\"a\":7}\n", output);
    }

    [Fact]
    public void File_runs_a_script_with_dot_commands()
    {
        var script = PathOf("script.sql");
        File.WriteAllText(script, "CREATE TABLE t (a INTEGER);\nINSERT INTO t VALUES (1), (2);\n.mode markdown\nSELECT sum(a) AS s\n  FROM t;\n");

        var (exitCode, output, error) = OlapProcess.Run(["-f", script]);

        Assert.Equal(0, exitCode);
        Assert.Equal("| s |\n| ---: |\n| 3 |\n", output.ReplaceLineEndings("\n"));
        Assert.Empty(error);
    }

    [Fact]
    public void Sql_on_standard_input_runs_when_it_is_not_a_terminal_and_without_a_path_nothing_is_generated()
    {
        var demo = PathOf("demo");

        var (exitCode, output, _) = OlapProcess.Run(["--format", "tsv"], "SELECT 1 AS a;\nSELECT 'b' AS b;\n", new Dictionary<string, string> { ["OLAP_DEMO_DIR"] = demo });

        Assert.Equal(0, exitCode);
        Assert.Equal("a\n1\nb\nb\n", output);
        Assert.False(Directory.Exists(demo));
    }

    [Fact]
    public void An_olap_file_opens_as_a_view_named_after_it()
    {
        var file = PathOf("orders.olap");
        Assert.Equal(0, OlapProcess.Run(["-c", $"CREATE TABLE o (id INTEGER, region VARCHAR); INSERT INTO o VALUES (1, 'asia'), (2, 'europe'); COPY o TO '{file}' (FORMAT olap)"]).ExitCode);

        var (exitCode, output, error) = OlapProcess.Run([file, "-c", "SELECT region FROM orders ORDER BY id", "--format", "csv"]);

        Assert.True(exitCode == 0, error);
        Assert.Equal("region\r\nasia\r\neurope\r\n", output);
    }

    [Fact]
    public void A_parquet_file_opens_as_a_table_named_after_it()
    {
        var file = PathOf("trips.parquet");
        using (var writer = new ParquetSharp.ParquetFileWriter(file, [new ParquetSharp.Column<int>("id"), new ParquetSharp.Column<string>("city")]))
        {
            using var rowGroup = writer.AppendRowGroup();
            using (var ids = rowGroup.NextColumn().LogicalWriter<int>()) { ids.WriteBatch([2, 1, 3]); }
            using (var cities = rowGroup.NextColumn().LogicalWriter<string>()) { cities.WriteBatch(["Oslo", "Lima", null!]); }
            writer.Close();
        }

        var (exitCode, output, error) = OlapProcess.Run([file, "-c", "SELECT id, city FROM trips ORDER BY id", "--format", "csv"]);

        Assert.True(exitCode == 0, error);
        Assert.Equal("id,city\r\n1,Lima\r\n2,Oslo\r\n3,\r\n", output);
    }

    [Fact]
    public void A_damaged_parquet_file_is_refused_with_its_name()
    {
        var file = PathOf("data.parquet");
        File.WriteAllBytes(file, [0x50, 0x41, 0x52, 0x31]);

        var (exitCode, _, error) = OlapProcess.Run([file, "-c", "SELECT 1"]);

        Assert.Equal(1, exitCode);
        Assert.Contains("cannot open", error, StringComparison.Ordinal);
        Assert.Contains("data.parquet", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_format_is_a_usage_error()
    {
        var (exitCode, _, error) = OlapProcess.Run(["-c", "SELECT 1", "--format", "xml"]);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("unknown format 'xml'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Version_and_help_print_and_exit_zero()
    {
        var version = OlapProcess.Run(["--version"]);
        var help = OlapProcess.Run(["--help"]);

        Assert.Equal(0, version.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", version.Out);
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("--command", help.Out, StringComparison.Ordinal);
        Assert.Contains("--format", help.Out, StringComparison.Ordinal);
        Assert.Contains("inspect", help.Out, StringComparison.Ordinal);
    }
}
