namespace Olap.Cli.Terminal;

/// <summary>The names completion offers: tables and views, and the columns of each.</summary>
internal interface ICatalogNames
{
    IReadOnlyList<string> Tables();

    IReadOnlyList<string> Columns(string table);
}
