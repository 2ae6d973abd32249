using Olap.Columnar.Types;
using Olap.Columnar.Vectors;
using Olap.Query.Planning;

namespace Olap.Query.Execution.Aggregation;

/// <summary>
/// COUNT, SUM or AVG over the distinct non-NULL values of each group. Values are kept as 64-bit codes
/// (<see cref="KeyEncoder"/>: integers as themselves, doubles by normalized bits, strings by interned id): one set
/// of codes without GROUP BY, a set of (group, code) pairs with it.
/// </summary>
internal sealed class DistinctState(AggregateKind kind, ColumnType input, ColumnType result) : AggregateState
{
    private readonly KeyEncoder _encoder = new(input);
    private readonly LongHashSet _single = new();
    private readonly HashSet<(int Group, long Code)> _grouped = [];
    private readonly long[] _codes = new long[VectorSize.Standard];
    private readonly bool[] _nulls = new bool[VectorSize.Standard];

    protected override void Grow(int capacity)
    {
        // The sets grow by themselves.
    }

    public override void Update(ColumnVector? input, ReadOnlySpan<int> rows, ReadOnlySpan<int> groups)
    {
        _encoder.Encode(input!, rows, _codes, _nulls, add: true);
        for (var i = 0; i < rows.Length; i++)
        {
            if (!_nulls[i])
            {
                _grouped.Add((groups[i], _codes[i]));
            }
        }
    }

    public override void UpdateSingle(ColumnVector? input, ReadOnlySpan<int> rows)
    {
        _encoder.Encode(input!, rows, _codes, _nulls, add: true);
        for (var i = 0; i < rows.Length; i++)
        {
            if (!_nulls[i])
            {
                _single.Add(_codes[i]);
            }
        }
    }

    public override void Combine(AggregateState other, ReadOnlySpan<int> map)
    {
        var state = (DistinctState)other;
        var mapping = map.ToArray();
        state._single.ForEach(code => _single.Add(Translate(state, code)));
        foreach (var (group, code) in state._grouped)
        {
            _grouped.Add((mapping[group], Translate(state, code)));
        }
    }

    /// <summary>Interned ids differ between workers: a string's id is looked up again by its bytes.</summary>
    private long Translate(DistinctState from, long code)
        => _encoder.Interner is { } interner ? interner.Intern(from._encoder.Interner!.Get((int)code)) : code;

    public override void Finish(ColumnBuilder output, int groups)
    {
        var counts = new long[groups];
        var sums = new Int128[groups];
        var doubles = new double[groups];
        var isDouble = input.Physical == PhysicalKind.Double;
        void Add(int group, long code)
        {
            counts[group]++;
            if (isDouble)
            {
                doubles[group] += code == long.MaxValue ? double.NaN : BitConverter.Int64BitsToDouble(code);
            }
            else if (_encoder.Interner is null)
            {
                sums[group] += code;
            }
            else if (input.Physical == PhysicalKind.Int128)
            {
                sums[group] += System.Runtime.InteropServices.MemoryMarshal.Read<Int128>(_encoder.Interner.Get((int)code));
            }
        }

        _single.ForEach(code => Add(0, code));
        foreach (var (group, code) in _grouped)
        {
            Add(group, code);
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
            else if (isDouble)
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
