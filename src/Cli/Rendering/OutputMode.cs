namespace Olap.Cli.Rendering;

/// <summary>How results are printed (<c>.mode</c>, <c>--format</c>).</summary>
internal enum OutputMode
{
    Box,
    Table,
    Csv,
    Tsv,
    Json,
    JsonLines,
    Markdown,
    Line,
}

internal static class OutputModes
{
    public const string Names = "box|table|csv|tsv|json|jsonlines|markdown|line";

    public static bool TryParse(string text, out OutputMode mode)
    {
        mode = text.ToLowerInvariant() switch
        {
            "box" or "duckbox" => OutputMode.Box,
            "table" => OutputMode.Table,
            "csv" => OutputMode.Csv,
            "tsv" or "tabs" => OutputMode.Tsv,
            "json" => OutputMode.Json,
            "jsonlines" or "ndjson" => OutputMode.JsonLines,
            "markdown" => OutputMode.Markdown,
            "line" => OutputMode.Line,
            _ => (OutputMode)(-1),
        };
        return Enum.IsDefined(mode);
    }
}
