using Olap.Columnar.Types;

namespace Olap.Query.Planning.Logical;

/// <summary>A column an operator produces: its name (for binding and result headers), its type, and the table alias it came from.</summary>
public sealed record OutputColumn(string Name, ColumnType Type, string? Table = null);

/// <summary>
/// A node of the logical plan. Expressions above an operator refer to its output columns by position; rewrites
/// that change a node's outputs must remap the expressions that read them.
/// </summary>
public abstract class LogicalOperator
{
    public abstract IReadOnlyList<OutputColumn> Columns { get; }

    public abstract IReadOnlyList<LogicalOperator> Children { get; }
}
