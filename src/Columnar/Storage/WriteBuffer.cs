using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Columnar.Storage;

/// <summary>
/// Rows written to the log but not yet to segments, per table, in memory. One writer appends (under the database's
/// write lock); readers take <see cref="Current"/>, an immutable snapshot, so a query keeps the rows it started
/// with while inserts go on. Small inserts are packed into chunks of up to a vector's worth of rows: each append
/// replaces the last, partly filled chunk with a copy holding the new rows too, so a scan reads few chunks however
/// many single-row inserts there were.
/// </summary>
/// <remarks>
/// With group commit an INSERT's log record reaches the disk after its statement let the next writer in, so the
/// buffer has two ends: <see cref="Latest"/>, every logged row, which the writer builds on; and <see cref="Current"/>,
/// the rows whose records are on disk, which readers see. <see cref="Reveal"/> moves <see cref="Current"/> up as
/// flushes complete; a row is never seen before it is durable.
/// </remarks>
public sealed class WriteBuffer
{
    private readonly Lock _lock = new();
    private readonly Queue<BufferSnapshot> _unrevealed = new();
    private BufferSnapshot _current = BufferSnapshot.Empty;
    private BufferSnapshot _latest = BufferSnapshot.Empty;

    /// <summary>The buffered rows readers see: those whose log records are on disk.</summary>
    public BufferSnapshot Current => Volatile.Read(ref _current);

    /// <summary>Every buffered row, durable or still waiting for its log flush: what the writer (holding the gate) builds on.</summary>
    public BufferSnapshot Latest => Volatile.Read(ref _latest);

    /// <summary>
    /// Adds logged rows (<paramref name="sequence"/> is their log record's number) to <paramref name="table"/>'s
    /// buffer, in <see cref="Latest"/>; readers see them after <see cref="Reveal"/>.
    /// </summary>
    public void Append(string table, IReadOnlyList<ColumnVector> columns, int rowCount, long sequence)
    {
        if (rowCount == 0)
        {
            return;
        }

        var snapshot = Latest;
        var key = table.ToLowerInvariant();
        var chunks = snapshot.Tables.TryGetValue(key, out var existing) ? new List<BufferedChunk>(existing) : [];
        var start = 0;
        if (chunks.Count > 0 && chunks[^1].RowCount < VectorSize.Standard && SameTypes(chunks[^1].Columns, columns))
        {
            var tail = chunks[^1];
            var take = Math.Min(rowCount, VectorSize.Standard - tail.RowCount);
            chunks[^1] = Concatenate(tail, columns, 0, take, tail.FirstSequence);
            start = take;
        }

        while (start < rowCount)
        {
            var take = Math.Min(rowCount - start, VectorSize.Standard);
            chunks.Add(Concatenate(null, columns, start, take, sequence));
            start += take;
        }

        var tables = new Dictionary<string, IReadOnlyList<BufferedChunk>>(snapshot.Tables, StringComparer.Ordinal) { [key] = chunks };
        var next = new BufferSnapshot(tables, snapshot.RowCount + rowCount, Math.Max(snapshot.LastSequence, sequence));
        lock (_lock)
        {
            _unrevealed.Enqueue(next);
            Volatile.Write(ref _latest, next);
        }
    }

    /// <summary>Lets readers see the rows of log records up to <paramref name="durableSequence"/>, which are on disk now.</summary>
    public void Reveal(long durableSequence)
    {
        lock (_lock)
        {
            BufferSnapshot? newest = null;
            while (_unrevealed.TryPeek(out var next) && next.LastSequence <= durableSequence)
            {
                newest = _unrevealed.Dequeue();
            }

            if (newest is not null)
            {
                Volatile.Write(ref _current, newest);
            }
        }
    }

