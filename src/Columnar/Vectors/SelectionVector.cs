using System.Numerics;

namespace Olap.Columnar.Vectors;

/// <summary>
/// The indices of the live rows of a chunk, ascending. Filters shrink a selection instead of copying columns.
/// </summary>
public sealed class SelectionVector
{
    private readonly int[] _indices;

    public SelectionVector(int capacity = VectorSize.Standard) => _indices = GC.AllocateUninitializedArray<int>(capacity); // filled before Count covers it

    public int Capacity => _indices.Length;

    public int Count { get; private set; }

    public ReadOnlySpan<int> Indices => _indices.AsSpan(0, Count);

    public int this[int i] => _indices[i];

    /// <summary>Writable storage; call <see cref="SetCount"/> after filling it.</summary>
    public Span<int> Storage => _indices;

    public void SetCount(int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _indices.Length);
        Count = count;
    }

    /// <summary>Selects the rows whose bits are set in <paramref name="bits"/> (bit i = row i), among the first <paramref name="rowCount"/>.</summary>
    public void SetFromBits(ReadOnlySpan<ulong> bits, int rowCount)
    {
        var count = 0;
        var words = (rowCount + 63) >> 6;
        for (var w = 0; w < words; w++)
        {
            var word = bits[w];
            if (w == words - 1 && (rowCount & 63) != 0)
            {
                word &= (1UL << (rowCount & 63)) - 1;
            }

            var baseRow = w << 6;
            while (word != 0)
            {
                _indices[count++] = baseRow + BitOperations.TrailingZeroCount(word);
                word &= word - 1;
            }
        }

        Count = count;
    }

    /// <summary>Selects rows 0 .. count-1.</summary>
    public void SetIdentity(int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _indices.Length);
        for (var i = 0; i < count; i++)
        {
            _indices[i] = i;
        }

        Count = count;
    }
}
