using System.Diagnostics;
using System.Globalization;
using Olap.Datasets.Ssb;

namespace Olap.Datasets;

/// <summary>olap-datasets ssb --sf N --out DIR [--format tbl|csv|olap|parquet] [--seed N]: writes the SSB tables.</summary>
internal static class Program
{
    private const string Usage = """
        usage: olap-datasets ssb --sf <scale factor> --out <directory> [--format tbl|csv|olap|parquet] [--seed <integer>] [--threads <n>]
          --sf       scale factor, e.g. 0.01, 0.1, 1, 10, 100 (greater than 0, at most 300)
          --out      output directory (created; for olap it must be empty or absent)
          --format   tbl (dbgen's '|' files, default), csv (header, quoted text), olap (an Olap database),
                     parquet (one file per table, lineorder in lo_orderdate order)
          --seed     random seed (default 19920101: dbgen's own data); the same seed gives the same bytes
          --threads  threads formatting lineorder (default: all cores)
        """;

    private static int Main(string[] args)
    {
        SsbCommand command;
        try
        {
            command = SsbCommand.Parse(args);
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine($"olap-datasets: {e.Message}");
            Console.Error.WriteLine(Usage);
            return 2;
        }

        if (command.ShowHelp)
        {
            Console.Out.WriteLine(Usage);
            return 0;
        }

        var generator = new SsbGenerator(command.ScaleFactor, command.Seed) { Workers = command.Threads };
        var progress = new StderrProgress();
        var clock = Stopwatch.StartNew();
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"SSB SF {command.ScaleFactor} seed {command.Seed} → {command.Output} ({command.Format})"));
        var counts = command.Format switch
        {
            "olap" => generator.WriteDatabase(command.Output, progress: progress),
            "parquet" => generator.WriteParquetFiles(command.Output, progress),
            "csv" => generator.WriteFiles(command.Output, SsbFileFormat.Csv, progress),
            _ => generator.WriteFiles(command.Output, SsbFileFormat.Tbl, progress),
        };
        var rows = counts.Values.Sum();
        var seconds = clock.Elapsed.TotalSeconds;
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"done: {rows:N0} rows in {seconds:F1} s ({rows / Math.Max(seconds, 1e-9):N0} rows/s)"));
        return 0;
    }
}
