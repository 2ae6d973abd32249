namespace Olap.Cli.Rendering;

/// <summary>The renderer of each output mode.</summary>
internal static class ResultRenderers
{
    private static readonly BoxRenderer s_box = new(BoxGlyphs.Unicode);
    private static readonly BoxRenderer s_table = new(BoxGlyphs.Ascii);

    public static IResultRenderer For(OutputMode mode) => mode switch
    {
        OutputMode.Box => s_box,
        OutputMode.Table => s_table,
        OutputMode.Csv => DelimitedRenderer.Csv,
        OutputMode.Tsv => DelimitedRenderer.Tsv,
        OutputMode.Json => JsonRenderer.Array,
        OutputMode.JsonLines => JsonRenderer.Lines,
        OutputMode.Markdown => MarkdownRenderer.Instance,
        OutputMode.Line => LineRenderer.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };
}
