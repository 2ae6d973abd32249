namespace Olap.Query.Tests.Database;

/// <summary>
/// A database folder as a crash at this moment would leave it: every file but the lock's, copied while the database
/// is open. Every acknowledged statement is on disk by then; nothing else counts.
/// </summary>
internal static class CrashCopy
{
    /// <summary>Copies <paramref name="databasePath"/>'s files into a new folder under <paramref name="temp"/> and returns its path.</summary>
    public static string Of(string databasePath, TemporaryDirectory temp)
    {
        // A background merge may commit while the files are copied: the copy counts only if the manifest stayed the
        // same throughout, as a crash's files would be one moment's.
        var manifest = Path.Combine(databasePath, Columnar.Storage.DatabaseDirectory.ManifestFileName);
        while (true)
        {
            var before = File.Exists(manifest) ? File.ReadAllBytes(manifest) : [];
            var copy = temp.File($"crash-{Guid.NewGuid():N}");
            Directory.CreateDirectory(copy);
            foreach (var file in DirectoryState.DataFiles(databasePath))
            {
                if (file.Contains(".tmp", StringComparison.Ordinal))
                {
                    continue; // a write under way (a merge's segment): no committed state names it
                }

                try
                {
                    File.Copy(Path.Combine(databasePath, file), Path.Combine(copy, file));
                }
                catch (FileNotFoundException)
                {
                    // A background merge's temporary file, gone meanwhile: not part of any committed state.
                }
            }

            if (before.AsSpan().SequenceEqual(File.Exists(manifest) ? File.ReadAllBytes(manifest) : []))
            {
                return copy;
            }
        }
    }
}
