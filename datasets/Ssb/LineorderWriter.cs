namespace Olap.Datasets.Ssb;

/// <summary>
/// Writes lineorder with every core: orders are cut into chunks (each chunk's rows depend only on its order
/// numbers), formatted in parallel and written in order (<see cref="OrderedBatches"/>).
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
        if (format == SsbFileFormat.Csv)
        {
            var header = new DelimitedRowWriter(format, 4096);
            header.Header(LineorderTable.Columns);
            header.WriteTo(output);
        }

        var written = 0L;
        OrderedBatches.Run(
            chunks,
            workers,
            () => new FormattedChunk(new DelimitedRowWriter(format, ChunkBufferBytes)),
            (chunk, slot) => slot.Rows = FormatChunk(chunk, slot.Text),
            slot =>
            {
                slot.Text.WriteTo(output);
                written += slot.Rows;
            },
            done => progress?.Report(new SsbProgress(SsbTable.Lineorder, written, (double)done / chunks)));
        return written;
    }

    private long FormatChunk(long chunk, DelimitedRowWriter writer)
    {
        Span<LineorderRow> lines = stackalloc LineorderRow[LineorderTable.MaxLinesPerOrder];
        var first = (chunk * OrdersPerChunk) + 1;
        var last = Math.Min(scale.Orders, first + OrdersPerChunk - 1);
        var rows = 0L;
        writer.Clear();
        var draws = new OrderDraws(seed, scale, first);
        for (var order = first; order <= last; order++)
        {
            var count = draws.Next(lines);
            for (var i = 0; i < count; i++)
            {
                LineorderTable.Write(lines[i], writer);
            }

            rows += count;
        }

        return rows;
    }

    /// <summary>One chunk's text and its row count.</summary>
    private sealed class FormattedChunk(DelimitedRowWriter text)
    {
        public DelimitedRowWriter Text { get; } = text;

        public long Rows { get; set; }
    }
}
