using Olap.Columnar.Vectors;

namespace Olap.Columnar.Format;

/// <summary>
/// The external sort behind a sorted file: buffered rows are sorted (stably) and, when the buffer fills, spilled as a
/// run to a temporary native file; at the end the runs are merged (k-way, ties to the earlier run) into row groups.
/// Memory stays at two buffers (one filling, one being spilled on a worker thread) plus one chunk per run, whatever
/// the input size.
/// </summary>
internal sealed class SortedRunSpiller : IDisposable
{
    private readonly IReadOnlyList<ColumnDefinition> _columns;
    private readonly IReadOnlyList<SortKeyColumn> _key;
    private readonly string _directory;
    private readonly List<string> _runs = [];
    private Task? _spilling;
    private ColumnBuilder[]? _spare;

    public SortedRunSpiller(IReadOnlyList<ColumnDefinition> columns, IReadOnlyList<SortKeyColumn> key, string directory)
    {
        _columns = columns;
        _key = key;
        _directory = directory;
    }

    public long SpilledRows { get; private set; }

    /// <summary>
    /// Takes the buffered rows, leaving the buffer empty, and sorts and writes them as a run on a worker thread while
    /// the caller fills the buffer again. At most one run is being written at a time.
    /// </summary>
    public void Spill(ColumnBuilder[] buffer)
    {
        WaitForSpill();
        var owned = new ColumnBuilder[buffer.Length];
        var spare = _spare ?? OlapFileWriter.CreateBuilders(_columns);
        _spare = null;
        for (var c = 0; c < buffer.Length; c++)
        {
            owned[c] = buffer[c];
            buffer[c] = spare[c];
        }

        var path = Path.Combine(_directory, $".olap-sort-{Environment.ProcessId}-{Guid.NewGuid():N}.run");
        _runs.Add(path);
        SpilledRows += owned[0].Count;
        _spilling = Task.Run(() =>
        {
            WriteRun(path, owned);
            foreach (var builder in owned)
            {
                builder.Clear();
            }

            _spare = owned;
        });
    }

    private void WriteRun(string path, ColumnBuilder[] buffer)
    {
        using var writer = new OlapFileWriter(path, _columns, new OlapWriterOptions { IsSortRun = true });
        var (vectors, order) = Sorted(buffer);
        writer.AppendGather(vectors, order);
        writer.Finish();
    }

    /// <summary>Lets the run being written finish, rethrowing its error.</summary>
    private void WaitForSpill()
    {
        var spilling = _spilling;
        _spilling = null;
        spilling?.GetAwaiter().GetResult();
    }

    /// <summary>Emits every row in key order into <paramref name="output"/>, handing each full row group to <paramref name="flush"/>.</summary>
    public void MergeInto(ColumnBuilder[] output, Action<ColumnBuilder[]> flush, int rowGroupSize)
    {
        WaitForSpill();
        if (_runs.Count == 0)
        {
            // Everything fit in memory: gather the buffer in key order straight into row groups, no temporary files.
            var (vectors, order) = Sorted(output);
            var target = OlapFileWriter.CreateBuilders(_columns);
            for (var start = 0; start < order.Length; start += rowGroupSize)
            {
                var rows = order.AsSpan(start, Math.Min(rowGroupSize, order.Length - start));
                for (var c = 0; c < target.Length; c++)
                {
                    target[c].AppendGather(vectors[c], rows);
                }

                flush(target);
            }

            foreach (var builder in output)
            {
                builder.Clear();
            }

            return;
        }

        var readers = new List<OlapFileReader>();
        try
        {
            var cursors = new List<RunCursor>();
            for (var r = 0; r < _runs.Count; r++)
            {
                var reader = OlapFileReader.Open(_runs[r]);
                readers.Add(reader);
                var cursor = new RunCursor(r, reader);
                if (cursor.Advance())
                {
                    cursors.Add(cursor);
                }
            }

            // The rows still buffered arrived last: sorted in memory, they are the last run without a trip to disk.
            if (output[0].Count > 0)
            {
                var (vectors, order) = Sorted(output);
                var sorted = OlapFileWriter.CreateBuilders(_columns);
                for (var c = 0; c < sorted.Length; c++)
                {
                    sorted[c].AppendGather(vectors[c], order);
                    output[c].Clear();
                }

                var cursor = new RunCursor(_runs.Count, [.. sorted.Select(b => b.ToVector())]);
                if (cursor.Advance())
                {
                    cursors.Add(cursor);
                }
            }

            var queue = new PriorityQueue<RunCursor, RunCursor>(Comparer<RunCursor>.Create(CompareCursors));
            foreach (var cursor in cursors)
            {
                queue.Enqueue(cursor, cursor);
            }

            while (queue.TryDequeue(out var cursor, out _))
            {
                // Take every row of this run's chunk that still sorts before the next run's head: with a sort key of
                // a few thousand distinct values (dates) the merge moves rows in ranges, not one queue step per row.
                var end = cursor.Row + 1;
                var count = cursor.Chunk.Count;
                if (queue.TryPeek(out var next, out _))
                {
                    while (end < count && SortsBefore(cursor, end, next))
                    {
                        end++;
                    }
                }
                else
                {
                    end = count;
                }

                AppendRangeAndFlush(output, cursor.Chunk.Columns, cursor.Row, end - cursor.Row, flush, rowGroupSize);
                cursor.MoveTo(end - 1);
                if (cursor.Advance())
                {
                    queue.Enqueue(cursor, cursor);
                }
            }

            flush(output);
        }
        finally
        {
            foreach (var reader in readers)
            {
                reader.Dispose();
            }
        }
    }

