using System.Buffers;
using System.Runtime.InteropServices;
using Olap.Columnar.Kernels;
using Olap.Columnar.Predicates;
using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Columnar.Encoding;

/// <summary>
/// For integral columns that never decrease (a sort key): the differences between neighbours, minus the smallest
/// difference, bit-packed, with the absolute value stored at the start of every block so any row decodes from its
/// block. Because the values are sorted, a range predicate is two binary searches and selects one contiguous row range.
/// </summary>
/// <remarks>
/// Layout: uint64 minimum difference, uint8 bit width, 3 bytes padding, int32 block count; int64 checkpoint per block
/// (the value of the block's first row); the packed differences (difference of row 0 is 0).
/// </remarks>
public sealed class DeltaEncoding : IColumnEncoding
{
    public static readonly DeltaEncoding Instance = new();

    /// <summary>Rows per checkpoint: a random access decodes at most this many differences.</summary>
    public const int BlockSize = 1024;

    public EncodingKind Kind => EncodingKind.Delta;

    public long EstimateSize(ColumnVector values, ChunkAnalysis analysis)
    {
        if (!values.Type.IsIntegral || !analysis.IsNonDecreasing || analysis.RowCount == 0)
        {
            return -1;
        }

        var (_, width) = Differences(values, analysis.RowCount, null);
        return 16 + (BlockCount(analysis.RowCount) * 8L) + BitPacking.PackedByteCount(analysis.RowCount, width);
    }

    public void Encode(ColumnVector values, ChunkAnalysis analysis, PayloadWriter writer)
    {
        var count = analysis.RowCount;
        var deltas = ArrayPool<ulong>.Shared.Rent(count);
        try
        {
            var (minDelta, width) = Differences(values, count, deltas);
            var blocks = BlockCount(count);
            writer.Write(minDelta);
            writer.Write((byte)width);
            writer.Align(4);
            writer.Write(blocks);
            for (var b = 0; b < blocks; b++)
            {
                writer.Write(IntegralValues.Get(values, b * BlockSize));
            }

            BitPacking.Pack(deltas.AsSpan(0, count), width, writer.GetSpan(BitPacking.PackedByteCount(count, width)));
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(deltas);
        }
    }

    public EncodedColumn Open(ColumnType type, int rowCount, ReadOnlyMemory<byte> payload)
    {
        if (!type.IsIntegral)
        {
            throw new InvalidDataException($"delta payload: a {type} column cannot be delta-encoded.");
        }

        var reader = new PayloadReader(payload.Span, "delta");
        var minDelta = reader.Read<ulong>();
        var width = reader.Read<byte>();
        if (width > 64)
        {
            throw reader.Corrupt($"bit width {width} is above 64");
        }

        reader.Align(4);
        var blocks = reader.Read<int>();
        if (blocks != BlockCount(rowCount))
        {
            throw reader.Corrupt($"{blocks} checkpoints for {rowCount} rows (expected {BlockCount(rowCount)})");
        }

        var checkpointsStart = reader.Skip(blocks * sizeof(long), "the checkpoints");
        var checkpoints = MemoryMarshal.Cast<byte, long>(payload.Span.Slice(checkpointsStart, blocks * sizeof(long))).ToArray();
        for (var b = 1; b < blocks; b++)
        {
            if (checkpoints[b] < checkpoints[b - 1])
            {
                throw reader.Corrupt($"checkpoint {b} ({checkpoints[b]}) is below checkpoint {b - 1} ({checkpoints[b - 1]})");
            }
        }

        var packedLength = BitPacking.PackedByteCount(rowCount, width);
        var packedStart = reader.Skip(packedLength, "the packed differences");
        if (reader.Remaining != 0)
        {
            throw reader.Corrupt($"{reader.Remaining} bytes follow the packed differences");
        }

        return new DeltaColumn(type, rowCount, minDelta, width, checkpoints, payload.Slice(packedStart, packedLength));
    }

    private static int BlockCount(int rows) => (rows + BlockSize - 1) / BlockSize;

    /// <summary>The smallest neighbour difference and the bit width of the rest; fills <paramref name="deltas"/> when given.</summary>
    private static (ulong MinDelta, int Width) Differences(ColumnVector values, int count, ulong[]? deltas)
    {
        if (count <= 1)
        {
            if (deltas is not null && count == 1)
            {
                deltas[0] = 0;
            }

            return (0, 0);
        }

        // Differences of non-decreasing values are computed as unsigned: they may exceed long.MaxValue.
        var scratch = deltas ?? ArrayPool<ulong>.Shared.Rent(count);
        try
        {
            var raw = scratch.AsSpan(0, count);
            IntegralValues.Subtract(values, 0, raw);
            var minDelta = ulong.MaxValue;
            for (var i = count - 1; i > 0; i--)
            {
                raw[i] = unchecked(raw[i] - raw[i - 1]);
                minDelta = Math.Min(minDelta, raw[i]);
            }

            raw[0] = 0;
            ulong max = 0;
            for (var i = 1; i < count; i++)
            {
                raw[i] -= minDelta;
                max = Math.Max(max, raw[i]);
            }

            return (minDelta, BitPacking.BitWidth(max));
        }
        finally
        {
            if (deltas is null)
            {
                ArrayPool<ulong>.Shared.Return(scratch);
            }
        }
    }

