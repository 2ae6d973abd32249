using Olap.Columnar.Predicates;
using Olap.Columnar.Types;
using Olap.Query.Execution.Expressions;
using Olap.Query.Parsing.Ast;
using Olap.Query.Planning;

namespace Olap.Query.Binding.Expressions;

public static partial class ExpressionTyping
{
    /// <summary>
    /// left kind right in the type both meet in. As in DuckDB, a VARCHAR operand against another type is cast to that
    /// type (a literal at bind time: <c>d_date = '1997-01-01'</c>; a column per row).
    /// </summary>
    public static BoundExpression Comparison(ComparisonKind kind, BoundExpression left, BoundExpression right, SqlPosition position)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        var type = ComparisonType(left, right, position);
        return new BoundComparison(kind, Cast(left, type, position), Cast(right, type, position));
    }

    /// <summary>The type two compared operands are cast to, or a BindException when they do not compare.</summary>
    private static ColumnType ComparisonType(BoundExpression left, BoundExpression right, SqlPosition position)
    {
        var l = LiteralAwareType(left, right);
        var r = LiteralAwareType(right, left);
        if (l == r)
        {
            return l;
        }

        if (left is BoundConstant { Value.IsNull: true })
        {
            return r;
        }

        if (right is BoundConstant { Value.IsNull: true })
        {
            return l;
        }

        if (l.Id == LogicalTypeId.Varchar && CanCast(l, r))
        {
            return r;
        }

        if (r.Id == LogicalTypeId.Varchar && CanCast(r, l))
        {
            return l;
        }

        if (TryGetCommonType(l, r, out var common))
        {
            return common;
        }

        // BOOLEAN compares with DECIMAL and DOUBLE as a number (DuckDB: true = 1.0).
        if (l.Id == LogicalTypeId.Boolean && IsNumeric(r))
        {
            return r;
        }

        if (r.Id == LogicalTypeId.Boolean && IsNumeric(l))
        {
            return l;
        }

        throw new BindException($"cannot compare {left.Type} with {right.Type}", position);
    }

    /// <summary>
    /// left op right with DuckDB's result types: integers stay in the wider integer type (overflow is an error), / is
    /// DOUBLE, DECIMAL sums and products grow their precision, DATE ± INTEGER is a DATE and DATE - DATE a BIGINT.
    /// </summary>
    public static BoundExpression Arithmetic(ArithmeticOperator op, BoundExpression left, BoundExpression right, SqlPosition position)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        var symbol = Symbol(op);
        if (left.Type.Id == LogicalTypeId.Date || right.Type.Id == LogicalTypeId.Date)
        {
            return DateArithmetic(op, left, right, position, symbol);
        }

        var l = LiteralAwareType(left, right);
        var r = LiteralAwareType(right, left);
        if (!IsNumeric(l) || !IsNumeric(r) || !TryGetCommonType(l, r, out var common))
        {
            throw new BindException($"no operator {symbol} for {left.Type} and {right.Type}; add an explicit cast", position);
        }

        if (op == ArithmeticOperator.Divide || common.Id == LogicalTypeId.Double
            || (op == ArithmeticOperator.IntegerDivide && common.Id == LogicalTypeId.Decimal))
        {
            // DuckDB: / is always DOUBLE division; // of DECIMALs is DOUBLE division too.
            var kind = op == ArithmeticOperator.IntegerDivide && common.Id == LogicalTypeId.Decimal ? ArithmeticOperator.Divide : op;
            return new BoundArithmetic(kind, Cast(left, ColumnType.Double, position), Cast(right, ColumnType.Double, position), ColumnType.Double);
        }

        if (common.Id != LogicalTypeId.Decimal)
        {
            return new BoundArithmetic(op, Cast(left, common, position), Cast(right, common, position), common);
        }

        var a = AsDecimal(l);
        var b = AsDecimal(r);
        var maxWidth = Math.Max(a.Precision, b.Precision);
        switch (op)
        {
            case ArithmeticOperator.Add or ArithmeticOperator.Subtract:
            {
                var scale = Math.Max(a.Scale, b.Scale);
                var width = Math.Max(scale + Math.Max(a.Precision - a.Scale, b.Precision - b.Scale), maxWidth) + 1;
                // Like DuckDB, stay in 64 bits when both operands do (overflow is then checked at run time).
                width = CapWidth(width, maxWidth);
                var type = ColumnType.Decimal(width, scale);
                return new BoundArithmetic(op, Cast(left, type, position), Cast(right, type, position), type);
            }

            case ArithmeticOperator.Multiply:
            {
                var scale = a.Scale + b.Scale;
                if (scale > ColumnType.MaxWideDecimalPrecision)
                {
                    throw new BindException(
                        $"Needed scale {scale} to accurately represent the multiplication result, but this is out of range of the DECIMAL type. Max scale is {ColumnType.MaxWideDecimalPrecision}; add a cast to DOUBLE",
                        position);
                }

                var width = a.Precision + b.Precision;
                if (width > ColumnType.MaxDecimalPrecision && maxWidth <= ColumnType.MaxDecimalPrecision && scale < ColumnType.MaxDecimalPrecision)
                {
                    width = ColumnType.MaxDecimalPrecision;
                }

                width = Math.Min(width, ColumnType.MaxWideDecimalPrecision);
                // Operands keep their scales (the product's scale is their sum) but share the result's width.
                var leftType = ColumnType.Decimal(width, a.Scale);
                var rightType = ColumnType.Decimal(width, b.Scale);
                return new BoundArithmetic(op, Cast(left, leftType, position), Cast(right, rightType, position), ColumnType.Decimal(width, scale));
            }

            default:
                return new BoundArithmetic(op, Cast(left, common, position), Cast(right, common, position), common);
        }
    }

    /// <summary>Unary minus of a number.</summary>
    public static BoundExpression Negate(BoundExpression operand, SqlPosition position)
    {
        ArgumentNullException.ThrowIfNull(operand);
        if (!IsNumeric(operand.Type))
        {
            throw new BindException($"no operator - for {operand.Type}", position);
        }

        if (operand is BoundConstant)
        {
            // A negative literal is a literal, as in DuckDB's parser (ROUND(x, -1) needs its constant).
            try
            {
                var negated = new BoundNegate(operand);
                return new BoundConstant(ExpressionExecutor.EvaluateConstant(negated), operand.Type);
            }
            catch (QueryExecutionException error)
            {
                throw new BindException(error.Message, position);
            }
        }

        return new BoundNegate(operand);
    }

    private static int CapWidth(int width, int maxWidth)
    {
        if (width > ColumnType.MaxDecimalPrecision && maxWidth <= ColumnType.MaxDecimalPrecision)
        {
            return ColumnType.MaxDecimalPrecision;
        }

        return Math.Min(width, ColumnType.MaxWideDecimalPrecision);
    }

    private static BoundArithmetic DateArithmetic(ArithmeticOperator op, BoundExpression left, BoundExpression right, SqlPosition position, string symbol)
    {
        var smallInteger = (BoundExpression e) => e.Type.Id is LogicalTypeId.SmallInt or LogicalTypeId.Integer;
        if (left.Type.Id == LogicalTypeId.Date && right.Type.Id == LogicalTypeId.Date && op == ArithmeticOperator.Subtract)
        {
            return new BoundArithmetic(op, left, right, ColumnType.BigInt);
        }

        if (left.Type.Id == LogicalTypeId.Date && smallInteger(right) && op is ArithmeticOperator.Add or ArithmeticOperator.Subtract)
        {
            return new BoundArithmetic(op, left, Cast(right, ColumnType.Integer, position), ColumnType.Date);
        }

        if (right.Type.Id == LogicalTypeId.Date && smallInteger(left) && op == ArithmeticOperator.Add)
        {
            // Addition commutes; the executor expects the DATE on the left.
            return new BoundArithmetic(op, right, Cast(left, ColumnType.Integer, position), ColumnType.Date);
        }

        throw new BindException($"no operator {symbol} for {left.Type} and {right.Type}; add an explicit cast", position);
    }

    private static string Symbol(ArithmeticOperator op) => op switch
    {
        ArithmeticOperator.Add => "+",
        ArithmeticOperator.Subtract => "-",
        ArithmeticOperator.Multiply => "*",
        ArithmeticOperator.Divide => "/",
        ArithmeticOperator.IntegerDivide => "//",
        _ => "%",
    };
}
