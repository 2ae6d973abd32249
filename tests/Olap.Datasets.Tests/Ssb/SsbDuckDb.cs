using System.Globalization;
using System.Text.RegularExpressions;
using DuckDB.NET.Data;
using Olap.Datasets.Ssb;

namespace Olap.Datasets.Tests.Ssb;

/// <summary>An in-process DuckDB holding one SSB data set, loaded from .tbl or .tbl.gz files with the schema of benchmarks/ssb.</summary>
public sealed partial class SsbDuckDb : IDisposable
{
    private readonly DuckDBConnection _connection = new("Data Source=:memory:");

    public SsbDuckDb(Func<SsbTable, string> fileOf)
    {
        _connection.Open();

        // DuckDB has no SORTED BY, and 'date' is a keyword there.
        Execute(SortedBy().Replace(Quote(SsbSchema.Text), string.Empty));
        foreach (var table in SsbGenerator.Tables)
        {
            Execute($"COPY \"{SsbGenerator.TableName(table)}\" FROM '{fileOf(table)}' (DELIMITER '|', HEADER false)");
        }
    }

    /// <summary>SSB text says 'date'; DuckDB wants "date".</summary>
    public static string Quote(string sql) => DateTable().Replace(sql, "\"date\"");

    public void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public List<object?[]> Query(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    public double Scalar(string sql) => Number(Query(sql)[0][0]);

    /// <summary>DuckDB sums integers into HUGEINT, which arrives as a BigInteger.</summary>
    public static double Number(object? value) => value switch
    {
        null => 0,
        System.Numerics.BigInteger big => (double)big,
        _ => Convert.ToDouble(value, CultureInfo.InvariantCulture),
    };

    public void Dispose() => _connection.Dispose();

    /// <summary>The word 'date' alone; '_' is a word character, so d_date and lo_orderdate do not match.</summary>
    [GeneratedRegex(@"\bdate\b")]
    private static partial Regex DateTable();

    [GeneratedRegex(@"SORTED BY \([^)]*\)")]
    private static partial Regex SortedBy();
}
