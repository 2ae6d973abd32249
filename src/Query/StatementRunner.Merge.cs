using Olap.Columnar.Storage;
using Olap.Query.Planning.Logical;

namespace Olap.Query;

/// <summary>A background merge's work (<see cref="SegmentMerger"/>): rewrite some segments of a table as one.</summary>
internal sealed partial class StatementRunner
{
    /// <summary>
    /// Rewrites <paramref name="chosen"/> segments of table <paramref name="name"/> as new sorted segments without
    /// their deleted rows, and commits the swap if they are all still the table's; false when the table changed
    /// meanwhile (nothing is left behind then).
    /// </summary>
    internal bool Merge(string name, IReadOnlyList<SegmentEntry> chosen)
    {
        var entry = _database.Directory.Current.FindTable(name);
        if (entry is null)
        {
            return false;
        }

        // Written outside the writer gate: the names are reserved so that commits meanwhile do not tidy the files away.
        var reserved = new List<string>();
        try
        {
            return MergeReserved(name, entry, chosen, reserved);
        }
        finally
        {
            foreach (var fileName in reserved)
            {
                _database.Directory.ReleaseSegment(fileName);
            }
        }
    }

    private bool MergeReserved(string name, TableEntry entry, IReadOnlyList<SegmentEntry> chosen, List<string> reserved)
    {
        var source = _database.OpenTable(entry with { Segments = chosen });
        var merged = WriteSegments(entry, new LogicalGet(source, entry.Name, [.. Enumerable.Range(0, entry.Columns.Count)], []), reserved);
        try
        {
            using (_database.Writers.Enter(null, _cancellation))
            {
                _cancellation.ThrowIfCancellationRequested();
                TakeSnapshot();
                var current = _manifest.FindTable(name);
                if (current is null || !current.Columns.SequenceEqual(entry.Columns) || !chosen.All(current.Segments.Contains))
                {
                    DeleteQuietly(merged);
                    return false;
                }

                // The merged rows take the place of the first segment they came from: storage order stays arrival order.
                var segments = new List<SegmentEntry>();
                var placed = false;
                foreach (var segment in current.Segments)
                {
                    if (!chosen.Contains(segment))
                    {
                        segments.Add(segment);
                    }
                    else if (!placed)
                    {
                        segments.AddRange(merged);
                        placed = true;
                    }
                }

                Commit(ReplaceTable(current, current with { Segments = segments }));
            }
        }
        catch
        {
            DeleteQuietly(merged);
            throw;
        }

        foreach (var segment in chosen)
        {
            _database.RetireSegment(segment.FileName);
        }

        return true;
    }
}
