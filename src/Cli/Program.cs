namespace Olap.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length == 2 && args[0] == "inspect")
        {
            return InspectCommand.Run(args[1], Console.Out, Console.Error);
        }

        Console.WriteLine("Olap: the interactive REPL arrives with the CLI issue (#5); the SQL engine is ready as a library (see README: Using the SQL engine).");
        Console.WriteLine("What works today: `olap inspect FILE.olap` prints a native file's schema, row groups, encodings and zone maps.");
        return args.Length == 0 ? 0 : 2;
    }
}