    /// <summary>Replaces the whole buffer, revealed (a read-only open taking up the writer's newest log).</summary>
    public void Publish(BufferSnapshot snapshot)
    {
        lock (_lock)
        {
            _unrevealed.Clear();
            Volatile.Write(ref _latest, snapshot);
            Volatile.Write(ref _current, snapshot);
        }
    }

    /// <summary>Empties the buffer once its rows are in segments (and the manifest says so); rows waiting for a flush went with them.</summary>
    public void Clear(long lastSequence) => Publish(new BufferSnapshot(new Dictionary<string, IReadOnlyList<BufferedChunk>>(StringComparer.Ordinal), 0, lastSequence));

    private static bool SameTypes(ColumnVector[] a, IReadOnlyList<ColumnVector> b)
    {
        if (a.Length != b.Count)
        {
            return false;
        }

        for (var i = 0; i < a.Length; i++)
        {
            if (a[i].Type != b[i].Type)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A chunk of <paramref name="head"/>'s rows (if any) followed by rows <paramref name="start"/> .. + <paramref name="count"/>
    /// of <paramref name="columns"/>. The zone map grows from the head's by the new rows alone: single-row inserts
    /// would otherwise rescan the whole chunk each time.
    /// </summary>
    private static BufferedChunk Concatenate(BufferedChunk? head, IReadOnlyList<ColumnVector> columns, int start, int count, long sequence)
    {
        var headRows = head?.RowCount ?? 0;
        var result = new ColumnVector[columns.Count];
        var min = new ScalarValue[columns.Count];
        var max = new ScalarValue[columns.Count];
        for (var c = 0; c < columns.Count; c++)
        {
            var builder = new ColumnBuilder(columns[c].Type, headRows + count);
            if (headRows > 0)
            {
                builder.AppendRange(head!.Columns[c], 0, headRows); // any form: a dictionary head is gathered back to flat
            }

            builder.AppendRange(columns[c], start, count);
            result[c] = builder.ToVector();
            (min[c], max[c]) = Range(columns[c], start, count);
            if (head is not null)
            {
                min[c] = Lower(head.Min[c], min[c]);
                max[c] = Higher(head.Max[c], max[c]);
            }

            if (result[c].Type.Physical == PhysicalKind.String)
            {
                result[c] = AsDictionary(result[c]);
            }

            result[c].Freeze();
        }

        return new BufferedChunk(result, headRows + count, sequence, min, max);
    }

    /// <summary>
    /// A string column with few distinct values as a dictionary vector (entries once, a code per row), as segments
    /// keep them: grouping and filtering then work per entry, as they do on stored data. Others stay flat.
    /// </summary>
    private static ColumnVector AsDictionary(ColumnVector flat)
    {
        var rows = flat.Count;
        var lookup = new Dictionary<byte[], int>(Utf8BytesComparer.Instance).GetAlternateLookup<ReadOnlySpan<byte>>();
        var entries = new ColumnBuilder(flat.Type);
        var codes = new int[Math.Max(rows, 1)];
        var offsets = flat.StringOffsets;
        var heap = flat.Heap;
        for (var row = 0; row < rows; row++)
        {
            if (flat.IsNull(row))
            {
                continue; // the row's code is never read: the validity mask says NULL
            }

            var value = heap[offsets[row]..offsets[row + 1]];
            if (!lookup.TryGetValue(value, out var code))
            {
                if (lookup.Dictionary.Count * 4 >= rows && rows >= 64)
                {
                    return flat; // too many distinct values to gain anything
                }

                code = entries.Count;
                lookup[value] = code;
                entries.AppendString(value);
            }

            codes[row] = code;
        }

        var dictionary = entries.ToVector();
        dictionary.Freeze();
        var vector = new ColumnVector(flat.Type);
        vector.ReferenceDictionary(rows, dictionary, codes.AsMemory(0, rows));
        if (!flat.Validity.AllValid)
        {
            vector.Validity.Reference(flat.Validity.BitsMemory[..ValidityMask.ByteCount(rows)]);
        }

        return vector;
    }

    private static ScalarValue Lower(ScalarValue a, ScalarValue b) => a.IsNull ? b : b.IsNull || a.CompareTo(b) <= 0 ? a : b;

    private static ScalarValue Higher(ScalarValue a, ScalarValue b) => a.IsNull ? b : b.IsNull || a.CompareTo(b) >= 0 ? a : b;

    /// <summary>The smallest and largest non-NULL value of rows <paramref name="start"/> .. + <paramref name="count"/> (NULL, NULL when there is none): a buffered chunk's zone map.</summary>
    private static (ScalarValue Min, ScalarValue Max) Range(ColumnVector vector, int start, int count)
    {
        var min = ScalarValue.Null;
        var max = ScalarValue.Null;
        for (var row = start; row < start + count; row++)
        {
            if (vector.IsNull(row))
            {
                continue;
            }

            var value = vector.GetScalar(row);
            if (min.IsNull || value.CompareTo(min) < 0)
            {
                min = value;
            }

            if (max.IsNull || value.CompareTo(max) > 0)
            {
                max = value;
            }
        }

        return (min, max);
    }
}

/// <summary>The buffered rows at one moment: per table (by lower-case name) its chunks, oldest first.</summary>
public sealed class BufferSnapshot(IReadOnlyDictionary<string, IReadOnlyList<BufferedChunk>> tables, long rowCount, long lastSequence)
{
    public static BufferSnapshot Empty { get; } = new(new Dictionary<string, IReadOnlyList<BufferedChunk>>(StringComparer.Ordinal), 0, 0);

    public IReadOnlyDictionary<string, IReadOnlyList<BufferedChunk>> Tables { get; } = tables;

    /// <summary>Rows over all tables.</summary>
    public long RowCount { get; } = rowCount;

    /// <summary>The newest log record the buffer has taken (it identifies the snapshot for caches).</summary>
    public long LastSequence { get; } = lastSequence;

    /// <summary>Both snapshots' rows, <paramref name="first"/>'s before <paramref name="second"/>'s in each table.</summary>
    public static BufferSnapshot Combine(BufferSnapshot first, BufferSnapshot second)
    {
        if (second.RowCount == 0)
        {
            return first;
        }

        var tables = new Dictionary<string, IReadOnlyList<BufferedChunk>>(first.Tables, StringComparer.Ordinal);
        foreach (var (name, chunks) in second.Tables)
        {
            tables[name] = tables.TryGetValue(name, out var existing) ? [.. existing, .. chunks] : chunks;
        }

        return new BufferSnapshot(tables, first.RowCount + second.RowCount, Math.Max(first.LastSequence, second.LastSequence));
    }

    /// <summary>
    /// <paramref name="table"/>'s buffered rows that are not yet in the segments of a manifest whose log sequence is
    /// <paramref name="flushedSequence"/>: a statement that took this snapshot before a checkpoint and its manifest
    /// after it finds them in segments and must not count them twice.
    /// </summary>
    public IReadOnlyList<BufferedChunk> RowsOf(string table, long flushedSequence)
    {
        if (!Tables.TryGetValue(table.ToLowerInvariant(), out var chunks))
        {
            return [];
        }

        if (chunks.Count == 0 || chunks[0].FirstSequence > flushedSequence)
        {
            return chunks;
        }

        var kept = new List<BufferedChunk>();
        foreach (var chunk in chunks)
        {
            if (chunk.FirstSequence > flushedSequence)
            {
                kept.Add(chunk);
            }
        }

        return kept;
    }
}

/// <summary>
/// Up to a vector of buffered rows of one table, as frozen flat vectors; <see cref="FirstSequence"/> is the oldest
/// log record among them, <see cref="Min"/> and <see cref="Max"/> each column's zone map.
/// </summary>
public sealed record BufferedChunk(ColumnVector[] Columns, int RowCount, long FirstSequence, ScalarValue[] Min, ScalarValue[] Max);
