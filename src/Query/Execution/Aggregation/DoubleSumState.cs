using Olap.Columnar.Vectors;

namespace Olap.Query.Execution.Aggregation;

/// <summary>SUM or AVG of DOUBLE.</summary>
internal sealed class DoubleSumState(bool average) : AggregateState
{
    private double[] _sums = [];
    private long[] _counts = [];
    private double[]? _scratch;

    protected override void Grow(int capacity)
    {
        Array.Resize(ref _sums, capacity);
        Array.Resize(ref _counts, capacity);
    }

    public override void Update(ColumnVector? input, ReadOnlySpan<int> rows, ReadOnlySpan<int> groups)
    {
        var values = VectorValues.Read(input!, ref _scratch);
        var allValid = input!.Validity.AllValid;
        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows[i];
            if (allValid || !input.IsNull(row))
            {
                _sums[groups[i]] += values[row];
                _counts[groups[i]]++;
            }
        }
    }

    public override void UpdateSingle(ColumnVector? input, ReadOnlySpan<int> rows)
    {
        var values = VectorValues.Read(input!, ref _scratch);
        var allValid = input!.Validity.AllValid;
        double sum = 0;
        long count = 0;
        foreach (var row in rows)
        {
            if (allValid || !input.IsNull(row))
            {
                sum += values[row];
                count++;
            }
        }

        _sums[0] += sum;
        _counts[0] += count;
    }

    public override void Combine(AggregateState other, ReadOnlySpan<int> map)
    {
        var state = (DoubleSumState)other;
        for (var g = 0; g < map.Length; g++)
        {
            _sums[map[g]] += state._sums[g];
            _counts[map[g]] += state._counts[g];
        }
    }

    public override void Finish(ColumnBuilder output, int groups)
    {
        for (var g = 0; g < groups; g++)
        {
            if (_counts[g] == 0)
            {
                output.AppendNull();
            }
            else
            {
                output.AppendDouble(average ? _sums[g] / _counts[g] : _sums[g]);
            }
        }
    }
}
