using Olap.Columnar.Format;
using Olap.Columnar.Text;
using Olap.Columnar.Types;
using Xunit.Abstractions;

namespace Olap.Columnar.Tests.Text;

public sealed class StreamingTests(ITestOutputHelper output)
{
    [Fact]
    public void Two_million_rows_stream_through_bounded_memory_without_allocating_per_row()
    {
        const long Rows = 2_000_000;
        ColumnDefinition[] columns = [new("id", ColumnType.BigInt), new("name", ColumnType.Varchar), new("amount", ColumnType.Decimal(18, 2))];
        using var reader = new DelimitedTextReader(new GeneratedRowsStream(Rows), "generated.tbl", columns, new DelimitedTextOptions { Delimiter = '|' });
        var chunk = reader.CreateChunk();

        // Warm up (first buffers, JIT) before the baselines.
        Assert.True(reader.ReadChunk(chunk));
        long count = chunk.Count;
        long idSum = chunk.Columns[0].Values<long>()[..chunk.Count].ToArray().Sum();
        // Allocation is counted on this thread, which does all the reading: other tests running in parallel in the
        // process do not blur it, as they would a process-wide heap size. Under 1 MiB for 2M rows means memory stays
        // bounded and nothing is allocated per row or per chunk.
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        while (reader.ReadChunk(chunk))
        {
            var ids = chunk.Columns[0].Values<long>();
            for (var row = 0; row < chunk.Count; row++)
            {
                idSum += ids[row];
            }

            Assert.Equal(chunk.Columns[0].GetValue<long>(chunk.Count - 1) * 100 + 25, chunk.Columns[2].GetValue<long>(chunk.Count - 1));
            count += chunk.Count;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        output.WriteLine($"allocated while reading: {allocated / 1024} KiB");
        Assert.Equal(Rows, count);
        Assert.Equal(Rows * (Rows - 1) / 2, idSum);
        Assert.True(allocated < 1 << 20, $"Reading allocated {allocated} bytes: per-row or per-chunk allocation.");
    }
}
