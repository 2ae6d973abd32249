using DuckDB.NET.Data;

namespace Olap.Query.Tests.Execution.Expressions;

/// <summary>An in-process DuckDB holding <see cref="ExpressionTestTable"/>: the reference answers for expressions.</summary>
public sealed class DuckDbOracle : IDisposable
{
    private readonly DuckDBConnection _connection = new("DataSource=:memory:");

    public DuckDbOracle()
    {
        _connection.Open();
        using var command = _connection.CreateCommand();
        command.CommandText = ExpressionTestTable.CreateSql();
        command.ExecuteNonQuery();
    }

    /// <summary>DuckDB's type and per-row text of <paramref name="expression"/> over the table, or its error.</summary>
    public (string? Type, string[]? Values, string? Error) Evaluate(string expression)
    {
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = $"SELECT typeof({expression}), ({expression})::VARCHAR FROM t ORDER BY rowid";
            using var reader = command.ExecuteReader();
            string? type = null;
            var values = new List<string>();
            while (reader.Read())
            {
                type = reader.GetString(0);
                values.Add(reader.IsDBNull(1) ? "NULL" : reader.GetString(1));
            }

            return (type, values.ToArray(), null);
        }
        catch (DuckDBException error)
        {
            return (null, null, error.Message);
        }
    }

    public void Dispose() => _connection.Dispose();
}
