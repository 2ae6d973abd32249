namespace Olap.Cli;

internal static class InspectCommand
{
    public static int Run(string path, TextWriter output, TextWriter error)
    {
        error.WriteLine($"olap inspect: not available yet ({path}).");
        _ = output;
        return 2;
    }
}
