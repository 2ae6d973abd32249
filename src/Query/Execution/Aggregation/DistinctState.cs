using Olap.Columnar.Types;
using Olap.Columnar.Vectors;
using Olap.Query.Planning;

namespace Olap.Query.Execution.Aggregation;

/// <summary>COUNT, SUM or AVG over the distinct non-NULL values of each group, kept as a set of (group, value).</summary>
internal sealed class DistinctState(AggregateKind kind, ColumnType input, ColumnType result) : AggregateState
{
    private readonly HashSet<(int Group, ScalarValue Value)> _seen = [];

    protected override void Grow(int capacity)
    {
        // The set grows by itself.
    }

    public override void Update(ColumnVector? input, ReadOnlySpan<int> rows, ReadOnlySpan<int> groups)
    {
        for (var i = 0; i < rows.Length; i++)
        {
            if (!input!.IsNull(rows[i]))
            {
                _seen.Add((groups[i], Normalize(input.GetScalar(rows[i]))));
            }
        }
    }

    public override void UpdateSingle(ColumnVector? input, ReadOnlySpan<int> rows)
    {
        foreach (var row in rows)
        {
            if (!input!.IsNull(row))
            {
                _seen.Add((0, Normalize(input.GetScalar(row))));
            }
        }
    }

    private static ScalarValue Normalize(ScalarValue value)
        => value.Kind == ScalarKind.Double && value.Double == 0 ? ScalarValue.FromDouble(0) : value;

    public override void Combine(AggregateState other, ReadOnlySpan<int> map)
    {
        foreach (var (group, value) in ((DistinctState)other)._seen)
        {
            _seen.Add((map[group], value));
        }
    }

    public override void Finish(ColumnBuilder output, int groups)
    {
        var counts = new long[groups];
        var sums = new Int128[groups];
        var doubles = new double[groups];
        foreach (var (group, value) in _seen)
        {
            counts[group]++;
            switch (value.Kind)
            {
                case ScalarKind.Integer: sums[group] += value.Int64; break;
                case ScalarKind.HugeInteger: sums[group] += value.Int128; break;
                case ScalarKind.Double: doubles[group] += value.Double; break;
            }
        }

        var divisor = ScaleDivisor(input);
        for (var g = 0; g < groups; g++)
        {
            if (kind == AggregateKind.Count)
            {
                output.AppendInt64(counts[g]);
            }
            else if (counts[g] == 0)
            {
                output.AppendNull();
            }
            else if (input.Physical == PhysicalKind.Double)
            {
                output.AppendDouble(kind == AggregateKind.Avg ? doubles[g] / counts[g] : doubles[g]);
            }
            else if (kind == AggregateKind.Avg)
            {
                output.AppendDouble((double)sums[g] / counts[g] / divisor);
            }
            else if (result.Physical == PhysicalKind.Int128)
            {
                output.AppendInt128(sums[g]);
            }
            else
            {
                output.AppendInt64((long)sums[g]);
            }
        }
    }
}