    private sealed class DeltaColumn(ColumnType type, int rowCount, ulong minDelta, int width, long[] checkpoints, ReadOnlyMemory<byte> packed)
        : EncodedColumn(type, rowCount)
    {
        private RowRanges? _lastMatch;

        public override EncodingKind Kind => EncodingKind.Delta;

        public override void Decode(int start, int count, ColumnVector target)
        {
            CheckRange(start, count);
            if (Type.Physical == PhysicalKind.Int64)
            {
                DecodeLongs(start, target.PrepareFlat<long>(count));
                return;
            }

            var rented = ArrayPool<long>.Shared.Rent(Math.Max(count, 1));
            try
            {
                DecodeLongs(start, rented.AsSpan(0, count));
                IntegralValues.Store(rented.AsSpan(0, count), target);
            }
            finally
            {
                ArrayPool<long>.Shared.Return(rented);
            }
        }

        public override void Filter(ColumnPredicate predicate, int start, int count, Span<ulong> bits)
        {
            CheckRange(start, count);
            bits[..BitSpan.WordCount(count)].Clear();
            var match = Match(predicate);
            foreach (var (from, to) in match.Ranges)
            {
                SetMatching(from, to, start, count, bits);
            }

            if (match.Negated)
            {
                BitSpan.Invert(bits, count);
            }
        }

        /// <summary>The matching row ranges of the whole chunk, found by binary search once per predicate.</summary>
        private RowRanges Match(ColumnPredicate predicate)
        {
            var last = _lastMatch;
            if (last is not null && ReferenceEquals(last.Predicate, predicate))
            {
                return last;
            }

            var ranges = new List<(int From, int To)>();
            var negated = false;
            if (predicate.Kind == ComparisonKind.In)
            {
                foreach (var value in IntegralValues.GetSet(predicate, Type))
                {
                    ranges.Add((LowerBound(value), value == long.MaxValue ? RowCount : LowerBound(value + 1)));
                }
            }
            else
            {
                var range = IntegralValues.GetRange(predicate, Type);
                negated = range.Negated;
                if (!range.IsEmpty)
                {
                    ranges.Add((LowerBound(range.Low), range.High == long.MaxValue ? RowCount : LowerBound(range.High + 1)));
                }
            }

            var match = new RowRanges(predicate, [.. ranges], negated);
            _lastMatch = match;
            return match;
        }

        private static void SetMatching(int from, int to, int start, int count, Span<ulong> bits)
            => BitSpan.SetRange(bits, Math.Max(from, start) - start, Math.Min(to, start + count) - start);

        /// <summary>The first row whose value is ≥ <paramref name="value"/> (RowCount when none).</summary>
        private int LowerBound(long value)
        {
            // The last block starting below the value holds the boundary, unless the next block starts exactly at it.
            int low = 0, high = checkpoints.Length;
            while (low < high)
            {
                var mid = (low + high) >>> 1;
                if (checkpoints[mid] < value)
                {
                    low = mid + 1;
                }
                else
                {
                    high = mid;
                }
            }

            if (low == 0)
            {
                return 0;
            }

            var block = low - 1;
            var blockStart = block * BlockSize;
            var blockRows = Math.Min(BlockSize, RowCount - blockStart);
            Span<long> values = stackalloc long[BlockSize];
            DecodeLongs(blockStart, values[..blockRows]);
            for (var i = 0; i < blockRows; i++)
            {
                if (values[i] >= value)
                {
                    return blockStart + i;
                }
            }

            return blockStart + blockRows;
        }

        [System.Runtime.CompilerServices.SkipLocalsInit]
        private void DecodeLongs(int start, Span<long> output)
        {
            // Each block is summed from its checkpoint; differences before start are added but not emitted.
            Span<ulong> deltas = stackalloc ulong[BlockSize];
            var end = start + output.Length;
            var row = start;
            while (row < end)
            {
                var block = row / BlockSize;
                var blockStart = block * BlockSize;
                var segmentEnd = Math.Min(end, Math.Min(blockStart + BlockSize, RowCount));
                var n = segmentEnd - blockStart;
                BitPacking.Unpack(packed.Span, width, blockStart, n, deltas[..n]);
                var value = checkpoints[block];
                var skip = row - blockStart;
                for (var i = 1; i <= skip; i++)
                {
                    value = unchecked(value + (long)(deltas[i] + minDelta));
                }

                var outputIndex = row - start;
                output[outputIndex++] = value;
                for (var i = skip + 1; i < n; i++)
                {
                    value = unchecked(value + (long)(deltas[i] + minDelta));
                    output[outputIndex++] = value;
                }

                row = segmentEnd;
            }
        }
    }

    /// <summary>A predicate's matching rows as ranges [From, To), possibly to be inverted; replaced whole so concurrent scans see one.</summary>
    private sealed record RowRanges(ColumnPredicate Predicate, (int From, int To)[] Ranges, bool Negated);
}
