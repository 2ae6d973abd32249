using Olap.Columnar.Storage;

namespace Olap.Data.Tests;

/// <summary><c>Mode=ReadOnly</c>: queries only, alongside a connection (or another process) that writes.</summary>
public sealed class ReadOnlyModeTests : IDisposable
{
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public void A_read_only_connection_reads_what_the_writer_commits_and_refuses_changes()
    {
        using var writer = _database.Open();
        new OlapCommand("CREATE TABLE t (a INTEGER); INSERT INTO t VALUES (1), (2)", writer).ExecuteNonQuery();
        using var reader = new OlapConnection($"Data Source={_database.Folder};Mode=ReadOnly");
        reader.Open();

        Assert.Equal(3L, new OlapCommand("SELECT CAST(sum(a) AS BIGINT) FROM t", reader).ExecuteScalar());
        new OlapCommand("INSERT INTO t VALUES (10)", writer).ExecuteNonQuery();
        Assert.Equal(13L, new OlapCommand("SELECT CAST(sum(a) AS BIGINT) FROM t", reader).ExecuteScalar());

        var refused = Assert.Throws<OlapException>(() => new OlapCommand("INSERT INTO t VALUES (5)", reader).ExecuteNonQuery());
        Assert.Contains("read-only", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1, refused.Line);
        Assert.Equal(13L, new OlapCommand("SELECT CAST(sum(a) AS BIGINT) FROM t", writer).ExecuteScalar());
    }

    [Theory]
    [InlineData("Mode=ReadOnly", DatabaseOpenMode.ReadOnly)]
    [InlineData("mode = readonly", DatabaseOpenMode.ReadOnly)]
    [InlineData("Mode=Read Only", DatabaseOpenMode.ReadOnly)]
    [InlineData("Mode=ReadWrite", DatabaseOpenMode.ReadWrite)]
    [InlineData("", DatabaseOpenMode.ReadWrite)]
    public void Mode_is_read_from_the_connection_string(string text, DatabaseOpenMode expected)
        => Assert.Equal(expected, new OlapConnectionStringBuilder($"Data Source=x;{text}").Mode);

    [Theory]
    [InlineData("Mode=Sometimes")]
    [InlineData("Mode=1")]
    public void An_unknown_mode_is_a_clear_error(string text)
    {
        var error = Assert.Throws<ArgumentException>(() => new OlapConnectionStringBuilder($"Data Source=x;{text}").Mode);
        Assert.Contains("ReadWrite or ReadOnly", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_read_only_connection_to_a_folder_that_is_no_database_fails_and_creates_nothing()
    {
        var missing = Path.Combine(_database.Folder, "missing");
        using var connection = new OlapConnection($"Data Source={missing};Mode=ReadOnly");

        var error = Assert.Throws<OlapException>(connection.Open);

        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(missing));
    }

    [Fact]
    public void An_in_memory_database_cannot_be_read_only()
    {
        using var connection = new OlapConnection("Data Source=:memory:;Mode=ReadOnly");
        Assert.Contains("read-only", Assert.Throws<OlapException>(connection.Open).Message, StringComparison.Ordinal);
    }
}
