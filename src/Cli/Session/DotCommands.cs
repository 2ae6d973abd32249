using System.Globalization;
using System.Text;
using Olap.Cli.Rendering;

namespace Olap.Cli.Session;

/// <summary>The shell's own commands, one line each, starting with '.' (sqlite3's and DuckDB's set).</summary>
internal static class DotCommands
{
    /// <summary>Every command with its arguments and what it does, for <c>.help</c> and completion.</summary>
    public static IReadOnlyList<(string Name, string Arguments, string Help)> All { get; } =
    [
        (".help", string.Empty, "show this list"),
        (".tables", string.Empty, "list the tables and views"),
        (".schema", "[TABLE]", "show CREATE statements for all tables or one"),
        (".describe", "TABLE", "the columns of a table: names, types, sort key"),
        (".mode", OutputModes.Names, "how results are printed"),
        (".timer", "on|off", "print the elapsed time of each statement"),
        (".explain", "on|off", "print the plan of each query instead of its rows"),
        (".maxrows", "N", "rows a box shows before it elides the middle (0: all)"),
        (".read", "FILE", "run the statements in FILE"),
        (".output", "[FILE]", "send results to FILE, or back to the screen"),
        (".once", "FILE", "send the next result to FILE"),
        (".open", "[--readonly] [PATH]", "close this database and open PATH (none: in memory); --readonly: queries only"),
        (".quit", string.Empty, "leave (also .exit and Ctrl-D)"),
        (".exit", string.Empty, "leave"),
    ];

    public static ShellOutcome Run(Shell shell, string line, int lineNumber)
    {
        var (name, argument) = Split(line);
        var arguments = argument.Length == 0 ? [] : argument.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        switch (name)
        {
            case ".quit" or ".exit":
                return ShellOutcome.Quit;
            case ".help":
                shell.Say(Help());
                return ShellOutcome.Continue;
            case ".tables":
                return Tables(shell);
            case ".schema":
                return Schema(shell, arguments);
            case ".describe":
                return arguments.Length == 1 ? Sql(shell, $"DESCRIBE {arguments[0]}", lineNumber) : Usage(shell, name);
            case ".mode":
                return Mode(shell, arguments);
            case ".timer":
                return Toggle(shell, name, arguments, on => shell.Settings.Timer = on);
            case ".explain":
                return Toggle(shell, name, arguments, on => shell.Settings.Explain = on);
            case ".maxrows":
                return MaxRows(shell, arguments);
            case ".read":
                return argument.Length > 0 ? Read(shell, Unquote(argument)) : Usage(shell, name);
            case ".output":
                return Output(shell, argument.Length == 0 ? null : Unquote(argument));
            case ".once":
                return argument.Length > 0 ? Once(shell, Unquote(argument)) : Usage(shell, name);
            case ".open":
                return OpenCommand(shell, argument);
            default:
                return Unknown(shell, name);
        }
    }

    private static (string Name, string Argument) Split(string line)
    {
        var space = line.IndexOfAny([' ', '\t']);
        return space < 0 ? (line.ToLowerInvariant(), string.Empty) : (line[..space].ToLowerInvariant(), line[(space + 1)..].Trim());
    }

    private static string Unquote(string argument)
        => argument.Length >= 2 && argument[0] is '\'' or '"' && argument[^1] == argument[0] ? argument[1..^1] : argument;

    private static string Help()
    {
        var builder = new StringBuilder();
        var width = All.Max(c => c.Name.Length + 1 + c.Arguments.Length);
        foreach (var (name, arguments, help) in All)
        {
            builder.AppendLine($"{(name + " " + arguments).PadRight(width)}  {help}");
        }

        builder.Append("SQL statements end with ';' and may span lines; Ctrl-C cancels a running statement.");
        return builder.ToString();
    }

    private static ShellOutcome Usage(Shell shell, string name)
    {
        var (_, arguments, help) = All.First(c => c.Name == name);
        return shell.Fail($"usage: {name} {arguments} ({help})");
    }

    private static ShellOutcome Unknown(Shell shell, string name)
    {
        var nearest = All.Select(c => c.Name).MinBy(c => Olap.Query.Binding.NameSuggestions.EditDistance(c, name))!;
        var hint = Olap.Query.Binding.NameSuggestions.EditDistance(nearest, name) <= 2 ? $"; did you mean {nearest}?" : string.Empty;
        return shell.Fail($"unknown command {name}{hint} (.help lists the commands)");
    }

    private static ShellOutcome Sql(Shell shell, string sql, int lineNumber) => shell.RunText(sql, lineNumber);

    private static ShellOutcome Tables(Shell shell)
    {
        var names = Catalog(shell).Tables();
        if (names.Count > 0)
        {
            shell.Say(Columns(names, shell.Console.OutIsTerminal ? shell.Console.Width() : 80));
        }

        return ShellOutcome.Continue;
    }

