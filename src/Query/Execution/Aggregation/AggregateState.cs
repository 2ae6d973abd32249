using Olap.Columnar.Types;
using Olap.Columnar.Vectors;
using Olap.Query.Planning;

namespace Olap.Query.Execution.Aggregation;

/// <summary>
/// The running values of one aggregate for every group of a worker, as arrays indexed by group id. Updates take the
/// live rows of a chunk and their group ids; states of different workers combine group by group at the end.
/// </summary>
internal abstract class AggregateState
{
    protected int Capacity { get; private set; }

    public static AggregateState Create(BoundAggregate aggregate)
    {
        if (aggregate.Kind == AggregateKind.CountStar)
        {
            return new CountState(countNulls: true);
        }

        var input = aggregate.Argument!.Type;
        if (aggregate.Distinct && aggregate.Kind is AggregateKind.Count or AggregateKind.Sum or AggregateKind.Avg)
        {
            return new DistinctState(aggregate.Kind, input, aggregate.Type);
        }

        return aggregate.Kind switch
        {
            AggregateKind.Count => new CountState(countNulls: false),
            AggregateKind.Sum or AggregateKind.Avg => input.Physical switch
            {
                PhysicalKind.Int8 => new SumState<byte>(aggregate.Kind == AggregateKind.Avg, input, aggregate.Type),
                PhysicalKind.Int16 => new SumState<short>(aggregate.Kind == AggregateKind.Avg, input, aggregate.Type),
                PhysicalKind.Int32 => new SumState<int>(aggregate.Kind == AggregateKind.Avg, input, aggregate.Type),
                PhysicalKind.Int64 => new SumState<long>(aggregate.Kind == AggregateKind.Avg, input, aggregate.Type),
                PhysicalKind.Int128 => new SumState<Int128>(aggregate.Kind == AggregateKind.Avg, input, aggregate.Type),
                _ => new DoubleSumState(aggregate.Kind == AggregateKind.Avg),
            },
            _ => input.Physical switch
            {
                PhysicalKind.Int8 => new MinMaxState<byte>(aggregate.Kind == AggregateKind.Max),
                PhysicalKind.Int16 => new MinMaxState<short>(aggregate.Kind == AggregateKind.Max),
                PhysicalKind.Int32 => new MinMaxState<int>(aggregate.Kind == AggregateKind.Max),
                PhysicalKind.Int64 => new MinMaxState<long>(aggregate.Kind == AggregateKind.Max),
                PhysicalKind.Int128 => new MinMaxState<Int128>(aggregate.Kind == AggregateKind.Max),
                PhysicalKind.Double => new MinMaxState<double>(aggregate.Kind == AggregateKind.Max),
                _ => new StringMinMaxState(aggregate.Kind == AggregateKind.Max),
            },
        };
    }

    /// <summary>Makes room for group ids below <paramref name="groups"/>.</summary>
    public void EnsureGroups(int groups)
    {
        if (groups > Capacity)
        {
            var capacity = Math.Max(groups, Math.Max(16, Capacity * 2));
            Grow(capacity);
            Capacity = capacity;
        }
    }

    protected abstract void Grow(int capacity);

    /// <summary>Adds rows <paramref name="rows"/> of <paramref name="input"/> (null for COUNT(*)) to groups <paramref name="groups"/>.</summary>
    public abstract void Update(ColumnVector? input, ReadOnlySpan<int> rows, ReadOnlySpan<int> groups);

    /// <summary>Adds rows to group 0: the aggregate without GROUP BY, where tight loops need no group ids.</summary>
    public abstract void UpdateSingle(ColumnVector? input, ReadOnlySpan<int> rows);

    /// <summary>Folds <paramref name="other"/>'s group g into this state's group <paramref name="map"/>[g].</summary>
    public abstract void Combine(AggregateState other, ReadOnlySpan<int> map);

    /// <summary>Appends the final value of groups 0 .. <paramref name="groups"/> - 1.</summary>
    public abstract void Finish(ColumnBuilder output, int groups);

    /// <summary>10^scale for turning scaled decimals into doubles.</summary>
    protected static double ScaleDivisor(ColumnType type) => type.Id == LogicalTypeId.Decimal ? Math.Pow(10, type.Scale) : 1;
}
