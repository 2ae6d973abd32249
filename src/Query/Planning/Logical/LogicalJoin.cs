using Olap.Query.Parsing.Ast;

namespace Olap.Query.Planning.Logical;

/// <summary>
/// A join producing the left's columns then the right's. <see cref="LeftKeys"/>[i] = <see cref="RightKeys"/>[i]
/// are the equality conditions (each bound on its own side's columns); <see cref="Residual"/> is any other condition,
/// bound on the joined columns.
/// </summary>
public sealed class LogicalJoin(JoinKind kind, LogicalOperator left, LogicalOperator right, IReadOnlyList<BoundExpression> leftKeys, IReadOnlyList<BoundExpression> rightKeys, BoundExpression? residual) : LogicalOperator
{
    public JoinKind Kind { get; } = kind;

    public LogicalOperator Left { get; } = left;

    public LogicalOperator Right { get; } = right;

    public IReadOnlyList<BoundExpression> LeftKeys { get; } = leftKeys;

    public IReadOnlyList<BoundExpression> RightKeys { get; } = rightKeys;

    public BoundExpression? Residual { get; } = residual;

    public override IReadOnlyList<OutputColumn> Columns => [.. Left.Columns, .. Right.Columns];

    public override IReadOnlyList<LogicalOperator> Children => [Left, Right];
}
