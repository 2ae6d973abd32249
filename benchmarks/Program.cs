using BenchmarkDotNet.Running;
using Olap.Benchmarks.Sql;

namespace Olap.Benchmarks;

internal static class Program
{
    private static void Main(string[] args)
    {
        // Not a benchmark: load both engines, check every SQL benchmark query, print Olap's EXPLAIN ANALYZE of each.
        if (args is ["--sql-explain", ..])
        {
            QueryExplainer.Run(threads: args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 2);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
