using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Query.Execution.Expressions;

/// <summary>
/// One compiled node of an expression tree. A node owns its result vector and scratch buffers and reuses them from
/// chunk to chunk, so a tree belongs to one worker thread.
/// </summary>
internal abstract class ExpressionNode(ColumnType type)
{
    public ColumnType Type { get; } = type;

    /// <summary>Evaluates the live rows of <paramref name="rows"/>; the result has <c>rows.Count</c> positions.</summary>
    public abstract ColumnVector Evaluate(DataChunk chunk, RowSelection rows);

    /// <summary>For a BOOLEAN node: the live rows where the value is TRUE, ascending, into <paramref name="result"/>.</summary>
    public virtual int Select(DataChunk chunk, RowSelection rows, Span<int> result)
        => BooleanRows.SelectTrue(Evaluate(chunk, rows), rows, result);
}
