using System.Numerics;
using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Query.Execution.Aggregation;

/// <summary>
/// SUM or AVG of integers or decimals, accumulated in 128 bits so no sum of 64-bit values can overflow silently
/// (DuckDB's HUGEINT). AVG divides at the end and returns DOUBLE.
/// </summary>
internal sealed class SumState<T>(bool average, ColumnType input, ColumnType result) : AggregateState
    where T : unmanaged, IBinaryInteger<T>
{
    // Integers of 32 bits or fewer add up in 64 bits, which 2^31 of them cannot overflow; the 64-bit sums move
    // into the 128-bit ones before that many rows have been added, and before combining or finishing.
    private static readonly bool s_narrow = typeof(T) == typeof(byte) || typeof(T) == typeof(short) || typeof(T) == typeof(int);
    private Int128[] _sums = [];
    private long[] _narrowSums = [];
    private long[] _counts = [];
    private long _rowsSinceFlush;
    private T[]? _scratch;

    protected override void Grow(int capacity)
    {
        Array.Resize(ref _sums, capacity);
        Array.Resize(ref _counts, capacity);
        if (s_narrow)
        {
            Array.Resize(ref _narrowSums, capacity);
        }
    }

    private void Flush()
    {
        for (var g = 0; g < _narrowSums.Length; g++)
        {
            _sums[g] += _narrowSums[g];
        }

        Array.Clear(_narrowSums);
        _rowsSinceFlush = 0;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override void Update(ColumnVector? input, ReadOnlySpan<int> rows, ReadOnlySpan<int> groups)
    {
        var values = VectorValues.Read(input!, ref _scratch);
        var counts = _counts;
        if (s_narrow)
        {
            if ((_rowsSinceFlush += rows.Length) >= int.MaxValue)
            {
                Flush();
                _rowsSinceFlush = rows.Length;
            }

            var narrow = _narrowSums;
            var allValid = input!.Validity.AllValid;
            for (var i = 0; i < rows.Length; i++)
            {
                var row = rows[i];
                if (allValid || !input.IsNull(row))
                {
                    var group = groups[i];
                    narrow[group] += long.CreateTruncating(values[row]);
                    counts[group]++;
                }
            }

            return;
        }

        var sums = _sums;
        if (input!.Validity.AllValid)
        {
            for (var i = 0; i < rows.Length; i++)
            {
                var group = groups[i];
                sums[group] += Int128.CreateTruncating(values[rows[i]]);
                counts[group]++;
            }

            return;
        }

        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows[i];
            if (!input.IsNull(row))
            {
                var group = groups[i];
                sums[group] += Int128.CreateTruncating(values[row]);
                counts[group]++;
            }
        }
    }

    public override void UpdateSingle(ColumnVector? input, ReadOnlySpan<int> rows)
    {
        var values = VectorValues.Read(input!, ref _scratch);
        var allValid = input!.Validity.AllValid;
        if (typeof(T) == typeof(long) || typeof(T) == typeof(Int128))
        {
            var sum = Int128.Zero;
            long count = 0;
            foreach (var row in rows)
            {
                if (allValid || !input.IsNull(row))
                {
                    sum += Int128.CreateTruncating(values[row]);
                    count++;
                }
            }

            _sums[0] += sum;
            _counts[0] += count;
            return;
        }

        // Narrow integers: a chunk's sum fits in 64 bits, so the inner loop stays in long arithmetic.
        long narrowSum = 0;
        long valid = 0;
        if (allValid)
        {
            if (rows.Length == values.Length)
            {
                foreach (var value in values)
                {
                    narrowSum += long.CreateTruncating(value);
                }
            }
            else
            {
                foreach (var row in rows)
                {
                    narrowSum += long.CreateTruncating(values[row]);
                }
            }

            valid = rows.Length;
        }
        else
        {
            foreach (var row in rows)
            {
                if (!input.IsNull(row))
                {
                    narrowSum += long.CreateTruncating(values[row]);
                    valid++;
                }
            }
        }

        _sums[0] += narrowSum;
        _counts[0] += valid;
    }

    public override void Combine(AggregateState other, ReadOnlySpan<int> map)
    {
        var state = (SumState<T>)other;
        if (s_narrow)
        {
            Flush();
            state.Flush();
        }

        for (var g = 0; g < map.Length; g++)
        {
            _sums[map[g]] += state._sums[g];
            _counts[map[g]] += state._counts[g];
        }
    }

    public override void Finish(ColumnBuilder output, int groups)
    {
        if (s_narrow)
        {
            Flush();
        }

        var divisor = ScaleDivisor(input);
        for (var g = 0; g < groups; g++)
        {
            if (_counts[g] == 0)
            {
                output.AppendNull();
            }
            else if (average)
            {
                output.AppendDouble((double)_sums[g] / _counts[g] / divisor);
            }
            else if (result.Physical == PhysicalKind.Int128)
            {
                output.AppendInt128(_sums[g]);
            }
            else
            {
                output.AppendInt64((long)_sums[g]);
            }
        }
    }
}
