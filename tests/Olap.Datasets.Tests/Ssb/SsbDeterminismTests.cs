using Olap.Datasets.Ssb;

namespace Olap.Datasets.Tests.Ssb;

public sealed class SsbDeterminismTests
{
    [Theory]
    [InlineData(SsbFileFormat.Tbl)]
    [InlineData(SsbFileFormat.Csv)]
    public void The_same_seed_gives_the_same_bytes_whatever_the_thread_count(SsbFileFormat format)
    {
        foreach (var table in SsbGenerator.Tables)
        {
            var one = Bytes(new SsbGenerator(0.01, 42) { Workers = 1 }, table, format);
            var two = Bytes(new SsbGenerator(0.01, 42) { Workers = 2 }, table, format);
            Assert.True(one.AsSpan().SequenceEqual(two), $"{table} differs between runs");
        }
    }

    [Fact]
    public void Lineorder_chunks_join_seamlessly_past_one_chunk()
    {
        // SF 0.02 has 30,000 orders: two chunks of 16,384, formatted on two threads.
        var parallel = Bytes(new SsbGenerator(0.02, 7) { Workers = 2 }, SsbTable.Lineorder, SsbFileFormat.Tbl);
        var serial = Bytes(new SsbGenerator(0.02, 7) { Workers = 1 }, SsbTable.Lineorder, SsbFileFormat.Tbl);
        Assert.True(parallel.AsSpan().SequenceEqual(serial));
        Assert.Equal(new SsbGenerator(0.02, 7).Lineorders().LongCount(), parallel.Count(b => b == (byte)'\n'));
    }

    [Theory]
    [InlineData(SsbTable.Lineorder)]
    [InlineData(SsbTable.Customer)]
    [InlineData(SsbTable.Supplier)]
    [InlineData(SsbTable.Part)]
    public void A_different_seed_gives_different_data(SsbTable table)
    {
        Assert.False(Bytes(new SsbGenerator(0.01, 1), table, SsbFileFormat.Tbl).AsSpan().SequenceEqual(Bytes(new SsbGenerator(0.01, 2), table, SsbFileFormat.Tbl)));
    }

    [Fact]
    public void The_date_table_does_not_depend_on_the_seed()
    {
        Assert.True(Bytes(new SsbGenerator(0.01, 1), SsbTable.Date, SsbFileFormat.Tbl).AsSpan().SequenceEqual(Bytes(new SsbGenerator(0.01, 2), SsbTable.Date, SsbFileFormat.Tbl)));
    }

    private static byte[] Bytes(SsbGenerator generator, SsbTable table, SsbFileFormat format)
    {
        using var stream = new MemoryStream();
        generator.WriteTable(table, stream, format);
        return stream.ToArray();
    }
}
