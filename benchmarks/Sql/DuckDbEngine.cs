using System.Data.Common;
using System.Numerics;
using DuckDB.NET.Data;

namespace Olap.Benchmarks.Sql;

/// <summary>DuckDB in process (DuckDB.NET), an in-memory database with a fixed thread count.</summary>
internal sealed class DuckDbEngine : SqlEngine
{
    private readonly DuckDBConnection _connection = new("DataSource=:memory:");

    public DuckDbEngine(int threads)
    {
        _connection.Open();
        Execute($"SET threads = {threads}");
    }

    public override string Name => "DuckDB";

    public override void Load(StarDataset dataset)
    {
        Execute(StarDataset.FactSchema);
        Execute(StarDataset.DimSchema);
        Execute($"COPY fact FROM '{dataset.FactPath}' (HEADER true)");
        Execute($"COPY dim FROM '{dataset.DimPath}' (HEADER true)");
    }

    public override void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public override long Consume(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var kinds = new ValueKind[reader.FieldCount];
        for (var column = 0; column < kinds.Length; column++)
        {
            kinds[column] = KindOf(reader.GetFieldType(column));
        }

        long hash = 0;
        long rows = 0;
        while (reader.Read())
        {
            rows++;
            for (var column = 0; column < kinds.Length; column++)
            {
                hash = Fold(hash, Read(reader, column, kinds[column]));
            }
        }

        return Fold(hash, rows);
    }

    public override List<object?[]> Rows(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        return RowValues.Of(reader);
    }

    public override void Dispose() => _connection.Dispose();

    private static long Read(DbDataReader reader, int column, ValueKind kind)
    {
        if (reader.IsDBNull(column))
        {
            return -1;
        }

        return kind switch
        {
            ValueKind.Int32 => reader.GetInt32(column),
            ValueKind.Int64 => reader.GetInt64(column),
            ValueKind.Double => BitConverter.DoubleToInt64Bits(reader.GetDouble(column)),
            ValueKind.BigInteger => (long)reader.GetFieldValue<BigInteger>(column),
            ValueKind.String => reader.GetString(column).Length,
            _ => reader.GetValue(column).GetHashCode(),
        };
    }

    private static ValueKind KindOf(Type type) =>
        type == typeof(int) ? ValueKind.Int32
        : type == typeof(long) ? ValueKind.Int64
        : type == typeof(double) ? ValueKind.Double
        : type == typeof(BigInteger) ? ValueKind.BigInteger
        : type == typeof(string) ? ValueKind.String
        : ValueKind.Other;

    private enum ValueKind
    {
        Int32,
        Int64,
        Double,
        BigInteger,
        String,
        Other,
    }
}
