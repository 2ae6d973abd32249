using Olap.Columnar.Types;
using Olap.Columnar.Vectors;
using Olap.Query.Planning;

namespace Olap.Query.Execution.Expressions;

/// <summary>
/// Evaluates a bound expression over chunks, vectorized: each node runs one typed loop over a whole chunk and reuses
/// its result vector. Compile one executor per worker thread (<see cref="Create"/>); an executor is not thread-safe.
/// </summary>
public sealed class ExpressionExecutor
{
    private readonly ExpressionNode _root;

    private ExpressionExecutor(ExpressionNode root) => _root = root;

    public ColumnType Type => _root.Type;

    public static ExpressionExecutor Create(BoundExpression expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return new ExpressionExecutor(NodeCompiler.Compile(expression));
    }

    /// <summary>
    /// Evaluates the live rows of <paramref name="chunk"/> (its selection when set; other positions are undefined).
    /// The result has <c>chunk.Count</c> positions aligned with the input; it belongs to the executor (or is one of the
    /// chunk's own columns for a bare column reference) and is valid until the next call.
    /// </summary>
    public ColumnVector Evaluate(DataChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        return chunk.Selection is { } selection
            ? _root.Evaluate(chunk, new RowSelection(chunk.Count, selection.Indices))
            : _root.Evaluate(chunk, new RowSelection(chunk.Count));
    }

    /// <summary>
    /// For a BOOLEAN expression: writes the live rows of <paramref name="chunk"/> where it is TRUE into
    /// <paramref name="result"/>, ascending, and returns their count (FALSE and NULL rows drop out).
    /// </summary>
    public int Select(DataChunk chunk, SelectionVector result)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        ArgumentNullException.ThrowIfNull(result);
        if (_root.Type.Id != LogicalTypeId.Boolean)
        {
            throw new InvalidOperationException($"Only a BOOLEAN expression selects rows, not a {_root.Type} one.");
        }

        var count = chunk.Selection is { } selection
            ? _root.Select(chunk, new RowSelection(chunk.Count, selection.Indices), result.Storage)
            : _root.Select(chunk, new RowSelection(chunk.Count), result.Storage);
        result.SetCount(count);
        return count;
    }

    /// <summary>The value of an expression that reads no column (<see cref="BoundExpression.IsConstant"/>), for constant folding.</summary>
    public static ScalarValue EvaluateConstant(BoundExpression expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        if (!expression.IsConstant)
        {
            throw new ArgumentException("The expression reads columns; only constant expressions fold.", nameof(expression));
        }

        if (expression is BoundConstant constant)
        {
            return constant.Value;
        }

        var chunk = new DataChunk([], 1);
        chunk.SetCount(1);
        var vector = Create(expression).Evaluate(chunk);
        return vector.GetScalar(0);
    }
}
