using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Columnar.Tests.Vectors;

public sealed class ColumnVectorTests
{
    [Fact]
    public void A_builder_view_is_a_flat_vector_with_its_values_and_nulls()
    {
        var builder = new ColumnBuilder(ColumnType.Integer);
        builder.AppendInt64(7);
        builder.AppendNull();
        builder.AppendInt64(-3);

        var vector = builder.ToVector();

        Assert.Equal(VectorForm.Flat, vector.Form);
        Assert.Equal(3, vector.Count);
        Assert.Equal([7, 0, -3], vector.Values<int>().ToArray());
        Assert.False(vector.IsNull(0));
        Assert.True(vector.IsNull(1));
        Assert.False(vector.IsNull(2));
        Assert.Equal(1, vector.Validity.CountNulls(3));
    }

    [Fact]
    public void Strings_are_utf8_bytes_addressed_by_offsets()
    {
        var builder = new ColumnBuilder(ColumnType.Varchar);
        builder.AppendString("naïve");
        builder.AppendNull();
        builder.AppendString("日本");
        builder.AppendString(string.Empty);

        var vector = builder.ToVector();

        Assert.Equal("naïve", vector.GetScalar(0).ToString());
        Assert.True(vector.GetScalar(1).IsNull);
        Assert.Equal("日本", vector.GetScalar(2).ToString());
        Assert.Equal(0, vector.GetString(3).Length);
        Assert.Equal(5, vector.StringOffsets.Length);
    }

    [Fact]
    public void A_dictionary_vector_reads_through_its_codes_and_flattens_to_the_same_rows()
    {
        var entries = new ColumnBuilder(ColumnType.Varchar);
        entries.AppendString("ASIA");
        entries.AppendString("EUROPE");
        var vector = new ColumnVector(ColumnType.Varchar);
        var codes = vector.RentCodes(4);
        new[] { 1, 0, 0, 1 }.CopyTo(codes.Span);
        vector.ReferenceDictionary(4, entries.ToVector(), codes);
        vector.Validity.SetInvalid(2, 4);

        Assert.Equal(VectorForm.Dictionary, vector.Form);
        Assert.Equal("EUROPE", vector.GetScalar(0).ToString());
        Assert.True(vector.IsNull(2));

        vector.Flatten();

        Assert.Equal(VectorForm.Flat, vector.Form);
        Assert.Equal(["EUROPE", "ASIA", "NULL", "EUROPE"], Enumerable.Range(0, 4).Select(i => vector.GetScalar(i).ToString()));
    }

    [Fact]
    public void A_constant_vector_stands_for_every_row_and_flattens_to_copies()
    {
        var value = new ColumnBuilder(ColumnType.BigInt);
        value.AppendInt64(long.MinValue);
        var vector = new ColumnVector(ColumnType.BigInt);
        vector.ReferenceConstant(100, value.ToVector().RawMemory);

        Assert.Equal(long.MinValue, vector.GetValue<long>(99));

        vector.Flatten();

        Assert.Equal(VectorForm.Flat, vector.Form);
        Assert.All(vector.Values<long>().ToArray(), v => Assert.Equal(long.MinValue, v));
        Assert.Equal(100, vector.Count);
    }

    [Fact]
    public void A_constant_null_vector_is_null_in_every_row()
    {
        var vector = new ColumnVector(ColumnType.Double);
        vector.SetConstantNull(10);

        Assert.True(vector.IsNull(0));
        Assert.True(vector.IsNull(9));
    }

    [Fact]
    public void Flattening_twice_reuses_buffers_and_keeps_rows()
    {
        var entries = new ColumnBuilder(ColumnType.SmallInt);
        entries.AppendInt64(-5);
        entries.AppendInt64(9);
        var dictionary = entries.ToVector();
        var vector = new ColumnVector(ColumnType.SmallInt);
        for (var round = 0; round < 3; round++)
        {
            var codes = vector.RentCodes(3);
            new[] { 1, 1, 0 }.CopyTo(codes.Span);
            vector.ReferenceDictionary(3, dictionary, codes);
            vector.Flatten();
            Assert.Equal(new short[] { 9, 9, -5 }, vector.Values<short>().ToArray());
        }
    }

    [Fact]
    public void Reading_values_of_the_wrong_width_is_refused()
    {
        var vector = new ColumnBuilder(ColumnType.Integer).ToVector();

        Assert.Throws<InvalidOperationException>(() => vector.Values<long>());
    }

    [Fact]
    public void Appending_a_range_copies_values_and_nulls_whatever_the_form()
    {
        var flat = new ColumnBuilder(ColumnType.Integer);
        for (var i = 0; i < 100; i++)
        {
            flat.AppendInt64(i);
        }

        var withNulls = new ColumnBuilder(ColumnType.Integer);
        withNulls.AppendInt64(1);
        withNulls.AppendNull();
        withNulls.AppendInt64(3);

        var target = new ColumnBuilder(ColumnType.Integer, capacity: 4);
        target.AppendRange(flat.ToVector(), 10, 50);
        target.AppendRange(withNulls.ToVector(), 0, 3);
        target.AppendRange(flat.ToVector(), 0, 2);

        var vector = target.ToVector();
        Assert.Equal(55, vector.Count);
        Assert.Equal(Enumerable.Range(10, 50).Concat([1, 0, 3, 0, 1]).ToArray(), vector.Values<int>().ToArray());
        Assert.Equal([51], Enumerable.Range(0, 55).Where(vector.IsNull).ToArray());
    }
}
