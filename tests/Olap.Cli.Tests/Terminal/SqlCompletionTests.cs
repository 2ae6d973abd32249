using Olap.Cli.Session;
using Olap.Cli.Terminal;

namespace Olap.Cli.Tests.Terminal;

public sealed class SqlCompletionTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("olap-cli-complete-").FullName;
    private readonly DatabaseSession _session = DatabaseSession.InMemory();
    private readonly SqlCompletion _completion;

    public SqlCompletionTests()
    {
        _session.Connection.Execute("CREATE TABLE lineorder (lo_revenue INTEGER, lo_orderdate INTEGER); CREATE TABLE customer (c_region VARCHAR)");
        _completion = new SqlCompletion(new CatalogNames(_session.Connection), [.. DotCommands.All.Select(c => c.Name)]);
    }

    public void Dispose()
    {
        _session.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void Keywords_complete_in_the_case_they_were_started_in()
    {
        Assert.Contains("SELECT", _completion.Complete(string.Empty, "SEL"));
        Assert.Contains("select", _completion.Complete(string.Empty, "sel"));
    }

    [Fact]
    public void After_FROM_only_tables_are_offered()
    {
        Assert.Equal(["lineorder"], _completion.Complete("SELECT * FROM ", "l"));
        Assert.Equal(["customer"], _completion.Complete("select * from lineorder join ", "c"));
    }

    [Fact]
    public void Column_names_complete_anywhere_in_a_query()
    {
        Assert.Equal(["lo_revenue", "lo_orderdate"], _completion.Complete("SELECT ", "lo_"));
        Assert.Contains("c_region", _completion.Complete("SELECT sum(x) FROM t GROUP BY ", "c_r"));
    }

    [Fact]
    public void After_a_table_name_and_a_dot_its_columns_are_offered()
    {
        Assert.Equal(["lineorder.lo_revenue"], _completion.Complete("SELECT ", "lineorder.lo_r"));
    }

    [Fact]
    public void Dot_commands_complete_at_the_start_of_a_line()
    {
        Assert.Equal([".tables", ".timer"], _completion.Complete(string.Empty, ".t"));
    }

    [Fact]
    public void Inside_a_quote_file_paths_complete_directories_with_a_slash_and_files_with_the_closing_quote()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "data"));
        File.WriteAllText(Path.Combine(_directory, "data", "orders.olap"), string.Empty);
        File.WriteAllText(Path.Combine(_directory, "data", "other.csv"), string.Empty);

        Assert.Equal([$"'{_directory}/data/"], _completion.Complete("SELECT * FROM ", $"'{_directory}/da"));
        Assert.Equal([$"'{_directory}/data/orders.olap'"], _completion.Complete("SELECT * FROM ", $"'{_directory}/data/ord"));
        Assert.Equal(2, _completion.Complete("COPY t FROM ", $"'{_directory}/data/").Count);
    }

    [Fact]
    public void Nothing_matches_gives_no_candidates()
    {
        Assert.Empty(_completion.Complete("SELECT ", "zzz"));
        Assert.Empty(_completion.Complete("SELECT * FROM ", "'/no/such/dir/x"));
    }
}
