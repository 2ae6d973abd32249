using Olap.Columnar.Types;
using Olap.Query;

namespace Olap.Benchmarks.Sql;

/// <summary>Olap in memory: <see cref="OlapDatabase.OpenInMemory"/>, one connection with a fixed worker count.</summary>
internal sealed class OlapEngine : SqlEngine
{
    private readonly OlapDatabase _database = OlapDatabase.OpenInMemory();
    private readonly OlapSession _connection;

    public OlapEngine(int threads)
    {
        _connection = _database.Connect();
        _connection.Execute($"SET threads = {threads}");
    }

    public override string Name => "Olap";

    public override void Load(StarDataset dataset)
    {
        Execute(StarDataset.FactSchema);
        Execute(StarDataset.DimSchema);
        Execute($"COPY fact FROM '{dataset.FactPath}' (HEADER true)");
        Execute($"COPY dim FROM '{dataset.DimPath}' (HEADER true)");
    }

    public override void Execute(string sql) => _connection.Execute(sql);

    /// <summary>The rendered plan with per-operator rows and times.</summary>
    public string ExplainAnalyze(string sql)
    {
        var result = _connection.Execute("EXPLAIN ANALYZE " + sql);
        var lines = new System.Text.StringBuilder();
        for (var row = 0; row < result.RowCount; row++)
        {
            for (var column = 0; column < result.Columns.Count; column++)
            {
                lines.Append(result.GetText(row, column)).Append(column + 1 < result.Columns.Count ? " | " : "\n");
            }
        }

        return lines.ToString();
    }

    public override long Consume(string sql)
    {
        var result = _connection.Execute(sql);
        long hash = result.RowCount;
        for (var column = 0; column < result.Columns.Count; column++)
        {
            var vector = result.GetColumn(column);
            var rows = result.RowCount;
            switch (vector.Type.Physical)
            {
                case PhysicalKind.Int32:
                    for (var row = 0; row < rows; row++)
                    {
                        hash = Fold(hash, vector.IsNull(row) ? -1 : vector.GetValue<int>(row));
                    }

                    break;
                case PhysicalKind.Int64:
                    for (var row = 0; row < rows; row++)
                    {
                        hash = Fold(hash, vector.IsNull(row) ? -1 : vector.GetValue<long>(row));
                    }

                    break;
                case PhysicalKind.Int128:
                    for (var row = 0; row < rows; row++)
                    {
                        hash = Fold(hash, vector.IsNull(row) ? -1 : (long)vector.GetValue<Int128>(row));
                    }

                    break;
                case PhysicalKind.Double:
                    for (var row = 0; row < rows; row++)
                    {
                        hash = Fold(hash, vector.IsNull(row) ? -1 : BitConverter.DoubleToInt64Bits(vector.GetValue<double>(row)));
                    }

                    break;
                default:
                    // Strings: read the value and fold its length (the result keeps its bytes; no copy needed).
                    for (var row = 0; row < rows; row++)
                    {
                        hash = Fold(hash, vector.IsNull(row) ? -1 : result.GetValue(row, column) is string text ? text.Length : 0);
                    }

                    break;
            }
        }

        return hash;
    }

    public override List<object?[]> Rows(string sql) => RowValues.Of(_connection.Execute(sql));

    public override void Dispose()
    {
        _connection.Dispose();
        _database.Dispose();
    }
}
