namespace Olap.Cli.Rendering;

/// <summary>Writes a result in one output mode.</summary>
internal interface IResultRenderer
{
    void Render(ResultView view, TextWriter output, RenderOptions options);
}
