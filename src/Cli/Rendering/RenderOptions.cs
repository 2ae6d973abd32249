namespace Olap.Cli.Rendering;

/// <summary>What a renderer needs to know about where its text goes.</summary>
internal sealed record RenderOptions
{
    /// <summary>DuckDB's default: 40 rows, the first and last 20 of a longer result.</summary>
    public const int DefaultMaxRows = 40;

    /// <summary>Terminal columns a box may use; <see cref="int.MaxValue"/> when nothing limits it (a file).</summary>
    public int Width { get; init; } = int.MaxValue;

    /// <summary>Rows a box shows before it elides the middle; 0 shows all.</summary>
    public int MaxRows { get; init; } = DefaultMaxRows;

    public Palette Palette { get; init; } = Palette.Plain;
}
