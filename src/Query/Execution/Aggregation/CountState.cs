using Olap.Columnar.Vectors;

namespace Olap.Query.Execution.Aggregation;

/// <summary>COUNT(*) (every row) or COUNT(x) (rows where x is not NULL).</summary>
internal sealed class CountState(bool countNulls) : AggregateState
{
    private long[] _counts = [];

    protected override void Grow(int capacity) => Array.Resize(ref _counts, capacity);

    public override void Update(ColumnVector? input, ReadOnlySpan<int> rows, ReadOnlySpan<int> groups)
    {
        var counts = _counts;
        if (countNulls || input!.Validity.AllValid)
        {
            foreach (var group in groups)
            {
                counts[group]++;
            }

            return;
        }

        for (var i = 0; i < rows.Length; i++)
        {
            if (!input.IsNull(rows[i]))
            {
                counts[groups[i]]++;
            }
        }
    }

    public override void UpdateSingle(ColumnVector? input, ReadOnlySpan<int> rows)
    {
        if (countNulls || input!.Validity.AllValid)
        {
            _counts[0] += rows.Length;
            return;
        }

        var valid = 0;
        foreach (var row in rows)
        {
            valid += input.IsNull(row) ? 0 : 1;
        }

        _counts[0] += valid;
    }

    public override void Combine(AggregateState other, ReadOnlySpan<int> map)
    {
        var source = ((CountState)other)._counts;
        for (var g = 0; g < map.Length; g++)
        {
            _counts[map[g]] += source[g];
        }
    }

    public override void Finish(ColumnBuilder output, int groups)
    {
        for (var g = 0; g < groups; g++)
        {
            output.AppendInt64(_counts[g]);
        }
    }
}
