namespace Olap.Columnar.Text;

/// <summary>
/// How a delimited text file is laid out. The defaults read RFC 4180 CSV without a header; dbgen's <c>.tbl</c> files
/// need only <c>Delimiter = '|'</c>, because a line ending in one extra, empty field (dbgen's trailing <c>|</c>) is
/// always accepted.
/// </summary>
public sealed record DelimitedTextOptions
{
    /// <summary>CSV: comma separated, double-quoted, no header, an empty unquoted field is NULL.</summary>
    public static DelimitedTextOptions Default { get; } = new();

    /// <summary>Separates fields; must be an ASCII character other than CR, LF and the quote.</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>When true the first record names the columns and is skipped.</summary>
    public bool Header { get; init; }

    /// <summary>
    /// A field equal to this text, quoted or not, is NULL; the default, empty, makes empty fields (and <c>""</c>) NULL,
    /// as DuckDB does by default (its allow_quoted_nulls).
    /// </summary>
    public string NullString { get; init; } = string.Empty;

    /// <summary>When false, a quoted field is never NULL, so <c>""</c> is an empty string (DuckDB's allow_quoted_nulls = false).</summary>
    public bool AllowQuotedNulls { get; init; } = true;

    /// <summary>Encloses fields that contain delimiters, quotes or line breaks; <c>'\0'</c> turns quoting off.</summary>
    public char Quote { get; init; } = '"';
}
