using Olap.Columnar.Vectors;

namespace Olap.Query.Execution.Aggregation;

/// <summary>MIN or MAX of VARCHAR by UTF-8 byte order (which is code point order, as in DuckDB).</summary>
internal sealed class StringMinMaxState(bool max) : AggregateState
{
    private byte[]?[] _values = [];

    protected override void Grow(int capacity) => Array.Resize(ref _values, capacity);

    private void Offer(int group, ReadOnlySpan<byte> value)
    {
        var current = _values[group];
        if (current is null || (max ? value.SequenceCompareTo(current) > 0 : value.SequenceCompareTo(current) < 0))
        {
            _values[group] = value.ToArray();
        }
    }

    public override void Update(ColumnVector? input, ReadOnlySpan<int> rows, ReadOnlySpan<int> groups)
    {
        for (var i = 0; i < rows.Length; i++)
        {
            if (!input!.IsNull(rows[i]))
            {
                Offer(groups[i], input.GetString(rows[i]));
            }
        }
    }

    public override void UpdateSingle(ColumnVector? input, ReadOnlySpan<int> rows)
    {
        foreach (var row in rows)
        {
            if (!input!.IsNull(row))
            {
                Offer(0, input.GetString(row));
            }
        }
    }

    public override void Combine(AggregateState other, ReadOnlySpan<int> map)
    {
        var state = (StringMinMaxState)other;
        for (var g = 0; g < map.Length; g++)
        {
            if (state._values[g] is { } value)
            {
                Offer(map[g], value);
            }
        }
    }

    public override void Finish(ColumnBuilder output, int groups)
    {
        for (var g = 0; g < groups; g++)
        {
            if (_values[g] is { } value)
            {
                output.AppendString(value);
            }
            else
            {
                output.AppendNull();
            }
        }
    }
}
