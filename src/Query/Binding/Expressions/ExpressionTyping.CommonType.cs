using Olap.Columnar.Types;
using Olap.Query.Planning;

namespace Olap.Query.Binding.Expressions;

/// <summary>
/// Type checking of scalar expressions after name resolution, with DuckDB's implicit casts: operands meet in a common
/// type, string literals take the type of what they are compared with, and every needed cast is made explicit in the
/// bound tree, so the executor never coerces.
/// </summary>
public static partial class ExpressionTyping
{
    /// <summary>
    /// The type two values meet in (CASE branches, COALESCE, IN lists, comparisons): integers widen, an integer and a
    /// DECIMAL meet in a DECIMAL wide enough for both (at most 38 digits), numbers and DOUBLE in DOUBLE, DATE and
    /// TIMESTAMP in TIMESTAMP, BOOLEAN with an integer in the integer; VARCHAR only with VARCHAR.
    /// </summary>
    public static bool TryGetCommonType(ColumnType a, ColumnType b, out ColumnType common)
    {
        common = a;
        if (a == b)
        {
            return true;
        }

        if (IsInteger(a) && IsInteger(b))
        {
            common = IntegerRank(a) >= IntegerRank(b) ? a : b;
            return true;
        }

        // DuckDB casts BOOLEAN to an integer implicitly (b = i compares 1 with i), not to DECIMAL or DOUBLE.
        if (a.Id == LogicalTypeId.Boolean && IsInteger(b))
        {
            common = b;
            return true;
        }

        if (b.Id == LogicalTypeId.Boolean && IsInteger(a))
        {
            return true;
        }

        if (IsNumeric(a) && IsNumeric(b))
        {
            if (a.Id == LogicalTypeId.Double || b.Id == LogicalTypeId.Double)
            {
                common = ColumnType.Double;
                return true;
            }

            var left = AsDecimal(a);
            var right = AsDecimal(b);
            var scale = Math.Max(left.Scale, right.Scale);
            var integerDigits = Math.Max(left.Precision - left.Scale, right.Precision - right.Scale);
            common = ColumnType.Decimal(Math.Min(integerDigits + scale, ColumnType.MaxWideDecimalPrecision), scale);
            return true;
        }

        if (a.Id is LogicalTypeId.Date or LogicalTypeId.Timestamp && b.Id is LogicalTypeId.Date or LogicalTypeId.Timestamp)
        {
            common = ColumnType.Timestamp;
            return true;
        }

        return false;
    }

    /// <summary>SMALLINT, INTEGER, BIGINT or HUGEINT.</summary>
    public static bool IsInteger(ColumnType type)
        => type.Id is LogicalTypeId.SmallInt or LogicalTypeId.Integer or LogicalTypeId.BigInt or LogicalTypeId.HugeInt;

    /// <summary>An integer, DECIMAL or DOUBLE (not BOOLEAN).</summary>
    public static bool IsNumeric(ColumnType type) => IsInteger(type) || type.Id is LogicalTypeId.Decimal or LogicalTypeId.Double;

    /// <summary>An integer type as the DECIMAL that holds all its values (INTEGER = DECIMAL(10,0)), a DECIMAL as itself.</summary>
    internal static ColumnType AsDecimal(ColumnType type) => type.Id switch
    {
        LogicalTypeId.SmallInt => ColumnType.Decimal(5, 0),
        LogicalTypeId.Integer => ColumnType.Decimal(10, 0),
        LogicalTypeId.BigInt => ColumnType.Decimal(19, 0),
        LogicalTypeId.HugeInt => ColumnType.Decimal(38, 0),
        _ => type,
    };

    private static int IntegerRank(ColumnType type) => type.Id switch
    {
        LogicalTypeId.SmallInt => 1,
        LogicalTypeId.Integer => 2,
        LogicalTypeId.BigInt => 3,
        _ => 4,
    };

    /// <summary>A NULL literal or a string literal: values whose type adapts to their context, as DuckDB's literals do.</summary>
    private static bool IsAdaptable(BoundExpression e)
        => e is BoundConstant { Value.IsNull: true } || e is BoundConstant { Type.Id: LogicalTypeId.Varchar };

    /// <summary>
    /// An INTEGER literal next to a SMALLINT operand takes SMALLINT when it fits, as DuckDB types integer literals
    /// (<c>smallint_col + 1</c> is SMALLINT).
    /// </summary>
    private static ColumnType LiteralAwareType(BoundExpression e, BoundExpression other)
        => e is BoundConstant { Type.Id: LogicalTypeId.Integer, Value.Kind: ScalarKind.Integer } constant
            && other.Type.Id == LogicalTypeId.SmallInt
            && constant.Value.Int64 is >= short.MinValue and <= short.MaxValue
                ? ColumnType.SmallInt
                : e.Type;
}
