using Olap.Columnar.Types;
using Olap.Query;

namespace Olap.Cli.Rendering;

/// <summary>
/// A query result as the renderers need it: names, type names, and each cell as text or null for NULL. Cells are
/// formatted on demand, so a box that shows 40 rows of a million formats 40.
/// </summary>
internal sealed class ResultView
{
    private readonly QueryResult _result;

    public ResultView(QueryResult result)
    {
        _result = result;
        Names = [.. result.Columns.Select(c => c.Name)];
        TypeNames = [.. result.Columns.Select(c => c.Type.ToString().ToLowerInvariant())];
        Kinds = [.. result.Columns.Select(c => KindOf(c.Type))];
    }

    public IReadOnlyList<string> Names { get; }

    /// <summary>Lower case, as DuckDB prints them under the names.</summary>
    public IReadOnlyList<string> TypeNames { get; }

    public IReadOnlyList<CellKind> Kinds { get; }

    public int ColumnCount => Names.Count;

    public int RowCount => _result.RowCount;

    /// <summary>The value as SQL text, or null for NULL.</summary>
    public string? Cell(int row, int column) => _result.IsNull(row, column) ? null : _result.GetText(row, column);

    private static CellKind KindOf(ColumnType type) => type.Id switch
    {
        LogicalTypeId.SmallInt or LogicalTypeId.Integer or LogicalTypeId.BigInt or LogicalTypeId.HugeInt
            or LogicalTypeId.Decimal or LogicalTypeId.Double => CellKind.Number,
        LogicalTypeId.Boolean => CellKind.Boolean,
        _ => CellKind.Text,
    };
}

/// <summary>What a column holds, as far as layout cares: numbers align right, JSON leaves numbers and booleans bare.</summary>
internal enum CellKind
{
    Text,
    Number,
    Boolean,
}
