using Olap.Columnar.Format;
using Olap.Columnar.Storage;
using Olap.Columnar.Vectors;
using Olap.Query.Binding;

namespace Olap.Query;

/// <summary>
/// Bulk loading into one table without SQL text: chunks of column vectors go straight into new segment files (one per
/// GiB or so), ordered by the table's sort key and encoded on worker threads. <see cref="Commit"/> adds them to the
/// table in one manifest commit; disposing without committing leaves the table exactly as it was.
/// </summary>
/// <remarks>One appender is used from one thread at a time. Other connections may query and write meanwhile.</remarks>
public sealed class OlapAppender : IDisposable
{
    private readonly OlapDatabase _database;
    private readonly OlapSession _session;
    private readonly TableEntry _table;
    private readonly List<string> _segmentNames = [];
    private OlapFileWriter? _writer;
    private bool _committed;

    internal OlapAppender(OlapDatabase database, OlapSession session, string table, long maxSegmentBytes = 1L << 30)
    {
        _database = database;
        _session = session;
        if (database.IsReadOnly)
        {
            throw new QueryException($"the database is open read-only: rows cannot be appended to {table}");
        }

        _table = database.Directory.Current.FindTable(table)
            ?? throw new QueryException(NameSuggestions.WithSuggestion($"table {table} does not exist", table, database.Directory.Current.Tables.Select(t => t.Name)));
        if (_table.Cube is not null)
        {
            throw new QueryException($"{_table.Name} is a materialized view: append to its tables instead");
        }

        try
        {
            // Large loads continue in further segments (files stay far below the 2 GiB a mapped file may have).
            _writer = new OlapFileWriter(NextSegmentPath(), _table.Columns, new OlapWriterOptions { SortKey = _table.SortKey, ContinuationPath = NextSegmentPath, MaxFileBytes = maxSegmentBytes, Files = database.Directory.Files });
        }
        catch
        {
            ReleaseSegments();
            throw;
        }
    }

    public string TableName => _table.Name;

    /// <summary>The table's columns: appended chunks have one vector per column, of these types, in this order.</summary>
    public IReadOnlyList<ColumnDefinition> Columns => _table.Columns;

    /// <summary>Rows appended so far.</summary>
    public long RowCount => _writer?.RowCount ?? 0;

    /// <summary>An empty chunk shaped like the table, to fill and append; chunks of any capacity are accepted.</summary>
    public DataChunk CreateChunk(int capacity = VectorSize.Standard) => new([.. _table.Columns.Select(c => c.Type)], capacity);

    /// <summary>Appends the live rows of <paramref name="chunk"/> (its selection, if any); the vectors may be reused afterwards.</summary>
    public void Append(DataChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        var writer = Writer();
        try
        {
            writer.Append(chunk);
        }
        catch (ArgumentException error)
        {
            throw new QueryException($"cannot append to {_table.Name}: {error.Message}", error);
        }
    }

    /// <summary>
    /// Finishes the segments and adds them to the table; returns the rows added. Fails, changing nothing, if the table
    /// was dropped or redefined since the appender was created.
    /// </summary>
    public long Commit()
    {
        var writer = Writer();
        var rows = writer.RowCount;
        writer.Finish();
        _writer = null;
        try
        {
            using (_database.Writers.Enter(_session, CancellationToken.None))
            {
                var manifest = _database.Directory.Current;
                var current = manifest.FindTable(_table.Name);
                if (current is null || !current.Columns.SequenceEqual(_table.Columns) || !current.SortKey.SequenceEqual(_table.SortKey))
                {
                    throw new QueryException($"table {_table.Name} was dropped or redefined while rows were being appended; nothing was added");
                }

                if (rows > 0)
                {
                    // The materialized views over the table take the rows in the same commit.
                    new StatementRunner(_database, _session, string.Empty, CancellationToken.None)
                        .CommitAppend(current, [.. writer.Files.Select(f => new SegmentEntry(Path.GetFileName(f.Path), f.RowCount))]);
                }
                else
                {
                    DeleteFiles(writer);
                }
            }

            _committed = true;
            return rows;
        }
        catch
        {
            DeleteFiles(writer);
            _committed = true;
            throw;
        }
        finally
        {
            ReleaseSegments();
        }
    }

    /// <summary>Abandons the rows unless committed: the segment file is removed and the table is unchanged.</summary>
    public void Dispose()
    {
        // An unfinished writer deletes its files itself.
        _writer?.Dispose();
        _writer = null;
        if (!_committed)
        {
            ReleaseSegments();
            _committed = true;
        }
    }

    private OlapFileWriter Writer()
        => _writer ?? throw new ObjectDisposedException(nameof(OlapAppender), "the appender was committed or disposed");

    private string NextSegmentPath()
    {
        var name = _database.Directory.ReserveSegment();
        _segmentNames.Add(name);
        return _database.Directory.SegmentPath(name);
    }

    private void ReleaseSegments()
    {
        foreach (var name in _segmentNames)
        {
            _database.Directory.ReleaseSegment(name);
        }

        _segmentNames.Clear();
    }

    private static void DeleteFiles(OlapFileWriter writer)
    {
        foreach (var file in writer.Files)
        {
            try
            {
                File.Delete(file.Path);
            }
            catch (IOException)
            {
            }
        }
    }
}
