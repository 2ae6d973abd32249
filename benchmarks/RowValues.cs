namespace Olap.Benchmarks;

/// <summary>Every value of every row of a result as .NET objects, NULL as null: what the benchmarks time and compare.</summary>
internal static class RowValues
{
    public static List<object?[]> Of(Olap.Query.QueryResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var rows = new List<object?[]>(result.RowCount);
        for (var row = 0; row < result.RowCount; row++)
        {
            var values = new object?[result.Columns.Count];
            for (var column = 0; column < values.Length; column++)
            {
                values[column] = result.GetValue(row, column);
            }

            rows.Add(values);
        }

        return rows;
    }

    public static List<object?[]> Of(System.Data.Common.DbDataReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var values = new object?[reader.FieldCount];
            for (var column = 0; column < values.Length; column++)
            {
                values[column] = reader.IsDBNull(column) ? null : reader.GetValue(column);
            }

            rows.Add(values);
        }

        return rows;
    }
}
