using System.Globalization;
using System.Numerics;
using DuckDB.NET.Data;

namespace Olap.Query.Tests.Differential;

/// <summary>
/// A result of either engine with its values normalized so the two can be compared: every integer (any width,
/// HUGEINT) is a <see cref="BigInteger"/>, DECIMAL a <see cref="decimal"/>, DOUBLE a <see cref="double"/>, DATE a
/// <see cref="DateOnly"/>, TIMESTAMP a <see cref="DateTime"/>, VARCHAR a <see cref="string"/>, BOOLEAN a
/// <see cref="bool"/> and NULL null. The type names are kept for the failure message only.
/// </summary>
internal sealed record ResultRows(IReadOnlyList<string> ColumnNames, IReadOnlyList<string> TypeNames, IReadOnlyList<object?[]> Rows)
{
    public static ResultRows FromOlap(QueryResult result)
    {
        var names = result.Columns.Select(c => c.Name).ToArray();
        var types = result.Columns.Select(c => c.Type.ToString()).ToArray();
        var rows = new List<object?[]>(result.RowCount);
        for (var r = 0; r < result.RowCount; r++)
        {
            var row = new object?[names.Length];
            for (var c = 0; c < names.Length; c++)
            {
                row[c] = Normalize(result.GetValue(r, c));
            }

            rows.Add(row);
        }

        return new ResultRows(names, types, rows);
    }

    public static ResultRows FromDuckDb(DuckDBDataReader reader)
    {
        var names = new string[reader.FieldCount];
        var types = new string[reader.FieldCount];
        for (var c = 0; c < names.Length; c++)
        {
            names[c] = reader.GetName(c);
            types[c] = reader.GetDataTypeName(c);
        }

        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[names.Length];
            for (var c = 0; c < names.Length; c++)
            {
                row[c] = reader.IsDBNull(c) ? null
                    : types[c].Equals("DATE", StringComparison.OrdinalIgnoreCase) ? reader.GetFieldValue<DateOnly>(c)
                    : Normalize(reader.GetValue(c));
            }

            rows.Add(row);
        }

        return new ResultRows(names, types, rows);
    }

    /// <summary>The comparable form of a value of either engine.</summary>
    public static object? Normalize(object? value) => value switch
    {
        null or DBNull => null,
        sbyte v => new BigInteger(v),
        byte v => new BigInteger(v),
        short v => new BigInteger(v),
        ushort v => new BigInteger(v),
        int v => new BigInteger(v),
        uint v => new BigInteger(v),
        long v => new BigInteger(v),
        ulong v => new BigInteger(v),
        Int128 v => (BigInteger)v,
        UInt128 v => (BigInteger)v,
        BigInteger v => v,
        float v => (double)v,
        double or decimal or string or bool or DateOnly or DateTime => value,
        _ => throw new NotSupportedException($"no comparable form for {value.GetType().Name} '{value}'"),
    };

    /// <summary>A value as the failure message shows it: NULL, strings quoted, numbers invariant.</summary>
    public static string Format(object? value) => value switch
    {
        null => "NULL",
        string s => "'" + s + "'",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "?",
    };

    public static string FormatRow(object?[] row) => "(" + string.Join(", ", row.Select(Format)) + ")";

    public string DescribeColumns()
        => "[" + string.Join(", ", ColumnNames.Select((name, i) => name + " " + TypeNames[i])) + "]";
}
