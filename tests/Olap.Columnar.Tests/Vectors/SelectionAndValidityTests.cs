using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Columnar.Tests.Vectors;

public sealed class SelectionAndValidityTests
{
    [Fact]
    public void A_selection_from_bits_lists_the_set_rows_in_order_and_ignores_bits_past_the_count()
    {
        var selection = new SelectionVector();
        ulong[] bits = [0b1011UL | (1UL << 63), ulong.MaxValue];

        selection.SetFromBits(bits, 66);

        Assert.Equal([0, 1, 3, 63, 64, 65], selection.Indices.ToArray());
    }

    [Fact]
    public void A_chunk_selects_rows_without_copying_its_columns()
    {
        var chunk = new DataChunk([ColumnType.Integer]);
        chunk.SetCount(130);
        var bits = new ulong[3];
        bits[2] = 1UL << 1;

        chunk.Select(bits);

        Assert.Equal(1, chunk.LiveCount);
        Assert.Equal(129, chunk.Selection![0]);
        chunk.SetCount(5);
        Assert.Null(chunk.Selection);
        Assert.Equal(5, chunk.LiveCount);
    }

    [Fact]
    public void Validity_counts_nulls_and_clears_them_from_a_filter()
    {
        var validity = new ValidityMask();
        Assert.True(validity.AllValid);
        validity.SetInvalid(3, 200);
        validity.SetInvalid(150, 200);

        Assert.Equal(2, validity.CountNulls(200));
        Assert.False(validity.IsValid(150));
        var filter = new[] { ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue };
        validity.AndInto(filter, 200);
        Assert.Equal(ulong.MaxValue & ~(1UL << 3), filter[0]);
        Assert.Equal(ulong.MaxValue & ~(1UL << (150 - 128)), filter[2]);
    }

    [Fact]
    public void Validity_copied_from_an_unaligned_start_keeps_each_row()
    {
        var source = new byte[] { 0b1111_0111, 0b1111_1110 };
        var validity = new ValidityMask();

        validity.CopyFrom(source, 3, 10);

        Assert.False(validity.IsValid(0));
        Assert.True(validity.IsValid(1));
        Assert.False(validity.IsValid(5));
        Assert.Equal(2, validity.CountNulls(10));
    }
}
