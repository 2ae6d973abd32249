using Olap.Cli.Rendering;
using Olap.Cli.Session;
using Olap.Query;

namespace Olap.Cli.Tests;

/// <summary>A shell on an in-memory database whose output and errors are collected as text, plain (no colours).</summary>
internal sealed class ShellHarness : IDisposable
{
    private readonly StringWriter _out = new();
    private readonly StringWriter _error = new();

    /// <param name="terminal">Whether standard output is to pass for a terminal (colours stay off: <c>ColorAllowed</c> is false).</param>
    public ShellHarness(ShellSettings? settings = null, int width = int.MaxValue, DatabaseSession? session = null, bool terminal = false)
    {
        Shell = new Shell(session ?? DatabaseSession.InMemory(), new ShellConsole { Out = _out, Error = _error, Width = () => width, OutIsTerminal = terminal }, settings);
    }

    public Shell Shell { get; }

    public string Out => _out.ToString();

    public string Error => _error.ToString();

    /// <summary>Runs text as -c would, returning what it printed on standard output; errors stay in <see cref="Error"/>.</summary>
    public string Run(string text)
    {
        var before = _out.GetStringBuilder().Length;
        Shell.RunText(text);
        return _out.ToString()[before..];
    }

    /// <summary>The last statement's result of a script, rendered in a mode, as the tests of the renderers need one.</summary>
    public static string Render(string sql, OutputMode mode, RenderOptions? options = null)
    {
        using var db = OlapDatabase.OpenInMemory();
        var result = db.Execute(sql);
        var output = new StringWriter();
        ResultRenderers.For(mode).Render(new ResultView(result), output, options ?? new RenderOptions());
        return output.ToString();
    }

    public void Dispose() => Shell.Dispose();
}
