namespace Olap.Cli.Terminal;

/// <summary>
/// What Tab offers for the word under the cursor: dot commands at the start of a line, file paths inside a quote,
/// the columns of a table after <c>table.</c>, table names after FROM, JOIN, INTO, TABLE and DESCRIBE, and otherwise
/// columns, keywords, functions and tables. Candidates keep what was typed and continue it, keywords in the case
/// the word was typed in, so cycling through them never rewrites the user's text.
/// </summary>
internal sealed class SqlCompletion(ICatalogNames catalog, IReadOnlyList<string> dotCommands)
{
    private static readonly HashSet<string> s_tableContext = new(StringComparer.OrdinalIgnoreCase) { "FROM", "JOIN", "INTO", "TABLE", "DESCRIBE", "VIEW", "EXISTS", ".schema", ".describe" };

    /// <param name="before">The line before the word.</param>
    /// <param name="word">The word being completed (perhaps empty).</param>
    public IReadOnlyList<string> Complete(string before, string word)
    {
        if (word.StartsWith('\'') || (word.StartsWith('"') && before.TrimEnd().EndsWith(".read", StringComparison.Ordinal)))
        {
            return FilePaths(word);
        }

        if (string.IsNullOrWhiteSpace(before) && word.StartsWith('.'))
        {
            return Continue(word, dotCommands);
        }

        var dot = word.LastIndexOf('.');
        if (dot > 0)
        {
            var table = word[..dot];
            var columns = SafeColumns(table.Trim('"'));
            return [.. Continue(word[(dot + 1)..], columns).Select(c => word[..(dot + 1)] + c)];
        }

        var previous = LastWord(before);
        var tables = Safe(catalog.Tables);
        if (s_tableContext.Contains(previous))
        {
            return Continue(word, tables);
        }

        var allColumns = tables.SelectMany(SafeColumns).Distinct(StringComparer.Ordinal).ToList();
        return
        [
            .. Continue(word, allColumns),
            .. Continue(word, CaseLike(word, SqlWords.Keywords)),
            .. Continue(word, SqlWords.Functions),
            .. Continue(word, tables),
        ];
    }

    /// <summary>Candidates that start with <paramref name="word"/> (any case), as <paramref name="word"/> followed by their rest.</summary>
    private static List<string> Continue(string word, IEnumerable<string> candidates)
        => [.. candidates
            .Where(c => c.StartsWith(word, StringComparison.OrdinalIgnoreCase) && c.Length > word.Length)
            .Select(c => word + c[word.Length..])
            .Distinct(StringComparer.Ordinal)];

    /// <summary>Keywords in upper case unless the word was typed in lower case.</summary>
    private static IEnumerable<string> CaseLike(string word, IReadOnlyList<string> keywords)
        => word.Length > 0 && word.Any(char.IsLower) ? keywords.Select(k => k.ToLowerInvariant()) : keywords;

    private static string LastWord(string before)
    {
        var words = before.Split([' ', '\t', '(', ','], StringSplitOptions.RemoveEmptyEntries);
        return words.Length == 0 ? string.Empty : words[^1];
    }

    /// <summary>Paths that continue a quoted one: directories end in '/', files close the quote.</summary>
    private static List<string> FilePaths(string word)
    {
        var quote = word[0];
        var typed = word[1..];
        var separator = typed.LastIndexOfAny(['/', Path.DirectorySeparatorChar]);
        var directoryPart = separator < 0 ? string.Empty : typed[..(separator + 1)];
        var namePart = typed[(separator + 1)..];
        var directory = directoryPart.Length == 0 ? "." : ExpandHome(directoryPart);
        try
        {
            var entries = new DirectoryInfo(directory).EnumerateFileSystemInfos()
                .Where(e => e.Name.StartsWith(namePart, StringComparison.Ordinal) && (namePart.StartsWith('.') || !e.Name.StartsWith('.')))
                .OrderBy(e => e.Name, StringComparer.Ordinal)
                .Select(e => quote + directoryPart + e.Name + (e is DirectoryInfo ? "/" : quote.ToString()));
            return [.. entries];
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return [];
        }
    }

    private static string ExpandHome(string path)
        => path.StartsWith("~/", StringComparison.Ordinal) ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[2..]) : path;

    // A name that does not resolve, or a catalog that cannot be read mid-typing, means no candidates, not an error.
    private IReadOnlyList<string> SafeColumns(string table) => Safe(() => catalog.Columns(table));

    private static IReadOnlyList<string> Safe(Func<IReadOnlyList<string>> names)
    {
        try
        {
            return names();
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            return [];
        }
    }
}
