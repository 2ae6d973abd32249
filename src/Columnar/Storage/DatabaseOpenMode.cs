namespace Olap.Columnar.Storage;

/// <summary>How a process opens a database: one writer at a time, any number of readers alongside.</summary>
public enum DatabaseOpenMode
{
    /// <summary>Queries and changes; takes the database's write lock for as long as it is open.</summary>
    ReadWrite,

    /// <summary>Queries only; takes no lock and changes no file, so it works while another process writes.</summary>
    ReadOnly,
}
