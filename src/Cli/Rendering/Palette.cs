namespace Olap.Cli.Rendering;

/// <summary>
/// The colours of output text. <see cref="Plain"/> adds nothing, for redirected output and <c>NO_COLOR</c>; widths are
/// always measured on the plain text, before a colour is put around it.
/// </summary>
internal sealed class Palette
{
    private readonly bool _enabled;

    private Palette(bool enabled) => _enabled = enabled;

    public static Palette Plain { get; } = new(enabled: false);

    public static Palette Ansi { get; } = new(enabled: true);

    public bool Enabled => _enabled;

    public string Keyword(string text) => Wrap("1;34", text);

    public string String(string text) => Wrap("32", text);

    public string Number(string text) => Wrap("36", text);

    public string Null(string text) => Wrap("2;3", text);

    public string Error(string text) => Wrap("1;31", text);

    public string Header(string text) => Wrap("1", text);

    public string Dim(string text) => Wrap("2", text);

    private string Wrap(string code, string text) => _enabled && text.Length > 0 ? $"\u001b[{code}m{text}\u001b[0m" : text;
}