    public void Dispose()
    {
        try
        {
            _spilling?.Wait();
        }
        catch (AggregateException)
        {
            // The sort is being abandoned; the run's error no longer matters, its file goes below.
        }

        _spilling = null;
        foreach (var run in _runs)
        {
            if (File.Exists(run))
            {
                File.Delete(run);
            }
        }

        _runs.Clear();
    }

    /// <summary>True when row <paramref name="row"/> of <paramref name="cursor"/>'s chunk comes before <paramref name="next"/>'s current row (ties go to the earlier run).</summary>
    private bool SortsBefore(RunCursor cursor, int row, RunCursor next)
    {
        var order = RowComparer.Compare(_key, cursor.Chunk.Columns, row, next.Chunk.Columns, next.Row);
        return order < 0 || (order == 0 && cursor.Run < next.Run);
    }

    private int CompareCursors(RunCursor a, RunCursor b)
    {
        var order = RowComparer.Compare(_key, a.Chunk.Columns, a.Row, b.Chunk.Columns, b.Row);
        return order != 0 ? order : a.Run.CompareTo(b.Run);
    }

    /// <summary>Views of the buffered columns and the permutation that orders them by the key, stably.</summary>
    private (ColumnVector[] Vectors, int[] Order) Sorted(ColumnBuilder[] buffer)
    {
        var rows = buffer[0].Count;
        var vectors = new ColumnVector[buffer.Length];
        for (var c = 0; c < buffer.Length; c++)
        {
            vectors[c] = buffer[c].ToVector();
        }

        var order = new int[rows];
        for (var i = 0; i < rows; i++)
        {
            order[i] = i;
        }

        if (_key.Count == 1 && vectors[_key[0].Column].Type.IsIntegral)
        {
            SortByIntegralKey(vectors[_key[0].Column], _key[0].Descending, order);
            return (vectors, order);
        }

        if (PackedSortKeys.TryPack(vectors, _key, rows) is { } packed)
        {
            // Stable like the comparison sort below: equal keys keep arrival order.
            if (!CountingSort(packed, order))
            {
                SortAndRestoreArrivalOrder(packed, order, rows);
            }

            return (vectors, order);
        }

        // Ties keep arrival order: the sort is stable.
        Array.Sort(order, (a, b) =>
        {
            var c = RowComparer.Compare(_key, vectors, a, vectors, b);
            return c != 0 ? c : a.CompareTo(b);
        });
        return (vectors, order);
    }

    /// <summary>
    /// The common sort key, one integral column (a date, an id): sort the keys as longs with the rows alongside, then
    /// restore arrival order within equal keys, which is what stability asks. NULLs come first ascending, last
    /// descending, in arrival order. Much faster than a comparison delegate per pair.
    /// </summary>
    private static void SortByIntegralKey(ColumnVector key, bool descending, int[] order)
    {
        var rows = order.Length;
        var keys = new long[rows];
        var nulls = new List<int>();
        var count = 0;
        for (var row = 0; row < rows; row++)
        {
            if (key.IsNull(row))
            {
                nulls.Add(row);
                continue;
            }

            var value = key.Type.Physical switch
            {
                Types.PhysicalKind.Int8 => key.GetValue<byte>(row),
                Types.PhysicalKind.Int16 => key.GetValue<short>(row),
                Types.PhysicalKind.Int32 => key.GetValue<int>(row),
                _ => key.GetValue<long>(row),
            };

            // Bitwise complement reverses the order of every long, long.MinValue included.
            keys[count] = descending ? ~value : value;
            order[count++] = row;
        }

        if (!CountingSort(keys.AsSpan(0, count), order.AsSpan(0, count)))
        {
            SortAndRestoreArrivalOrder(keys, order, count);
        }

        if (nulls.Count == 0)
        {
            return;
        }

        if (descending)
        {
            nulls.CopyTo(order, count);
        }
        else
        {
            Array.Copy(order, 0, order, nulls.Count, count);
            nulls.CopyTo(order, 0);
        }
    }

