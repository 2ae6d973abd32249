using Olap.Datasets.Ssb;

namespace Olap.Datasets.Tests.Ssb;

/// <summary>Our generator's .tbl files at one scale factor, written once into a temporary folder and deleted afterwards.</summary>
public class GeneratedFiles : IDisposable
{
    protected GeneratedFiles(double scaleFactor)
    {
        Generator = new SsbGenerator(scaleFactor);
        Directory = Path.Combine(Path.GetTempPath(), "olap-ssb-tests-" + Guid.NewGuid().ToString("N"));
        RowCounts = Generator.WriteFiles(Directory, SsbFileFormat.Tbl);
    }

    public SsbGenerator Generator { get; }

    public string Directory { get; }

    public IReadOnlyDictionary<SsbTable, long> RowCounts { get; }

    public string PathOf(SsbTable table) => Path.Combine(Directory, SsbGenerator.FileName(table, SsbFileFormat.Tbl));

    /// <summary>The table's lines split at '|', without the empty field after the trailing '|'.</summary>
    public IEnumerable<string[]> Rows(SsbTable table) => File.ReadLines(PathOf(table)).Select(line => line.Split('|')[..^1]);

    public void Dispose()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        GC.SuppressFinalize(this);
    }
}

/// <summary>SF 0.01: small enough to check every value of every column.</summary>
public sealed class Sf001Files() : GeneratedFiles(0.01);

/// <summary>SF 0.1: the scale of the shared dbgen files, for the fidelity comparison.</summary>
public sealed class Sf01Files() : GeneratedFiles(0.1);
