using Olap.Columnar.Types;

namespace Olap.Query.Planning.Logical;

/// <summary>Literal rows (VALUES lists, or the single empty row of a SELECT without FROM).</summary>
public sealed class LogicalValues(IReadOnlyList<IReadOnlyList<ScalarValue>> rows, IReadOnlyList<OutputColumn> columns) : LogicalOperator
{
    public IReadOnlyList<IReadOnlyList<ScalarValue>> Rows { get; } = rows;

    public override IReadOnlyList<OutputColumn> Columns { get; } = columns;

    public override IReadOnlyList<LogicalOperator> Children => [];
}
