using System.Globalization;
using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Query;

/// <summary>A result column: its name and type.</summary>
public sealed record ResultColumn(string Name, ColumnType Type);

/// <summary>
/// The materialized rows of a statement, column by column. Statements that return no rows (CREATE, INSERT, COPY)
/// give an empty result with <see cref="RowsAffected"/> set.
/// </summary>
public sealed class QueryResult
{
    private readonly ColumnVector[] _vectors;

    internal QueryResult(IReadOnlyList<ResultColumn> columns, IReadOnlyList<ColumnBuilder> data, long rowsAffected = -1)
    {
        Columns = columns;
        _vectors = new ColumnVector[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            _vectors[i] = data[i].ToVector();
        }

        RowCount = columns.Count == 0 ? 0 : data[0].Count;
        RowsAffected = rowsAffected;
    }

    public IReadOnlyList<ResultColumn> Columns { get; }

    public int RowCount { get; }

    /// <summary>Rows a data-changing statement changed, or -1 for a query.</summary>
    public long RowsAffected { get; }

    /// <summary>The column's values as one flat vector.</summary>
    public ColumnVector GetColumn(int column) => _vectors[column];

    public static QueryResult Empty(long rowsAffected) => new([], [], rowsAffected);

    public bool IsNull(int row, int column) => _vectors[column].IsNull(row);

    public ScalarValue GetScalar(int row, int column) => _vectors[column].GetScalar(row);

    /// <summary>
    /// The value as a .NET object: <see cref="bool"/>, <see cref="short"/>, <see cref="int"/>, <see cref="long"/>,
    /// <see cref="Int128"/>, <see cref="double"/>, <see cref="decimal"/>, <see cref="string"/>, <see cref="DateOnly"/>,
    /// <see cref="DateTime"/>; null for NULL.
    /// </summary>
    public object? GetValue(int row, int column)
    {
        var vector = _vectors[column];
        if (vector.IsNull(row))
        {
            return null;
        }

        var type = vector.Type;
        return type.Id switch
        {
            LogicalTypeId.Boolean => vector.GetValue<byte>(row) != 0,
            LogicalTypeId.SmallInt => vector.GetValue<short>(row),
            LogicalTypeId.Integer => vector.GetValue<int>(row),
            LogicalTypeId.BigInt => vector.GetValue<long>(row),
            LogicalTypeId.HugeInt => vector.GetValue<Int128>(row),
            LogicalTypeId.Double => vector.GetValue<double>(row),
            LogicalTypeId.Decimal => decimal.Parse(ValueFormatter.Format(vector.GetScalar(row), type), CultureInfo.InvariantCulture),
            LogicalTypeId.Varchar => System.Text.Encoding.UTF8.GetString(vector.GetString(row)),
            LogicalTypeId.Date => DateOnly.FromDayNumber(DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber + vector.GetValue<int>(row)),
            LogicalTypeId.Timestamp => DateTime.UnixEpoch.AddTicks(vector.GetValue<long>(row) * 10),
            _ => throw new InvalidOperationException($"Unknown type {type}."),
        };
    }

    /// <summary>The value as SQL text (NULL, dates as yyyy-MM-dd, decimals with their scale).</summary>
    public string GetText(int row, int column) => ValueFormatter.Format(GetScalar(row, column), _vectors[column].Type);
}
