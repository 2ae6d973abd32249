using System.Text;
using Olap.Cli.Terminal;
using Olap.Query;

namespace Olap.Cli.Session;

/// <summary>
/// The names in the database, read through SQL (SHOW TABLES, DESCRIBE) as any client would: what .tables, .schema
/// and tab completion show.
/// </summary>
internal sealed class CatalogNames(OlapSession connection) : ICatalogNames
{
    public IReadOnlyList<string> Tables()
    {
        var result = connection.Execute("SHOW TABLES");
        return [.. Enumerable.Range(0, result.RowCount).Select(row => result.GetText(row, 0))];
    }

    /// <summary>Each column of <paramref name="table"/>: name, type and its place in the sort key (null when not in it).</summary>
    public IReadOnlyList<(string Name, string Type, string? Key)> Columns(string table)
    {
        var result = connection.Execute($"DESCRIBE {Quote(table)}");
        return [.. Enumerable.Range(0, result.RowCount).Select(row => (result.GetText(row, 0), result.GetText(row, 1), result.IsNull(row, 3) ? null : result.GetText(row, 3)))];
    }

    IReadOnlyList<string> ICatalogNames.Columns(string table) => [.. Columns(table).Select(c => c.Name)];

    /// <summary>A CREATE TABLE statement that would make a table with these columns and sort key.</summary>
    public string CreateStatement(string table)
    {
        var columns = Columns(table);
        var builder = new StringBuilder();
        builder.Append("CREATE TABLE ").Append(Quote(table)).Append(" (\n");
        for (var i = 0; i < columns.Count; i++)
        {
            builder.Append("    ").Append(Quote(columns[i].Name)).Append(' ').Append(columns[i].Type).Append(i < columns.Count - 1 ? ",\n" : "\n");
        }

        builder.Append(')');
        var sortKey = columns
            .Where(c => c.Key is not null)
            .Select(c => (c.Name, Parts: c.Key!.Split(' ')))
            .OrderBy(c => int.Parse(c.Parts[2], System.Globalization.CultureInfo.InvariantCulture))
            .Select(c => Quote(c.Name) + (c.Parts.Length > 3 ? " DESC" : string.Empty))
            .ToList();
        if (sortKey.Count > 0)
        {
            builder.Append(" SORTED BY (").Append(string.Join(", ", sortKey)).Append(')');
        }

        return builder.Append(';').ToString();
    }

    /// <summary>A name as SQL: bare when it is a plain lower-case word, in double quotes otherwise.</summary>
    internal static string Quote(string name)
    {
        var plain = name.Length > 0 && (char.IsAsciiLetterLower(name[0]) || name[0] == '_')
            && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_')
            && !Query.Parsing.SqlKeywords.IsReserved(name);
        return plain ? name : "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