    /// <summary>
    /// Keys of a narrow range (dates, small codes: the common sort keys) are ordered by counting: one pass for a
    /// histogram, one to place each row after the rows of smaller keys. Linear, and stable by construction. False
    /// when the range is too wide for a histogram, leaving <paramref name="rows"/> unchanged.
    /// </summary>
    private static bool CountingSort(ReadOnlySpan<long> keys, Span<int> rows)
    {
        if (keys.Length < 2)
        {
            return true;
        }

        var min = System.Numerics.Tensors.TensorPrimitives.Min(keys);
        var max = System.Numerics.Tensors.TensorPrimitives.Max(keys);
        var range = (ulong)(max - min);
        if (range >= (ulong)Math.Max(keys.Length, 1 << 16) || range >= 1 << 24)
        {
            return false;
        }

        var starts = new int[(int)range + 2];
        foreach (var key in keys)
        {
            starts[(int)(key - min) + 1]++;
        }

        for (var i = 1; i < starts.Length; i++)
        {
            starts[i] += starts[i - 1];
        }

        var arrived = rows.ToArray();
        for (var i = 0; i < keys.Length; i++)
        {
            rows[starts[(int)(keys[i] - min)]++] = arrived[i];
        }

        return true;
    }

    /// <summary>Sorts the keys with the rows alongside, then puts equal keys' rows back in arrival order.</summary>
    private static void SortAndRestoreArrivalOrder(long[] keys, int[] order, int count)
    {
        Array.Sort(keys, order, 0, count);
        for (var start = 0; start < count;)
        {
            var end = start + 1;
            while (end < count && keys[end] == keys[start])
            {
                end++;
            }

            if (end - start > 1)
            {
                Array.Sort(order, start, end - start);
            }

            start = end;
        }
    }

    private static void AppendRangeAndFlush(ColumnBuilder[] output, ColumnVector[] vectors, int start, int count, Action<ColumnBuilder[]> flush, int rowGroupSize)
    {
        while (count > 0)
        {
            var take = Math.Min(count, rowGroupSize - output[0].Count);
            for (var c = 0; c < output.Length; c++)
            {
                output[c].AppendRange(vectors[c], start, take);
            }

            if (output[0].Count == rowGroupSize)
            {
                flush(output);
            }

            start += take;
            count -= take;
        }
    }


    /// <summary>The next unread row of one run, read from its file or, for the last run, from sorted vectors in memory.</summary>
    private sealed class RunCursor
    {
        private readonly FileScan? _scan;
        private readonly OlapFileReader? _reader;
        private readonly ColumnVector[]? _sorted;
        private int _nextSlice;
        private long _rowsRead;
        private int _released;

        public RunCursor(int run, OlapFileReader reader)
        {
            Run = run;
            var all = new int[reader.Columns.Count];
            for (var c = 0; c < all.Length; c++)
            {
                all[c] = c;
            }

            _reader = reader;
            _scan = reader.Scan(all);
            Chunk = _scan.CreateChunk();
            Row = -1;
        }

        public RunCursor(int run, ColumnVector[] sorted)
        {
            Run = run;
            _sorted = sorted;
            Chunk = new DataChunk([.. sorted.Select(v => v.Type)]);
            Row = -1;
        }

        public int Run { get; }

        public DataChunk Chunk { get; }

        public int Row { get; private set; }

        /// <summary>Marks rows up to <paramref name="row"/> of the current chunk as read.</summary>
        public void MoveTo(int row) => Row = row;

        public bool Advance()
        {
            if (Row + 1 < Chunk.Count && Row >= 0)
            {
                Row++;
                return true;
            }

            if (!NextChunk())
            {
                return false;
            }

            Row = 0;
            return true;
        }

        private bool NextChunk()
        {
            if (_scan is not null)
            {
                // Rows before this chunk are merged: their row groups will not be read again, so their pages may go.
                var groups = _reader!.RowGroups;
                while (_released < groups.Count && groups[_released].FirstRow + groups[_released].RowCount <= _rowsRead)
                {
                    _reader.ReleaseRowGroupPages(_released++);
                }

                if (!_scan.Next(Chunk))
                {
                    return false;
                }

                _rowsRead += Chunk.Count;
                return true;
            }

            var total = _sorted![0].Count;
            if (_nextSlice >= total)
            {
                return false;
            }

            var count = Math.Min(Chunk.Capacity, total - _nextSlice);
            for (var c = 0; c < _sorted.Length; c++)
            {
                Chunk.Columns[c].ReferenceSlice(_sorted[c], _nextSlice, count);
            }

            Chunk.SetCount(count);
            _nextSlice += count;
            return true;
        }
    }
}
