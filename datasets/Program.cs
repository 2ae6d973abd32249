namespace Olap.Datasets;

internal static class Program
{
    private static int Main(string[] args)
    {
        Console.Error.WriteLine("olap-datasets: the SSB generator arrives with the Star Schema Benchmark issue (#4).");
        return args.Length == 0 ? 0 : 2;
    }
}
