using Olap.Columnar.Format;
using Olap.Columnar.Storage;
using Olap.Columnar.Vectors;
using Olap.Query.Execution;
using Olap.Query.Planning.Logical;
using Olap.Query.Planning.Optimizer;

namespace Olap.Query;

/// <summary>
/// The write buffer's side of statements: small INSERTs are logged and buffered instead of written as segments, and
/// a checkpoint writes what is buffered as segments (sorted by each table's key) in one manifest commit, then
/// empties the log.
/// </summary>
internal sealed partial class StatementRunner
{
    /// <summary>An INSERT of more rows than this writes segments straight away.</summary>
    internal const int MaxBufferedInsertRows = 1 << 16;

    /// <summary>CHECKPOINT: a commit of nothing but the buffered rows, which every commit writes as segments.</summary>
    internal void Checkpoint()
    {
        if (_connection.Transaction is { } transaction)
        {
            // The transaction's own rows become segments of its working manifest (DELETE needs their places).
            if (transaction.Rows.Latest.RowCount > 0)
            {
                var written = new List<SegmentEntry>();
                try
                {
                    var next = WithBufferedSegments(transaction.Working, transaction.Rows.Latest, written);
                    transaction.Rows.Clear(0);
                    Commit(next);
                }
                catch
                {
                    DeleteQuietly(written);
                    throw;
                }

                TakeSnapshot();
            }

            return;
        }

        if (_database.Log is not null && _database.Buffer.Latest.RowCount > 0)
        {
            _manifest = _database.Directory.Current;
            Commit(_manifest);
        }
    }

    /// <summary>
    /// <paramref name="next"/> with the buffered rows of each of its tables written as new segments (sorted by the
    /// table's key) and added to it; <paramref name="written"/> collects the files, to delete if the commit fails.
    /// </summary>
    private Manifest WithBufferedSegments(Manifest next, BufferSnapshot buffer, List<SegmentEntry> written)
    {
        var tables = next.Tables.ToList();
        foreach (var (name, chunks) in buffer.Tables)
        {
            var index = tables.FindIndex(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));
            if (index < 0 || chunks.Count == 0)
            {
                continue; // dropped by this very change: its buffered rows go with it
            }

            var entry = tables[index];
            var segments = WriteSegments(entry, writer =>
            {
                foreach (var chunk in chunks)
                {
                    writer.Append(ChunkOf(entry, chunk));
                }
            });
            written.AddRange(segments);

            // Storage order stays arrival order: the buffered rows came before the segments this change adds.
            var committed = _database.Directory.Current.FindTable(entry.Name)?.Segments ?? [];
            var kept = 0;
            while (kept < committed.Count && kept < entry.Segments.Count && committed[kept] == entry.Segments[kept])
            {
                kept++;
            }

            tables[index] = entry with { Segments = [.. entry.Segments.Take(kept), .. segments, .. entry.Segments.Skip(kept)] };
        }

        return next with { Tables = tables };
    }

    /// <summary>
    /// Whether an INSERT into <paramref name="entry"/> may go to the write buffer: not when a materialized view reads
    /// the table (views take new rows in the commit that adds them, which needs segments).
    /// </summary>
    private bool CanBuffer(TableEntry entry)
    {
        if (_database.Log is null || entry.Cube is not null)
        {
            return false;
        }

        var name = entry.Name.ToLowerInvariant();
        foreach (var table in _manifest.Tables)
        {
            if (table.Cube is { Stale: false } && ViewReads(table, name))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Runs an INSERT's rows into the write buffer: logged and flushed to disk before the statement returns. More
    /// rows than <see cref="MaxBufferedInsertRows"/> go to segments instead (those buffered so far with them).
    /// </summary>
    private QueryResult InsertBuffered(TableEntry entry, LogicalOperator projected)
    {
        var physical = PhysicalPlanner.Plan(QueryOptimizer.Optimize(projected));
        return AppendBuffered(entry, consume => ResultCollector.Stream(physical, Context(), consume));
    }

    /// <summary>
    /// Appends the chunks <paramref name="produce"/> hands over (of the table's column types) to the write buffer,
    /// logged; past <see cref="MaxBufferedInsertRows"/> rows they all go to new segments instead.
    /// </summary>
    private QueryResult AppendBuffered(TableEntry entry, Action<Action<DataChunk>> produce)
    {
        var types = entry.Columns.Select(c => c.Type).ToList();
        var collected = new MaterializedRows(types);
        OlapFileWriter? writer = null;
        try
        {
            produce(chunk =>
            {
                if (writer is not null)
                {
                    writer.Append(chunk);
                    return;
                }

                collected.Append(chunk);
                if (collected.RowCount > MaxBufferedInsertRows)
                {
                    writer = NewWriter(entry);
                    var stream = collected.Stream();
                    while (stream.Next() is { } rows)
                    {
                        writer.Append(rows);
                    }

                    collected = new MaterializedRows(types);
                }
            });

            if (writer is not null)
            {
                return CommitSegments(entry, Finished(writer));
            }
        }
        finally
        {
            writer?.Dispose();
        }

        var count = collected.RowCount;
        if (count == 0)
        {
            return QueryResult.Empty(0);
        }

        var columns = collected.ToVectors();
        if (_connection.Transaction is { } transaction)
        {
            // Logged only when the transaction commits, as segments.
            transaction.Rows.Append(entry.Name, columns, count, transaction.NextSequence++);
            return QueryResult.Empty(count);
        }

        // Written now, flushed after the statement lets the next writer in (group commit, in Write).
        var sequence = _database.Log!.Write(entry.Name, columns, count);
        _database.Buffer.Append(entry.Name, columns, count, sequence);
        _loggedSequence = sequence;
        if (_database.Buffer.Latest.RowCount >= _database.WriteBufferRows)
        {
            try
            {
                Checkpoint();
            }
            catch (Exception error) when (error is IOException or QueryException or OperationCanceledException)
            {
                // The INSERT stands (its rows are logged and must not be reported as failed); the buffered rows stay
                // in the log for the next commit.
            }
        }

        return QueryResult.Empty(count);
    }

    /// <summary>Adds new segments to a table (and its views); buffered rows go to segments in the same commit.</summary>
    private QueryResult CommitSegments(TableEntry entry, List<SegmentEntry> segments)
    {
        if (segments.Count == 0)
        {
            return QueryResult.Empty(0);
        }

        CommitAppend(entry, segments);
        return QueryResult.Empty(segments.Sum(segment => segment.RowCount));
    }

    /// <summary>A buffered chunk as a data chunk of the table's columns, referencing its vectors.</summary>
    private static DataChunk ChunkOf(TableEntry entry, BufferedChunk buffered)
    {
        var chunk = new DataChunk([.. entry.Columns.Select(c => c.Type)], Math.Max(buffered.RowCount, 1));
        for (var c = 0; c < buffered.Columns.Length; c++)
        {
            chunk.Columns[c].ReferenceView(buffered.Columns[c], buffered.RowCount);
        }

        chunk.SetCount(buffered.RowCount);
        return chunk;
    }
}
