using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Query.Tests.Execution.Operators;

/// <summary>Small hand-built vectors for operator tests; null entries become NULL.</summary>
internal static class Vectors
{
    public static ColumnVector Integers(params int?[] values) => Build(ColumnType.Integer, values, (b, v) => b.AppendInt64(v));

    public static ColumnVector BigInts(params long?[] values) => Build(ColumnType.BigInt, values, (b, v) => b.AppendInt64(v));

    public static ColumnVector Doubles(params double?[] values) => Build(ColumnType.Double, values, (b, v) => b.AppendDouble(v));

    public static ColumnVector Strings(params string?[] values)
    {
        var builder = new ColumnBuilder(ColumnType.Varchar);
        foreach (var value in values)
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

    /// <summary>A dictionary-form string vector: row i is <paramref name="entries"/>[<paramref name="codes"/>[i]].</summary>
    public static ColumnVector DictionaryStrings(string[] entries, params int[] codes)
    {
        var dictionary = Strings(entries);
        var vector = new ColumnVector(ColumnType.Varchar);
        var storage = vector.RentCodes(codes.Length);
        codes.CopyTo(storage.Span);
        vector.ReferenceDictionary(codes.Length, dictionary, storage);
        return vector;
    }

    /// <summary>0, 1, ..., count - 1: every row of a vector.</summary>
    public static int[] AllRows(int count) => [.. Enumerable.Range(0, count)];

    private static ColumnVector Build<T>(ColumnType type, T?[] values, Action<ColumnBuilder, T> append)
        where T : struct
    {
        var builder = new ColumnBuilder(type);
        foreach (var value in values)
        {
            if (value is { } present)
            {
                append(builder, present);
            }
            else
            {
                builder.AppendNull();
            }
        }

        return builder.ToVector();
    }
}
