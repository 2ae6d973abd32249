using Olap.Cli.Session;

namespace Olap.Cli.Tests.Session;

public sealed class DatabaseSessionTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("olap-cli-session-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void No_path_opens_an_in_memory_database()
    {
        using var session = DatabaseSession.Open(null);

        Assert.Equal("an in-memory database", session.Description);
    }

    [Fact]
    public void A_directory_path_is_created_as_a_database()
    {
        var path = Path.Combine(_directory, "new.db");

        using var session = DatabaseSession.Open(path);

        Assert.True(Directory.Exists(path));
        Assert.Equal($"database {path}", session.Description);
    }

    [Fact]
    public void A_csv_file_opens_as_a_view_over_the_file()
    {
        var file = Path.Combine(_directory, "people.csv");
        File.WriteAllText(file, "name,age\nada,36\nalan,41\n");

        using var session = DatabaseSession.Open(file);

        Assert.Equal("77", session.Connection.Execute("SELECT sum(age) FROM people").GetText(0, 0));
    }

    [Fact]
    public void A_missing_file_or_a_directory_that_is_not_a_database_is_refused_with_the_reason()
    {
        var notADatabase = Path.Combine(_directory, "photos");
        Directory.CreateDirectory(notADatabase);
        File.WriteAllText(Path.Combine(notADatabase, "cat.jpg"), "meow");

        Assert.Contains("no such file", Assert.Throws<CliException>(() => DatabaseSession.Open(Path.Combine(_directory, "missing.olap"))).Message, StringComparison.Ordinal);
        Assert.Contains("not an Olap database", Assert.Throws<CliException>(() => DatabaseSession.Open(notADatabase)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_damaged_olap_file_is_refused_at_open()
    {
        var file = Path.Combine(_directory, "broken.olap");
        File.WriteAllText(file, "this is not an olap file");

        var error = Assert.Throws<CliException>(() => DatabaseSession.Open(file));

        Assert.StartsWith($"cannot open '{file}'", error.Message, StringComparison.Ordinal);
    }
}
