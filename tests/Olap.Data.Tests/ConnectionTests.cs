using System.Data;
using System.Data.Common;

namespace Olap.Data.Tests;

public sealed class ConnectionTests : IDisposable
{
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public void A_connection_opens_a_folder_and_its_tables_persist_across_connections()
    {
        using (var first = _database.Open())
        {
            Assert.Equal(ConnectionState.Open, first.State);
            using var create = first.CreateCommand();
            create.CommandText = "CREATE TABLE t (a INTEGER); INSERT INTO t VALUES (1), (2)";
            create.ExecuteNonQuery();
        }

        using var second = _database.Open();
        using var count = new OlapCommand("SELECT count(*) FROM t", second);
        Assert.Equal(2L, count.ExecuteScalar());
    }

    [Fact]
    public void Memory_databases_are_private_to_their_connection()
    {
        using var one = new OlapConnection("Data Source=:memory:");
        using var two = new OlapConnection("Data Source=:memory:");
        one.Open();
        two.Open();
        new OlapCommand("CREATE TABLE t (a INTEGER)", one).ExecuteNonQuery();

        var error = Assert.Throws<OlapException>(() => new OlapCommand("SELECT * FROM t", two).ExecuteScalar());
        Assert.Contains("table t does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Connections_to_one_folder_share_the_database_and_see_each_others_commits()
    {
        using var writer = _database.Open();
        using var reader = _database.Open();
        new OlapCommand("CREATE TABLE t (a INTEGER)", writer).ExecuteNonQuery();
        new OlapCommand("INSERT INTO t VALUES (42)", writer).ExecuteNonQuery();

        Assert.Equal(42, new OlapCommand("SELECT a FROM t", reader).ExecuteScalar());
    }

    [Theory]
    [InlineData("", "names no database")]
    [InlineData("Threads=2", "names no database")]
    public void Opening_without_a_data_source_says_what_to_write(string connectionString, string expected)
    {
        using var connection = new OlapConnection(connectionString);
        var error = Assert.Throws<InvalidOperationException>(connection.Open);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_connection_string_keys_and_bad_thread_counts_are_rejected()
    {
        Assert.Contains("Unknown connection string keyword 'colour'", Assert.Throws<ArgumentException>(() => new OlapConnection("Data Source=x;Colour=red").Open()).Message, StringComparison.Ordinal);
        Assert.Contains("Threads must be a whole number", Assert.Throws<ArgumentException>(() => new OlapConnection($"{_database.ConnectionString};Threads=zero").Open()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_that_cannot_be_a_database_gives_an_olap_exception_naming_it()
    {
        var file = Path.Combine(_database.Folder, "a-file");
        File.WriteAllText(file, "not a folder");

        using var connection = new OlapConnection($"Data Source={file}");
        var error = Assert.Throws<OlapException>(connection.Open);
        Assert.Contains(file, error.Message, StringComparison.Ordinal);
        Assert.Equal(ConnectionState.Closed, connection.State);
    }

    [Fact]
    public void Commands_on_a_closed_connection_fail_clearly()
    {
        using var connection = new OlapConnection(_database.ConnectionString);
        var error = Assert.Throws<InvalidOperationException>(() => new OlapCommand("SELECT 1", connection).ExecuteScalar());
        Assert.Contains("not open", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_command_while_a_reader_is_open_is_refused_and_the_first_still_reads()
    {
        using var connection = _database.Open();
        using var reader = new OlapCommand("SELECT 1 AS a UNION ALL SELECT 2 ORDER BY a", connection).ExecuteReader();
        Assert.True(reader.Read());

        var error = Assert.Throws<InvalidOperationException>(() => new OlapCommand("SELECT 3", connection).ExecuteScalar());
        Assert.Contains("one command at a time", error.Message, StringComparison.Ordinal);
        Assert.True(reader.Read());
        Assert.Equal(2, reader.GetInt32(0));
        reader.Close();

        Assert.Equal(3, new OlapCommand("SELECT 3", connection).ExecuteScalar());
    }

    [Fact]
    public async Task One_connection_used_from_two_threads_at_once_refuses_the_second_command_and_stays_consistent()
    {
        using var connection = _database.Open();
        new OlapCommand("CREATE TABLE t (a INTEGER)", connection).ExecuteNonQuery();
        var refused = 0;
        var inserted = 0;
        await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 200; i++)
            {
                try
                {
                    new OlapCommand("INSERT INTO t VALUES (1)", connection).ExecuteNonQuery();
                    Interlocked.Increment(ref inserted);
                }
                catch (InvalidOperationException error) when (error.Message.Contains("one command at a time", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref refused);
                }
            }
        })));

        Assert.Equal(400, inserted + refused);
        Assert.Equal((long)inserted, new OlapCommand("SELECT count(*) FROM t", connection).ExecuteScalar());
    }

    [Fact]
    public async Task Many_connections_on_many_threads_query_and_insert_into_one_database()
    {
        using (var setup = _database.Open())
        {
            new OlapCommand("CREATE TABLE t (worker INTEGER, i INTEGER)", setup).ExecuteNonQuery();
        }

        await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
        {
            using var connection = _database.Open();
            for (var i = 0; i < 10; i++)
            {
                using var insert = new OlapCommand("INSERT INTO t VALUES ($1, $2)", connection);
                insert.Parameters.AddWithValue(worker);
                insert.Parameters.AddWithValue(i);
                Assert.Equal(1, insert.ExecuteNonQuery());
                using var count = new OlapCommand("SELECT count(*) FROM t WHERE worker = $1", connection);
                count.Parameters.AddWithValue(worker);
                Assert.Equal((long)i + 1, count.ExecuteScalar());
            }
        })));

        using var check = _database.Open();
        Assert.Equal(80L, new OlapCommand("SELECT count(*) FROM t", check).ExecuteScalar());
    }

    [Fact]
    public void The_factory_and_the_data_source_make_working_connections()
    {
        var factory = OlapFactory.Instance;
        using var connection = factory.CreateConnection();
        connection.ConnectionString = _database.ConnectionString;
        connection.Open();
        using var command = factory.CreateCommand();
        command.Connection = connection;
        command.CommandText = "SELECT @x + 1";
        var parameter = factory.CreateParameter();
        parameter.ParameterName = "x";
        parameter.Value = 41;
        command.Parameters.Add(parameter);
        Assert.Equal(42, command.ExecuteScalar());

        using DbDataSource source = factory.CreateDataSource(_database.ConnectionString);
        using var fromSource = source.CreateCommand("SELECT 'ok'");
        Assert.Equal("ok", fromSource.ExecuteScalar());
    }
}