    /// <summary>Names in columns across the width, as sqlite3's .tables prints them.</summary>
    internal static string Columns(IReadOnlyList<string> names, int width)
    {
        var cell = names.Max(n => DisplayWidth.Of(n)) + 2;
        var perLine = Math.Max(1, Math.Min(width, 200) / cell);
        var rows = (names.Count + perLine - 1) / perLine;
        var builder = new StringBuilder();
        for (var row = 0; row < rows; row++)
        {
            var line = new StringBuilder();
            for (var i = row; i < names.Count; i += rows)
            {
                line.Append(names[i]).Append(' ', cell - DisplayWidth.Of(names[i]));
            }

            builder.Append(line.ToString().TrimEnd());
            if (row < rows - 1)
            {
                builder.Append('\n');
            }
        }

        return builder.ToString();
    }

    private static ShellOutcome Schema(Shell shell, string[] arguments)
    {
        var catalog = Catalog(shell);
        IReadOnlyList<string> tables = arguments.Length == 0 ? catalog.Tables() : arguments;
        foreach (var table in tables)
        {
            try
            {
                shell.Say(catalog.CreateStatement(table));
            }
            catch (Exception error) when (error is not OutOfMemoryException)
            {
                return shell.Fail(error.Message);
            }
        }

        return ShellOutcome.Continue;
    }

    private static ShellOutcome Mode(Shell shell, string[] arguments)
    {
        if (arguments.Length == 0)
        {
            shell.Say($"current mode: {shell.Settings.Mode.ToString().ToLowerInvariant()} ({OutputModes.Names})");
            return ShellOutcome.Continue;
        }

        if (arguments.Length != 1 || !OutputModes.TryParse(arguments[0], out var mode))
        {
            return shell.Fail($"unknown mode {string.Join(' ', arguments)}; the modes are {OutputModes.Names}");
        }

        shell.Settings.Mode = mode;
        return ShellOutcome.Continue;
    }

    private static ShellOutcome Toggle(Shell shell, string name, string[] arguments, Action<bool> set)
    {
        switch (arguments is [var value] ? value.ToLowerInvariant() : string.Empty)
        {
            case "on":
                set(true);
                return ShellOutcome.Continue;
            case "off":
                set(false);
                return ShellOutcome.Continue;
            default:
                return Usage(shell, name);
        }
    }

    private static ShellOutcome MaxRows(Shell shell, string[] arguments)
    {
        if (arguments is not [var text] || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var rows))
        {
            return Usage(shell, ".maxrows");
        }

        shell.Settings.MaxRows = rows;
        return ShellOutcome.Continue;
    }

    private static ShellOutcome Read(Shell shell, string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return shell.Fail($"cannot read '{path}': {error.Message}");
        }

        return shell.RunText(text);
    }

    private static ShellOutcome Output(Shell shell, string? path)
    {
        if (path is null)
        {
            shell.RedirectOutput(null);
            return ShellOutcome.Continue;
        }

        return OpenWriter(shell, path) is { } writer ? Redirected(() => shell.RedirectOutput(writer)) : ShellOutcome.Continue;
    }

    private static ShellOutcome Once(Shell shell, string path)
        => OpenWriter(shell, path) is { } writer ? Redirected(() => shell.RedirectOnce(writer)) : ShellOutcome.Continue;

    private static ShellOutcome Redirected(Action redirect)
    {
        redirect();
        return ShellOutcome.Continue;
    }

    private static bool IsOpenHere(Shell shell, string path)
    {
        try
        {
            var comparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            return string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)), Path.TrimEndingDirectorySeparator(shell.Session.Database.Path), comparison);
        }
        catch (Exception error) when (error is ArgumentException or IOException or NotSupportedException)
        {
            return false;
        }
    }

    private static StreamWriter? OpenWriter(Shell shell, string path)
    {
        try
        {
            return new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            shell.Fail($"cannot write '{path}': {error.Message}");
            return null;
        }
    }

    private static ShellOutcome OpenCommand(Shell shell, string argument)
    {
        var readOnly = false;
        if (argument.StartsWith("--readonly", StringComparison.OrdinalIgnoreCase) && (argument.Length == 10 || char.IsWhiteSpace(argument[10])))
        {
            readOnly = true;
            argument = argument[10..].Trim();
        }

        return Open(shell, argument.Length == 0 ? null : Unquote(argument), readOnly);
    }

    private static ShellOutcome Open(Shell shell, string? path, bool readOnly)
    {
        try
        {
            if (path is not null && IsOpenHere(shell, path))
            {
                // This shell holds the database's write lock itself: it lets go first (an in-memory database stands in
                // if the new open fails).
                shell.Reopen(() => DatabaseSession.Open(path, readOnly));
            }
            else
            {
                shell.Open(DatabaseSession.Open(path, readOnly));
            }

            shell.Say($"opened {shell.Session.Description}");
            return ShellOutcome.Continue;
        }
        catch (CliException error)
        {
            return shell.Fail(error.Message);
        }
    }

    private static CatalogNames Catalog(Shell shell) => new(shell.Session.Connection);
}
