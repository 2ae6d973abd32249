using System.Diagnostics;
using System.Globalization;
using Olap.Datasets.Ssb;

namespace Olap.Benchmarks.Ssb;

/// <summary>The SSB tables as Parquet files (one per table), generated once per scale factor and seed and reused.</summary>
internal sealed class SsbParquetFiles
{
    private const string CompleteMarker = "complete";

    private SsbParquetFiles(string directory) => Directory = directory;

    public string Directory { get; }

    public string PathOf(SsbTable table) => Path.Combine(Directory, SsbGenerator.TableName(table) + ".parquet");

    public long Bytes => SsbGenerator.Tables.Sum(t => new FileInfo(PathOf(t)).Length);

    public static SsbParquetFiles Ensure(string cacheRoot, double scaleFactor, long seed, TextWriter log)
    {
        var directory = Path.Combine(cacheRoot, string.Create(CultureInfo.InvariantCulture, $"sf{scaleFactor}-seed{seed}-v{SsbGenerator.DataVersion}-parquet"));
        var files = new SsbParquetFiles(directory);
        var marker = Path.Combine(directory, CompleteMarker);
        if (File.Exists(marker))
        {
            log.WriteLine($"parquet: reusing {directory}");
            return files;
        }

        System.IO.Directory.CreateDirectory(directory);
        var started = Stopwatch.StartNew();
        new SsbGenerator(scaleFactor, seed).WriteParquetFiles(directory);
        File.WriteAllText(marker, DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"parquet: generated {directory} in {started.Elapsed.TotalSeconds:F1} s, {files.Bytes:N0} bytes"));
        return files;
    }
}
