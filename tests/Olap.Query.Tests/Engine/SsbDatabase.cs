namespace Olap.Query.Tests.Engine;

/// <summary>The shared dbgen SF 0.1 files loaded once with COPY into an in-memory database, for tests that read them.</summary>
public sealed class SsbDatabase : IDisposable
{
    public SsbDatabase()
    {
        Database = OlapDatabase.OpenInMemory();
        using var connection = Database.Connect();
        connection.Execute(File.ReadAllText(RepositoryFiles.PathOf("benchmarks", "ssb", "schema.sql")));
        foreach (var table in Tables)
        {
            connection.Execute($"COPY {table} FROM '{DataFile(table)}' (DELIMITER '|')");
        }
    }

    public static readonly string[] Tables = ["lineorder", "customer", "supplier", "part", "date"];

    public OlapDatabase Database { get; }

    public static string DataFile(string table) => RepositoryFiles.PathOf("..", "shared", "data", "ssb-dbgen-sf0.1", $"{table}.tbl.gz");

    public void Dispose() => Database.Dispose();
}
