using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Query.Execution.Expressions;

/// <summary>A column of the input chunk, returned as it is (no copy).</summary>
internal sealed class ColumnNode(int index, ColumnType type) : ExpressionNode(type)
{
    public override ColumnVector Evaluate(DataChunk chunk, RowSelection rows) => chunk.Columns[index];
}
