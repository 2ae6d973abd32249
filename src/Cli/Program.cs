using System.CommandLine;
using Olap.Cli.Session;

namespace Olap.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        var root = OlapCommand.Build(options => Launcher.Run(options, ShellConsole.System(), Console.In, Console.IsInputRedirected), Console.Out, Console.Error);
        return root.Parse(OlapCommand.WithRootName(root, args)).Invoke(new InvocationConfiguration { Output = Console.Out, Error = Console.Error });
    }
}
