using Olap.Columnar.Types;
using Olap.Query.Execution.Expressions;
using Olap.Query.Parsing.Ast;
using Olap.Query.Planning;

namespace Olap.Query.Binding.Expressions;

public static partial class ExpressionTyping
{
    /// <summary>An implicit cast to <paramref name="target"/>; a constant is converted right away.</summary>
    public static BoundExpression Cast(BoundExpression e, ColumnType target) => Cast(e, target, default);

    /// <summary>
    /// An implicit cast to <paramref name="target"/> (<paramref name="e"/> itself when the types are equal). A constant
    /// is converted right away, so a string literal that does not parse is reported at <paramref name="position"/>.
    /// </summary>
    public static BoundExpression Cast(BoundExpression e, ColumnType target, SqlPosition position)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Type == target)
        {
            return e;
        }

        if (e is BoundConstant constant)
        {
            return Fold(constant, target, position);
        }

        return new BoundCast(e, target);
    }

    /// <summary>CAST(e AS target) or e::target: any cast DuckDB allows between the supported types.</summary>
    public static BoundExpression BindExplicitCast(BoundExpression e, ColumnType target, SqlPosition position)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (!CanCast(e.Type, target) && !(e is BoundConstant { Value.IsNull: true }))
        {
            throw new BindException($"cannot cast {e.Type} to {target}", position);
        }

        return Cast(e, target, position);
    }

    /// <summary>True when DuckDB can cast <paramref name="source"/> to <paramref name="target"/> explicitly.</summary>
    public static bool CanCast(ColumnType source, ColumnType target)
    {
        if (source == target || source.Id == LogicalTypeId.Varchar || target.Id == LogicalTypeId.Varchar)
        {
            return true;
        }

        var sourceNumeric = IsNumeric(source) || source.Id == LogicalTypeId.Boolean;
        var targetNumeric = IsNumeric(target) || target.Id == LogicalTypeId.Boolean;
        if (sourceNumeric && targetNumeric)
        {
            return true;
        }

        return source.Id is LogicalTypeId.Date or LogicalTypeId.Timestamp && target.Id is LogicalTypeId.Date or LogicalTypeId.Timestamp;
    }

    private static BoundConstant Fold(BoundConstant constant, ColumnType target, SqlPosition position)
    {
        if (constant.Value.IsNull)
        {
            return new BoundConstant(ScalarValue.Null, target);
        }

        if (!CanCast(constant.Type, target))
        {
            throw new BindException($"cannot cast {constant.Type} to {target}", position);
        }

        try
        {
            return new BoundConstant(ExpressionExecutor.EvaluateConstant(new BoundCast(constant, target)), target);
        }
        catch (QueryExecutionException error)
        {
            throw new BindException(error.Message, position);
        }
    }
}
