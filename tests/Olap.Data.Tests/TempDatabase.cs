namespace Olap.Data.Tests;

/// <summary>A database folder of its own for one test, deleted afterwards.</summary>
public sealed class TempDatabase : IDisposable
{
    public TempDatabase() => Folder = Directory.CreateTempSubdirectory("olap-data-tests-").FullName;

    public string Folder { get; }

    public string ConnectionString => $"Data Source={Folder}";

    public OlapConnection Open()
    {
        var connection = new OlapConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
