namespace Olap.Datasets.Ssb;

/// <summary>
/// Writes lineorder with every core: orders are cut into chunks, a batch of chunks is formatted in parallel
/// (each chunk's rows depend only on its order numbers), and the batch is written in order while the next
/// batch is being formatted. Memory stays at two batches of chunk buffers whatever the scale factor.
/// </summary>
internal sealed class LineorderWriter(long seed, SsbScale scale, SsbFileFormat format, int workers)
{
    /// <summary>≈ 65,000 rows, ≈ 7 MB of text: large enough that the per-chunk hand-off is noise.</summary>
    public const int OrdersPerChunk = 16_384;

    /// <summary>Grows to a chunk's size on first use, so small scale factors do not reserve full-size buffers.</summary>
    private const int ChunkBufferBytes = 1 << 20;

    public long Write(Stream output, IProgress<SsbProgress>? progress)
    {
        var chunks = (scale.Orders + OrdersPerChunk - 1) / OrdersPerChunk;
        var batch = Math.Max(1, workers * 2);
        DelimitedRowWriter[][] slots = [NewSlots(batch), NewSlots(batch)];
        long[][] rows = [new long[batch], new long[batch]];
        if (format == SsbFileFormat.Csv)
        {
            var header = new DelimitedRowWriter(format, 4096);
            header.Header(LineorderTable.Columns);
            header.WriteTo(output);
        }

        var written = 0L;
        var pending = Task.CompletedTask;
        var current = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = workers };
        for (var first = 0L; first < chunks; first += batch)
        {
            var count = (int)Math.Min(batch, chunks - first);
            var buffers = slots[current];
            var counts = rows[current];
            var start = first;
            Parallel.For(0, count, options, i => counts[i] = FormatChunk(start + i, buffers[i]));

            pending.Wait();
            foreach (var n in counts.AsSpan(0, count))
            {
                written += n;
            }

            var done = first + count;
            var total = written;
            pending = Task.Run(() =>
            {
                for (var i = 0; i < count; i++)
                {
                    buffers[i].WriteTo(output);
                }

                progress?.Report(new SsbProgress(SsbTable.Lineorder, total, (double)done / chunks));
            });
            current ^= 1;
        }

        pending.Wait();
        return written;
    }

    private long FormatChunk(long chunk, DelimitedRowWriter writer)
    {
        Span<LineorderRow> lines = stackalloc LineorderRow[LineorderTable.MaxLinesPerOrder];
        var first = (chunk * OrdersPerChunk) + 1;
        var last = Math.Min(scale.Orders, first + OrdersPerChunk - 1);
        var rows = 0L;
        writer.Clear();
        for (var order = first; order <= last; order++)
        {
            var count = LineorderTable.Order(seed, scale, order, lines);
            for (var i = 0; i < count; i++)
            {
                LineorderTable.Write(lines[i], writer);
            }

            rows += count;
        }

        return rows;
    }

    private DelimitedRowWriter[] NewSlots(int count)
    {
        var slots = new DelimitedRowWriter[count];
        for (var i = 0; i < count; i++)
        {
            slots[i] = new DelimitedRowWriter(format, ChunkBufferBytes);
        }

        return slots;
    }
}
