using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Columnar.Tests.Vectors;

/// <summary>Gathering strings from flat vectors with NULLs and from dictionary vectors keeps every value and every NULL.</summary>
public sealed class ColumnBuilderGatherTests
{
    private static readonly string?[] Values = ["alpha", null, "", "beta", null, "gamma", "alpha"];

    private static ColumnVector Flat()
    {
        var builder = new ColumnBuilder(ColumnType.Varchar);
        foreach (var value in Values)
        {
            if (value is null)
            {
                builder.AppendNull();
            }
            else
            {
                builder.AppendString(value);
            }
        }

        return builder.ToVector();
    }

    private static ColumnVector Dictionary()
    {
        var entries = new ColumnBuilder(ColumnType.Varchar);
        foreach (var entry in new[] { "alpha", "", "beta", "gamma" })
        {
            entries.AppendString(entry);
        }

        var dictionary = entries.ToVector();
        var vector = new ColumnVector(ColumnType.Varchar);
        var codes = new[] { 0, 0, 1, 2, 0, 3, 0 };
        vector.ReferenceDictionary(codes.Length, dictionary, codes);
        for (var row = 0; row < Values.Length; row++)
        {
            if (Values[row] is null)
            {
                vector.Validity.SetInvalid(row, Values.Length);
            }
        }

        return vector;
    }

    [Fact]
    public void Fixed_width_values_with_nulls_are_gathered_with_their_nulls()
    {
        long?[] values = [5, null, -7, 1L << 40, null, 0];
        var source = new ColumnBuilder(ColumnType.BigInt);
        foreach (var value in values)
        {
            if (value is null)
            {
                source.AppendNull();
            }
            else
            {
                source.AppendInt64(value.Value);
            }
        }

        int[] rows = [4, 3, 1, 0, 2, 5, 1];
        var builder = new ColumnBuilder(ColumnType.BigInt);
        builder.AppendInt64(9);
        builder.AppendGather(source.ToVector(), rows);
        var vector = builder.ToVector();

        long?[] expected = [9, .. rows.Select(r => values[r])];
        Assert.Equal(expected, Enumerable.Range(0, vector.Count).Select(r => vector.IsNull(r) ? (long?)null : vector.GetValue<long>(r)));
        Assert.Equal(3, builder.NullCount);
    }

    private static List<string?> Read(ColumnVector vector) => [.. Enumerable.Range(0, vector.Count).Select(r => vector.IsNull(r) ? null : System.Text.Encoding.UTF8.GetString(vector.GetString(r)))];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Strings_and_nulls_arrive_in_the_order_asked_for(bool dictionary)
    {
        var source = dictionary ? Dictionary() : Flat();
        int[] rows = [6, 4, 0, 2, 1, 5, 3, 3];
        var builder = new ColumnBuilder(ColumnType.Varchar);
        builder.AppendString("first");
        builder.AppendGather(source, rows);
        builder.AppendNull();

        var expected = new List<string?> { "first" };
        expected.AddRange(rows.Select(r => Values[r]));
        expected.Add(null);
        Assert.Equal(expected, Read(builder.ToVector()));
        Assert.Equal(expected.Count(v => v is null), builder.NullCount);
    }
}
