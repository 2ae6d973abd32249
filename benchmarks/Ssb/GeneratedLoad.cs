using Olap.Datasets.Ssb;

namespace Olap.Benchmarks.Ssb;

/// <summary>
/// The load target as the issue states it: generating the data and loading it into Olap — the generator's olap
/// format, which appends lineorder straight from the generator into columns and loads the dimensions through COPY —
/// timed into a fresh database folder, to compare with DuckDB's load of the already generated .tbl files.
/// </summary>
internal static class GeneratedLoad
{
    /// <summary>Seconds to generate and load, and the database's bytes; the folder is removed afterwards.</summary>
    public static (double Seconds, long Bytes) Measure(SsbOptions options, string directory)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        try
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            new SsbGenerator(options.ScaleFactor, options.Seed) { Workers = options.Threads }.WriteDatabase(directory);
            var seconds = started.Elapsed.TotalSeconds;
            return (seconds, new DirectoryInfo(directory).EnumerateFiles().Sum(file => file.Length));
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}
