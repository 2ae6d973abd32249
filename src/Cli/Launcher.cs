using System.Reflection;
using Olap.Cli.Session;
using Olap.Cli.Startup;
using Olap.Cli.Terminal;

namespace Olap.Cli;

/// <summary>
/// Runs what the command line asked for: opens the database, then runs <c>-c</c>, <c>-f</c> or standard input and
/// exits (0 on success, 1 after an error), or starts the REPL when standard input is a terminal.
/// </summary>
internal static class Launcher
{
    public static string Version { get; } =
        typeof(Launcher).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static int Run(CliOptions options, ShellConsole console, TextReader input, bool inputRedirected)
    {
        var interactive = options.Command is null && options.File is null && !inputRedirected;
        var demo = interactive && options.Path is null;
        DatabaseSession session;
        try
        {
            session = demo ? OpenDemo(console, options.ReadOnly) : DatabaseSession.Open(options.Path, options.ReadOnly);
        }
        catch (CliException error)
        {
            console.Error.WriteLine(console.ErrorPalette.Error("Error: ") + error.Message);
            return 1;
        }

        var settings = new ShellSettings { Mode = options.Format, Bail = options.Bail ?? !interactive };
        using var shell = new Shell(session, console, settings);
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            // Ctrl-C cancels the running statement; at the prompt it drops a half-typed statement rather than end
            // the session. A script with nothing running ends as Ctrl-C ends any program.
            if (shell.Cancel())
            {
                e.Cancel = true;
            }
            else if (interactive)
            {
                shell.DiscardPending();
                e.Cancel = true;
            }
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            if (options.Command is not null)
            {
                shell.RunText(options.Command);
            }
            else if (options.File is not null)
            {
                if (!File.Exists(options.File))
                {
                    shell.Fail($"cannot read '{options.File}': no such file");
                }
                else
                {
                    shell.RunText(File.ReadAllText(options.File));
                }
            }
            else if (!interactive)
            {
                RunLines(shell, input);
            }
            else
            {
                console.Out.WriteLine(Banner.Text(session, demo, Version));
                using var reader = LineReader(shell, console, input);
                new Repl(shell, reader).Run();
                return 0;
            }
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }

        return shell.HadError ? 1 : 0;
    }

    /// <summary>Standard input a line at a time, so a long script streams rather than being read whole first.</summary>
    private static void RunLines(Shell shell, TextReader input)
    {
        var number = 0;
        while (input.ReadLine() is { } line)
        {
            if (shell.Feed(line, ++number) != ShellOutcome.Continue)
            {
                return;
            }
        }

        shell.Finish();
    }

    private static DatabaseSession OpenDemo(ShellConsole console, bool readOnly)
    {
        var directory = DemoDatabase.Location();
        if (!DemoDatabase.Exists(directory))
        {
            console.Error.WriteLine($"Generating the demo database (Star Schema Benchmark, scale factor {DemoDatabase.ScaleFactor}) into {directory}; this happens once.");
            var progress = new GenerationProgress(console.Error, console.ErrorIsTerminal);
            try
            {
                DemoDatabase.Ensure(directory, progress);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                throw new CliException($"cannot generate the demo database in {directory}: {error.Message} (set {DemoDatabase.DirectoryVariable} to put it elsewhere)", error);
            }
            finally
            {
                progress.Finish();
            }
        }

        if (readOnly)
        {
            return DatabaseSession.Open(directory, readOnly: true);
        }

        try
        {
            return DatabaseSession.Open(directory);
        }
        catch (CliException error) when (error.InnerException is Columnar.Storage.DatabaseLockedException)
        {
            // Another olap has the demo open: browsing it read-only beats refusing to start.
            console.Error.WriteLine($"The demo database is open for writing in another process; opening it read-only.");
            return DatabaseSession.Open(directory, readOnly: true);
        }
    }

    private static ILineReader LineReader(Shell shell, ShellConsole console, TextReader input)
    {
        if (!RadLineReader.IsSupported)
        {
            return new PlainLineReader(input, console.Out);
        }

        var completion = new SqlCompletion(new ShellCatalog(shell), [.. DotCommands.All.Select(c => c.Name)]);
        return new RadLineReader(completion, HistoryFile.Default(), console.ColorAllowed);
    }

    /// <summary>The names of whichever database the shell has open now (.open can change it).</summary>
    private sealed class ShellCatalog(Shell shell) : ICatalogNames
    {
        public IReadOnlyList<string> Tables() => ((ICatalogNames)new CatalogNames(shell.Session.Connection)).Tables();

        public IReadOnlyList<string> Columns(string table) => ((ICatalogNames)new CatalogNames(shell.Session.Connection)).Columns(table);
    }
}
