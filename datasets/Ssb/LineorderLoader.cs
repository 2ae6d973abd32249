using System.Text;
using Olap.Columnar.Vectors;
using Olap.Query;

namespace Olap.Datasets.Ssb;

/// <summary>
/// Loads lineorder straight into an Olap table, no text in between: order ranges are generated in parallel into
/// column builders (each range's rows depend only on its order numbers) and appended in order
/// (<see cref="OrderedBatches"/>). The appender sorts by the table's key and encodes on worker threads, so every
/// core stays busy; memory stays at two batches plus the appender's sort buffers.
/// </summary>
internal sealed class LineorderLoader(long seed, SsbScale scale, int workers)
{
    private static readonly byte[][] s_priorities = [.. SsbVocabulary.OrderPriorities.Select(Encoding.UTF8.GetBytes)];
    private static readonly byte[][] s_shipModes = [.. SsbVocabulary.ShipModes.Select(Encoding.UTF8.GetBytes)];
    private static readonly byte[] s_shipPriority = Encoding.UTF8.GetBytes(LineorderRow.ShipPriority);

    public long Load(OlapAppender appender, IProgress<SsbProgress>? progress)
    {
        var chunks = (scale.Orders + LineorderWriter.OrdersPerChunk - 1) / LineorderWriter.OrdersPerChunk;
        var capacity = LineorderWriter.OrdersPerChunk * LineorderTable.MaxLinesPerOrder;
        var written = 0L;
        OrderedBatches.Run(
            chunks,
            workers,
            () => (Columns: appender.Columns.Select(c => new ColumnBuilder(c.Type, LineorderWriter.OrdersPerChunk * 4)).ToArray(), Chunk: appender.CreateChunk(capacity)),
            (chunk, slot) => Generate(chunk, slot.Columns, slot.Chunk),
            slot =>
            {
                appender.Append(slot.Chunk);
                written += slot.Chunk.Count;
            },
            done => progress?.Report(new SsbProgress(SsbTable.Lineorder, written, (double)done / chunks)));
        return written;
    }

    private void Generate(long chunk, ColumnBuilder[] columns, DataChunk target)
    {
        Span<LineorderRow> lines = stackalloc LineorderRow[LineorderTable.MaxLinesPerOrder];
        var first = (chunk * LineorderWriter.OrdersPerChunk) + 1;
        var last = Math.Min(scale.Orders, first + LineorderWriter.OrdersPerChunk - 1);
        foreach (var column in columns)
        {
            column.Clear();
        }

        var draws = new OrderDraws(seed, scale, first);

        for (var order = first; order <= last; order++)
        {
            var count = draws.Next(lines);
            for (var i = 0; i < count; i++)
            {
                ref readonly var row = ref lines[i];
                columns[0].AppendInt64(row.OrderKey);
                columns[1].AppendInt64(row.LineNumber);
                columns[2].AppendInt64(row.CustKey);
                columns[3].AppendInt64(row.PartKey);
                columns[4].AppendInt64(row.SuppKey);
                columns[5].AppendInt64(row.OrderDate);
                columns[6].AppendString(s_priorities[row.PriorityIndex]);
                columns[7].AppendString(s_shipPriority);
                columns[8].AppendInt64(row.Quantity);
                columns[9].AppendInt64(row.ExtendedPrice);
                columns[10].AppendInt64(row.OrdTotalPrice);
                columns[11].AppendInt64(row.Discount);
                columns[12].AppendInt64(row.Revenue);
                columns[13].AppendInt64(row.SupplyCost);
                columns[14].AppendInt64(row.Tax);
                columns[15].AppendInt64(row.CommitDate);
                columns[16].AppendString(s_shipModes[row.ShipModeIndex]);
            }
        }

        for (var c = 0; c < columns.Length; c++)
        {
            columns[c].ViewInto(target.Columns[c]);
        }

        target.SetCount(columns[0].Count);
    }
}
