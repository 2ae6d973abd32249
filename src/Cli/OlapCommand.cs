using System.CommandLine;
using Olap.Cli.Rendering;

namespace Olap.Cli;

/// <summary>The command line: <c>olap [PATH] [-c SQL | -f FILE] [--format F] [--readonly] [--bail B]</c>, <c>olap inspect FILE.olap</c>, --help and --version.</summary>
internal static class OlapCommand
{
    /// <summary>
    /// The arguments with the command's own name in front. System.CommandLine drops a first argument whose file
    /// name is the command's name, taking it for the executable, so 'olap /data/olap' (a database folder named
    /// olap) would lose its path; with the name in front, that one is dropped instead.
    /// </summary>
    public static string[] WithRootName(RootCommand root, string[] args) => [root.Name, .. args];

    public static RootCommand Build(Func<CliOptions, int> run, TextWriter output, TextWriter error)
    {
        var path = new Argument<string?>("PATH")
        {
            Description = "A database directory (created if missing), a .olap or .csv file to query as a view, a .parquet file to load as a table, or :memory:. "
                + "Without it the REPL opens the demo database (SSB SF 0.1, generated on first start) and -c/-f/stdin an in-memory one.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Option<string?>("--command", "-c") { Description = "Run this SQL (statements and dot commands) and exit." };
        var file = new Option<string?>("--file", "-f") { Description = "Run the script in FILE and exit." };
        var format = new Option<string>("--format")
        {
            Description = "How results are printed: " + OutputModes.Names + ".",
            DefaultValueFactory = _ => "box",
        };
        format.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (!OutputModes.TryParse(value, out _))
            {
                result.AddError($"unknown format '{value}'; the formats are {OutputModes.Names}");
            }
        });
        var readOnly = new Option<bool>("--readonly")
        {
            Description = "Open the database for queries only: no lock is taken and nothing changes, so it works while another process writes to it.",
        };
        var bail = new Option<bool?>("--bail") { Description = "Stop at the first error (default for -c, -f and stdin); --bail false goes on." };

        var root = new RootCommand("olap: the Olap analytical database's shell. SQL is read from -c, -f, standard input when it is not a terminal, or typed at the olap> prompt.")
        {
            path,
            command,
            file,
            format,
            readOnly,
            bail,
        };
        root.SetAction(result =>
        {
            // The validator has already turned away any name TryParse does not know.
            var mode = OutputModes.TryParse(result.GetValue(format)!, out var parsed) ? parsed : OutputMode.Box;
            return run(new CliOptions
            {
                Path = result.GetValue(path),
                Command = result.GetValue(command),
                File = result.GetValue(file),
                Format = mode,
                Bail = result.GetValue(bail),
                ReadOnly = result.GetValue(readOnly),
            });
        });

        var inspected = new Argument<string>("FILE") { Description = "A native .olap file." };
        var inspect = new Command("inspect", "Print a native file's schema, sort key, row groups, encodings and zone maps.") { inspected };
        inspect.SetAction(result => InspectCommand.Run(result.GetValue(inspected)!, output, error));
        root.Subcommands.Add(inspect);
        return root;
    }
}
