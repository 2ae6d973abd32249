using System.Data.Common;

namespace Olap.Data;

/// <summary>
/// Hands out connections to one database (<c>new OlapDataSource("Data Source=sales")</c>, then
/// <c>OpenConnection()</c> or <c>CreateCommand(sql)</c>). Safe to share between threads; each connection it gives
/// is for one thread at a time. Connections to one folder share the open database.
/// </summary>
public sealed class OlapDataSource : DbDataSource
{
    private readonly string _connectionString;

    public OlapDataSource(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var options = new OlapConnectionStringBuilder(connectionString);
        if (options.DataSource == OlapConnectionStringBuilder.InMemory)
        {
            throw new ArgumentException("A data source hands out many connections to one database; ':memory:' gives each connection its own, so name a folder.", nameof(connectionString));
        }

        _connectionString = connectionString;
    }

    public override string ConnectionString => _connectionString;

    public new OlapConnection CreateConnection() => new(_connectionString);

    public new OlapConnection OpenConnection()
    {
        var connection = CreateConnection();
        connection.Open();
        return connection;
    }

    protected override DbConnection CreateDbConnection() => CreateConnection();
}
