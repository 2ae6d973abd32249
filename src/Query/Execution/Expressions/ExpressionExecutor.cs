using Olap.Columnar.Types;
using Olap.Columnar.Vectors;
using Olap.Query.Planning;

namespace Olap.Query.Execution.Expressions;

// TEMPORARY: replaced by the vectorized executor being written on branch `expr`.
public sealed class ExpressionExecutor
{
    private readonly BoundExpression _expression;

    private ExpressionExecutor(BoundExpression expression) => _expression = expression;

    public static ExpressionExecutor Create(BoundExpression expression) => new(expression);

    public static ScalarValue EvaluateConstant(BoundExpression expression)
        => expression is BoundConstant constant ? constant.Value : throw new NotSupportedException("temporary");

    public ColumnVector Evaluate(DataChunk chunk)
        => _expression is BoundColumn column ? chunk.Columns[column.Index] : throw new NotSupportedException("temporary");

    public int Select(DataChunk chunk, SelectionVector result) => throw new NotSupportedException("temporary");
}

// TEMPORARY: the expression branch defines the real one.
public sealed class QueryExecutionException(string message) : Exception(message);
