using System.Diagnostics;
using System.Globalization;
using Olap.Datasets.Ssb;

namespace Olap.Benchmarks.Ssb;

/// <summary>
/// The five .tbl files of one scale factor and seed, generated once into <c>CACHE/sf&lt;SF&gt;-seed&lt;N&gt;/</c> and
/// reused by later runs. A marker file is written after the last table, so a run that crashed while generating is
/// never mistaken for complete data.
/// </summary>
internal sealed class SsbDataFiles
{
    private const string CompleteMarker = "complete";

    private SsbDataFiles(string directory) => Directory = directory;

    /// <summary>Holds the .tbl files and nothing else the runner relies on.</summary>
    public string Directory { get; }

    public string PathOf(SsbTable table) => Path.Combine(Directory, SsbGenerator.FileName(table, SsbFileFormat.Tbl));

    /// <summary>The cached files for the scale factor and seed, generated first if they are missing or incomplete.</summary>
    public static SsbDataFiles Ensure(string cacheRoot, double scaleFactor, long seed, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var directory = Path.Combine(cacheRoot, string.Create(CultureInfo.InvariantCulture, $"sf{scaleFactor}-seed{seed}-v{SsbGenerator.DataVersion}"));
        var files = new SsbDataFiles(directory);
        var marker = Path.Combine(directory, CompleteMarker);
        if (File.Exists(marker))
        {
            log.WriteLine($"data: reusing {directory}");
            return files;
        }

        System.IO.Directory.CreateDirectory(directory);
        var started = Stopwatch.StartNew();
        var counts = new SsbGenerator(scaleFactor, seed).WriteFiles(directory, SsbFileFormat.Tbl);
        File.WriteAllText(marker, string.Join('\n', counts.Select(c => $"{SsbGenerator.TableName(c.Key)} {c.Value}")));
        log.WriteLine($"data: generated {directory} in {started.Elapsed.TotalSeconds:F1} s ({counts[SsbTable.Lineorder]:N0} lineorder rows)");
        return files;
    }
}
