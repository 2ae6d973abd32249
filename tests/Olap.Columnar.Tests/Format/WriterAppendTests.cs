using Olap.Columnar.Format;
using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Columnar.Tests.Format;

public sealed class WriterAppendTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Chunks_that_straddle_row_groups_and_sort_buffers_are_cut_there_and_keep_every_row(bool sorted)
    {
        var path = _directory.File("appended.olap");
        var columns = new[] { new ColumnDefinition("id", ColumnType.BigInt), new ColumnDefinition("label", ColumnType.Varchar) };
        var options = new OlapWriterOptions
        {
            RowGroupSize = 2048,
            SortBufferRows = 3000,
            SortKey = sorted ? [new SortKeyColumn(0, Descending: true)] : [],
        };
        using (var writer = new OlapFileWriter(path, columns, options))
        {
            var chunk = new DataChunk([ColumnType.BigInt, ColumnType.Varchar], capacity: 1000);
            for (var batch = 0; batch < 7; batch++)
            {
                var ids = new ColumnBuilder(ColumnType.BigInt);
                var labels = new ColumnBuilder(ColumnType.Varchar);
                for (var i = 0; i < 1000; i++)
                {
                    var id = (batch * 1000) + i;
                    ids.AppendInt64(id);
                    if (id % 10 == 0)
                    {
                        labels.AppendNull();
                    }
                    else
                    {
                        labels.AppendString("row " + id);
                    }
                }

                ids.ViewInto(chunk.Columns[0]);
                labels.ViewInto(chunk.Columns[1]);
                chunk.SetCount(1000);
                writer.Append(chunk);
            }

            writer.Finish();
        }

        using var reader = OlapFileReader.Open(path);
        Assert.Equal(7000, reader.RowCount);
        Assert.Equal([2048, 2048, 2048, 856], reader.RowGroups.Select(g => g.RowCount).ToArray());
        var scan = reader.Scan([0, 1]);
        var chunkOut = scan.CreateChunk();
        var seen = new List<long>();
        while (scan.Next(chunkOut))
        {
            for (var row = 0; row < chunkOut.Count; row++)
            {
                var id = chunkOut.Columns[0].GetValue<long>(row);
                seen.Add(id);
                Assert.Equal(id % 10 == 0 ? "NULL" : "row " + id, chunkOut.Columns[1].GetScalar(row).ToString());
            }
        }

        var expected = Enumerable.Range(0, 7000).Select(i => (long)i);
        Assert.Equal(sorted ? expected.Reverse() : expected, seen);
    }
}
