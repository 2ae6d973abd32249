using Olap.Columnar.Storage;

namespace Olap.Query.Tests.Database;

/// <summary>What a database directory holds at one moment: the manifest's bytes and the names of every file.</summary>
public sealed record DirectoryState(byte[] Manifest, IReadOnlyList<string> Files)
{
    public static DirectoryState Of(string databasePath)
    {
        var manifest = System.IO.Path.Combine(databasePath, DatabaseDirectory.ManifestFileName);
        return new DirectoryState(
            System.IO.File.Exists(manifest) ? System.IO.File.ReadAllBytes(manifest) : [],
            [.. Directory.EnumerateFiles(databasePath).Select(f => System.IO.Path.GetFileName(f)!).Order(StringComparer.Ordinal)]);
    }

    /// <summary>The committed manifest's version; 0 for a new database, which has no manifest file yet.</summary>
    public static long ManifestVersion(string databasePath)
    {
        var manifest = System.IO.Path.Combine(databasePath, DatabaseDirectory.ManifestFileName);
        return System.IO.File.Exists(manifest) ? ManifestSerializer.Deserialize(System.IO.File.ReadAllBytes(manifest)).Version : 0;
    }

    /// <summary>Every file but the write lock's two (<see cref="DatabaseLock"/>), which a writing open always has.</summary>
    public static IReadOnlyList<string> DataFiles(string databasePath)
        => [.. Directory.EnumerateFiles(databasePath).Select(f => System.IO.Path.GetFileName(f)!)
            .Where(name => name is not DatabaseLock.FileName and not DatabaseLock.OwnerFileName).Order(StringComparer.Ordinal)];

    public static IReadOnlyList<string> SegmentFiles(string databasePath)
        => [.. Directory.EnumerateFiles(databasePath, "segment-*" + DatabaseDirectory.SegmentExtension).Select(f => System.IO.Path.GetFileName(f)!).Order(StringComparer.Ordinal)];

    public static IReadOnlyList<string> ReferencedSegments(string databasePath)
        => [.. ManifestSerializer.Deserialize(System.IO.File.ReadAllBytes(System.IO.Path.Combine(databasePath, DatabaseDirectory.ManifestFileName)))
            .Tables.SelectMany(t => t.Segments).Select(s => s.FileName).Order(StringComparer.Ordinal)];

    /// <summary>Asserts that <paramref name="later"/> is byte for byte the same state.</summary>
    public void AssertUnchanged(DirectoryState later)
    {
        Assert.Equal(Files, later.Files);
        Assert.Equal(Manifest, later.Manifest);
    }
}
