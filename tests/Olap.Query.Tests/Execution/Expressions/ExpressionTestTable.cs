using Olap.Columnar.Types;
using Olap.Columnar.Vectors;
using Olap.Query.Binding.Expressions;
using Olap.Query.Execution.Expressions;
using Olap.Query.Planning;
using Olap.Query.Tests.Binding.Expressions;

namespace Olap.Query.Tests.Execution.Expressions;

/// <summary>
/// A small table with every type, NULLs and edge values, loaded both into DuckDB (as SQL) and into a chunk here, so
/// one expression can be evaluated by both engines and compared.
/// </summary>
internal static class ExpressionTestTable
{
    public static readonly (string Name, ColumnType Type)[] Columns =
    [
        ("i", ColumnType.Integer), ("s", ColumnType.Varchar), ("b", ColumnType.Boolean), ("d", ColumnType.Date),
        ("dec", ColumnType.Decimal(10, 2)), ("big", ColumnType.BigInt), ("sm", ColumnType.SmallInt), ("db", ColumnType.Double),
        ("ts", ColumnType.Timestamp), ("n", ColumnType.Varchar),
    ];

    public static readonly string[][] Rows =
    [
        ["7", "'abc'", "true", "DATE '1997-03-15'", "12.34", "100", "3", "2.5", "TIMESTAMP '1997-03-15 10:11:12.5'", "'12'"],
        ["-3", "'héllo wörld'", "false", "DATE '1969-12-31'", "-0.05", "-9000000000", "-32768", "-0.5", "TIMESTAMP '1969-12-31 23:59:59'", "' 42 '"],
        ["NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL"],
        ["0", "''", "true", "DATE '2000-02-29'", "0.00", "0", "0", "10000000000.0", "TIMESTAMP '2000-02-29 00:00:00'", "'-7'"],
        ["2000000000", "'ABC'", "NULL", "DATE '2024-12-31'", "99999999.99", "9000000000000000000", "32767", "-123.456", "TIMESTAMP '2024-12-31 23:59:59.999999'", "'1e2'"],
        ["-7", "'abc'", "false", "DATE '1997-01-01'", "-12.35", "7", "-3", "0.1", "TIMESTAMP '1997-01-01 00:00:00'", "'x'"],
    ];

    public static string CreateSql()
    {
        var columns = string.Join(", ", Columns.Select(c => $"{c.Name} {c.Type}"));
        var rows = string.Join(", ", Rows.Select(r => $"({string.Join(", ", r)})"));
        return $"CREATE TABLE t({columns}); INSERT INTO t VALUES {rows};";
    }

    /// <summary>The table as one chunk of flat vectors; string columns in dictionary form when asked.</summary>
    public static DataChunk Chunk(bool dictionaryStrings = false)
    {
        var chunk = new DataChunk(Columns.Select(c => c.Type).ToArray());
        var binder = new TestExpressionBinder([]);
        for (var c = 0; c < Columns.Length; c++)
        {
            var type = Columns[c].Type;
            var builder = new ColumnBuilder(type);
            foreach (var row in Rows)
            {
                var literal = ExpressionTyping.BindExplicitCast(binder.Bind(row[c]), type, default);
                builder.Append(ExpressionExecutor.EvaluateConstant(literal));
            }

            var flat = builder.ToVector();
            chunk.Columns[c] = dictionaryStrings && type.Physical == PhysicalKind.String ? ToDictionary(flat) : flat;
        }

        chunk.SetCount(Rows.Length);
        return chunk;
    }

    /// <summary>Re-encodes a flat string vector as distinct entries plus codes (NULL rows point at entry 0).</summary>
    public static ColumnVector ToDictionary(ColumnVector flat)
    {
        var distinct = new List<byte[]>();
        var codes = new int[flat.Count];
        for (var row = 0; row < flat.Count; row++)
        {
            var value = flat.IsNull(row) ? [] : flat.GetString(row).ToArray();
            var index = distinct.FindIndex(v => v.AsSpan().SequenceEqual(value));
            if (index < 0)
            {
                index = distinct.Count;
                distinct.Add(value);
            }

            codes[row] = index;
        }

        var builder = new ColumnBuilder(flat.Type);
        foreach (var value in distinct)
        {
            builder.AppendString(value);
        }

        var result = new ColumnVector(flat.Type);
        result.ReferenceDictionary(flat.Count, builder.ToVector(), codes);
        for (var row = 0; row < flat.Count; row++)
        {
            if (flat.IsNull(row))
            {
                result.Validity.SetInvalid(row, flat.Count);
            }
        }

        return result;
    }

    /// <summary>The expression's values as text (NULL for NULL), through the engine's own cast to VARCHAR.</summary>
    public static string[] EvaluateAsText(BoundExpression expression, DataChunk chunk)
    {
        var executor = ExpressionExecutor.Create(ExpressionTyping.Cast(expression, ColumnType.Varchar));
        var vector = executor.Evaluate(chunk);
        var rows = chunk.Selection?.Indices.ToArray() ?? Enumerable.Range(0, chunk.Count).ToArray();
        return [.. rows.Select(r => vector.IsNull(r) ? "NULL" : System.Text.Encoding.UTF8.GetString(vector.GetString(r)))];
    }
}
