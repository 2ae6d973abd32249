using Olap.Query;

namespace Olap.Cli.Session;

/// <summary>
/// The open database and the shell's connection to it. <c>olap PATH</c> opens (or creates) a database directory; no
/// path gives an in-memory one; a single data file opens in an in-memory database with a view of the same name over
/// the file, which the engine reads in place.
/// </summary>
internal sealed class DatabaseSession : IDisposable
{
    private DatabaseSession(OlapDatabase database, string description)
    {
        Database = database;
        Connection = database.Connect();
        Description = description;
    }

    public OlapDatabase Database { get; }

    public OlapSession Connection { get; }

    /// <summary>What is open, for the banner and <c>.open</c>: "in-memory database", "database sales.db", ...</summary>
    public string Description { get; }

    public static DatabaseSession InMemory() => new(OlapDatabase.OpenInMemory(), "an in-memory database");

    /// <summary>
    /// Opens what <paramref name="path"/> names; a database directory with <paramref name="readOnly"/> is opened for
    /// queries only, which works while another process writes to it (data files are always read in place, and an
    /// in-memory database is never read-only).
    /// </summary>
    public static DatabaseSession Open(string? path, bool readOnly = false)
    {
        if (string.IsNullOrEmpty(path) || path == ":memory:")
        {
            return InMemory();
        }

        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension == ".parquet")
        {
            return FromParquet(path);
        }

        if (extension is ".olap" or ".csv" or ".tsv" or ".tbl")
        {
            if (!File.Exists(path))
            {
                throw new CliException($"cannot open '{path}': no such file");
            }

            return OverFile(path);
        }

        try
        {
            return readOnly
                ? new DatabaseSession(OlapDatabase.Open(path, Columnar.Storage.DatabaseOpenMode.ReadOnly), $"database {path} (read-only)")
                : new DatabaseSession(OlapDatabase.Open(path), $"database {path}");
        }
        catch (IOException error)
        {
            throw new CliException($"cannot open '{path}': {error.Message}", error);
        }
        catch (UnauthorizedAccessException error)
        {
            throw new CliException($"cannot open '{path}': {error.Message}", error);
        }
    }

    /// <summary>The name a file gets as a view: its file name without the extension (quoted in the SQL that creates it).</summary>
    internal static string ViewName(string path) => Path.GetFileNameWithoutExtension(path);

    private static DatabaseSession OverFile(string path)
    {
        var database = OlapDatabase.OpenInMemory();
        var name = ViewName(path);
        try
        {
            using var setup = database.Connect();
            var quotedName = "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            var quotedPath = "'" + Path.GetFullPath(path).Replace("'", "''", StringComparison.Ordinal) + "'";
            setup.Execute($"CREATE VIEW {quotedName} AS SELECT * FROM {quotedPath}");

            // Reading it once now reports a damaged file at start, not at the first query.
            setup.Execute($"SELECT * FROM {quotedName} LIMIT 0");
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            database.Dispose();
            throw new CliException($"cannot open '{path}': {error.Message}", error);
        }

        return new DatabaseSession(database, $"{path} as view {name} (in an in-memory database)");
    }

    /// <summary>A Parquet file's rows loaded into a table named after the file, in an in-memory database.</summary>
    private static DatabaseSession FromParquet(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliException($"cannot open '{path}': no such file");
        }

        var database = OlapDatabase.OpenInMemory();
        var name = ViewName(path);
        try
        {
            using var setup = database.Connect();
            Olap.Query.Catalog.ParquetImport.LoadAsTable(setup, name, Path.GetFullPath(path));
        }
        catch (QueryException error)
        {
            // The engine's message starts with the file's path already.
            database.Dispose();
            throw new CliException($"cannot open {error.Message}", error);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            database.Dispose();
            throw new CliException($"cannot open '{path}': {error.Message}", error);
        }

        return new DatabaseSession(database, $"{path} as table {name} (in an in-memory database)");
    }

    public void Dispose()
    {
        Connection.Dispose();
        Database.Dispose();
    }
}
