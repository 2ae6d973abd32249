using System.Numerics;
using Olap.Columnar.Types;

namespace Olap.Query.Execution.Expressions;

/// <summary>Picks the cast kernel for a source and target type.</summary>
internal static class CastNodes
{
    public static ExpressionNode Create(ExpressionNode operand, ColumnType target)
    {
        var source = operand.Type;
        if (source == target)
        {
            return operand;
        }

        if (target.Id == LogicalTypeId.Varchar)
        {
            return new ToVarcharNode(operand);
        }

        if (source.Id == LogicalTypeId.Varchar)
        {
            return new FromVarcharNode(operand, target);
        }

        if (source.Id == LogicalTypeId.Date && target.Id == LogicalTypeId.Timestamp)
        {
            return new UnaryNode<int, long, DateToTimestamp>(operand, target, default);
        }

        if (source.Id == LogicalTypeId.Timestamp && target.Id == LogicalTypeId.Date)
        {
            return new UnaryNode<long, int, TimestampToDate>(operand, target, default);
        }

        if (source.Id is LogicalTypeId.Date or LogicalTypeId.Timestamp || target.Id is LogicalTypeId.Date or LogicalTypeId.Timestamp)
        {
            throw new QueryExecutionException($"Conversion Error: Unimplemented type for cast ({source} -> {target})");
        }

        if (source.Physical == PhysicalKind.Double)
        {
            return target.Physical switch
            {
                PhysicalKind.Int8 => new UnaryNode<double, byte, DoubleToIntegral<byte>>(operand, target, new(target)),
                PhysicalKind.Int16 => new UnaryNode<double, short, DoubleToIntegral<short>>(operand, target, new(target)),
                PhysicalKind.Int32 => new UnaryNode<double, int, DoubleToIntegral<int>>(operand, target, new(target)),
                PhysicalKind.Int64 => new UnaryNode<double, long, DoubleToIntegral<long>>(operand, target, new(target)),
                _ => new UnaryNode<double, Int128, DoubleToIntegral<Int128>>(operand, target, new(target)),
            };
        }

        return source.Physical switch
        {
            PhysicalKind.Int8 => FromIntegral<byte>(operand, target),
            PhysicalKind.Int16 => FromIntegral<short>(operand, target),
            PhysicalKind.Int32 => FromIntegral<int>(operand, target),
            PhysicalKind.Int64 => FromIntegral<long>(operand, target),
            _ => FromIntegral<Int128>(operand, target),
        };
    }

    private static ExpressionNode FromIntegral<TSource>(ExpressionNode operand, ColumnType target)
        where TSource : unmanaged, IBinaryInteger<TSource>
    {
        var source = operand.Type;
        return target.Physical switch
        {
            PhysicalKind.Double => new UnaryNode<TSource, double, IntegralToDouble<TSource>>(operand, target, new(source)),
            PhysicalKind.Int8 => new UnaryNode<TSource, byte, IntegralCast<TSource, byte>>(operand, target, new(source, target)),
            PhysicalKind.Int16 => new UnaryNode<TSource, short, IntegralCast<TSource, short>>(operand, target, new(source, target)),
            PhysicalKind.Int32 => new UnaryNode<TSource, int, IntegralCast<TSource, int>>(operand, target, new(source, target)),
            PhysicalKind.Int64 => new UnaryNode<TSource, long, IntegralCast<TSource, long>>(operand, target, new(source, target)),
            _ => new UnaryNode<TSource, Int128, IntegralCast<TSource, Int128>>(operand, target, new(source, target)),
        };
    }
}
