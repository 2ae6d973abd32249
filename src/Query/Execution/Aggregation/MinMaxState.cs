using System.Numerics;
using Olap.Columnar.Vectors;

namespace Olap.Query.Execution.Aggregation;

/// <summary>MIN or MAX of a fixed-width type; for DOUBLE, NaN sorts above every number, as in DuckDB.</summary>
internal sealed class MinMaxState<T>(bool max) : AggregateState
    where T : unmanaged, INumber<T>
{
    private T[] _values = [];
    private bool[] _has = [];
    private T[]? _scratch;

    protected override void Grow(int capacity)
    {
        Array.Resize(ref _values, capacity);
        Array.Resize(ref _has, capacity);
    }

    private bool Better(T candidate, T current)
    {
        if (typeof(T) == typeof(double))
        {
            var a = System.Runtime.CompilerServices.Unsafe.As<T, double>(ref candidate);
            var b = System.Runtime.CompilerServices.Unsafe.As<T, double>(ref current);
            var order = double.IsNaN(a) ? (double.IsNaN(b) ? 0 : 1) : double.IsNaN(b) ? -1 : a.CompareTo(b);
            return max ? order > 0 : order < 0;
        }

        return max ? candidate > current : candidate < current;
    }

    private void Offer(int group, T value)
    {
        if (!_has[group] || Better(value, _values[group]))
        {
            _values[group] = value;
            _has[group] = true;
        }
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
                Offer(groups[i], values[row]);
            }
        }
    }

    public override void UpdateSingle(ColumnVector? input, ReadOnlySpan<int> rows)
    {
        var values = VectorValues.Read(input!, ref _scratch);
        var allValid = input!.Validity.AllValid;
        foreach (var row in rows)
        {
            if (allValid || !input.IsNull(row))
            {
                Offer(0, values[row]);
            }
        }
    }

    public override void Combine(AggregateState other, ReadOnlySpan<int> map)
    {
        var state = (MinMaxState<T>)other;
        for (var g = 0; g < map.Length; g++)
        {
            if (state._has[g])
            {
                Offer(map[g], state._values[g]);
            }
        }
    }

    public override void Finish(ColumnBuilder output, int groups)
    {
        var vector = new ColumnVector(output.Type);
        for (var g = 0; g < groups; g++)
        {
            if (!_has[g])
            {
                output.AppendNull();
                continue;
            }

            vector.PrepareFlat<T>(1)[0] = _values[g];
            output.AppendFrom(vector, 0);
        }
    }
}
