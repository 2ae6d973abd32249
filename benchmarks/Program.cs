using BenchmarkDotNet.Running;
using Olap.Benchmarks.Sql;
using Olap.Benchmarks.Ssb;

namespace Olap.Benchmarks;

internal static class Program
{
    private static void Main(string[] args)
    {
        // Not BenchmarkDotNet: the Star Schema Benchmark runner, with its own timing, answer check and report.
        if (args is ["ssb", ..])
        {
            Environment.ExitCode = SsbBenchmark.Run(args[1..], Console.Out, Console.Error);
            return;
        }

        // Not BenchmarkDotNet: durable inserts side by side with DuckDB and SQLite, each acknowledged write flushed.
        if (args is ["inserts", ..])
        {
            Environment.ExitCode = Writes.InsertBenchmark.Run(args[1..], Console.Out);
            return;
        }

        // Not BenchmarkDotNet: single-row appends into a table under the SSB cubes, each keeping the cubes current.
        if (args is ["cube-appends", ..])
        {
            Environment.ExitCode = Writes.CubeAppendBenchmark.Run(args[1..], Console.Out);
            return;
        }

        // Not BenchmarkDotNet: background merges off and on, their write amplification and what they buy queries.
        if (args is ["merges", ..])
        {
            Environment.ExitCode = Writes.MergeBenchmark.Run(args[1..], Console.Out);
            return;
        }

        // Not a benchmark: load both engines, check every SQL benchmark query, print Olap's EXPLAIN ANALYZE of each.
        if (args is ["--sql-explain", ..])
        {
            QueryExplainer.Run(threads: args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 2);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
