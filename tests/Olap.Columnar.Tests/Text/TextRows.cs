using Olap.Columnar.Format;
using Olap.Columnar.Text;
using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Columnar.Tests.Text;

/// <summary>Reads delimited text in tests and renders the rows as SQL engines print values (NULL as null).</summary>
internal static class TextRows
{
    public static List<string?[]> Read(string text, ColumnDefinition[] columns, DelimitedTextOptions? options = null, int chunkCapacity = VectorSize.Standard)
        => Read(System.Text.Encoding.UTF8.GetBytes(text), columns, options, chunkCapacity);

    public static List<string?[]> Read(byte[] bytes, ColumnDefinition[] columns, DelimitedTextOptions? options = null, int chunkCapacity = VectorSize.Standard, int? blockBytes = null, string name = "test.csv")
    {
        using var stream = new MemoryStream(bytes);
        using var reader = blockBytes is { } block
            ? new DelimitedTextReader(stream, name, columns, options, leaveOpen: false, block)
            : new DelimitedTextReader(stream, name, columns, options);
        return ReadAll(reader, chunkCapacity);
    }

    public static List<string?[]> ReadAll(DelimitedTextReader reader, int chunkCapacity = VectorSize.Standard)
    {
        var types = new ColumnType[reader.Columns.Count];
        for (var c = 0; c < types.Length; c++)
        {
            types[c] = reader.Columns[c].Type;
        }

        var chunk = new DataChunk(types, chunkCapacity);
        var rows = new List<string?[]>();
        while (reader.ReadChunk(chunk))
        {
            for (var row = 0; row < chunk.Count; row++)
            {
                rows.Add(Render(chunk, row));
            }
        }

        Assert.Equal(0, chunk.Count);
        return rows;
    }

    public static string?[] Render(DataChunk chunk, int row)
    {
        var values = new string?[chunk.Columns.Length];
        for (var c = 0; c < values.Length; c++)
        {
            var column = chunk.Columns[c];
            values[c] = column.IsNull(row) ? null : ValueFormatter.Format(column.GetScalar(row), column.Type);
        }

        return values;
    }

    public static void AssertRow(string?[] actual, params string?[] expected) => Assert.Equal((IEnumerable<string?>)expected, actual);

    /// <summary>Column definitions named c0, c1, ... of the given types.</summary>
    public static ColumnDefinition[] Columns(params ColumnType[] types)
    {
        var columns = new ColumnDefinition[types.Length];
        for (var c = 0; c < types.Length; c++)
        {
            columns[c] = new ColumnDefinition($"c{c}", types[c]);
        }

        return columns;
    }
}
