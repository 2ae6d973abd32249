using System.Buffers;
using System.Runtime.InteropServices;
using Olap.Columnar.Kernels;
using Olap.Columnar.Predicates;
using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Columnar.Encoding;

/// <summary>
/// Frame of reference plus bit-packing for integral columns: a base (the chunk minimum) and each value minus the base
/// in the fewest bits that hold the largest difference. Range predicates are moved into the packed domain and
/// evaluated on the unpacked words without adding the base back.
/// </summary>
/// <remarks>Layout: int64 base, uint8 bit width, 7 bytes padding, then the packed stream (8-byte aligned).</remarks>
public sealed class BitPackedEncoding : IColumnEncoding
{
    public static readonly BitPackedEncoding Instance = new();

    private const int HeaderBytes = 16;

    public EncodingKind Kind => EncodingKind.BitPacked;

    public long EstimateSize(ColumnVector values, ChunkAnalysis analysis)
    {
        if (!values.Type.IsIntegral || analysis.RowCount == 0)
        {
            return -1;
        }

        return HeaderBytes + BitPacking.PackedByteCount(analysis.RowCount, Width(analysis));
    }

    public void Encode(ColumnVector values, ChunkAnalysis analysis, PayloadWriter writer)
    {
        var width = Width(analysis);
        var count = analysis.RowCount;
        var differences = ArrayPool<ulong>.Shared.Rent(count);
        try
        {
            IntegralValues.Subtract(values, analysis.IntegralMin, differences.AsSpan(0, count));

            writer.Write(analysis.IntegralMin);
            writer.Write((byte)width);
            writer.Align(8);
            BitPacking.Pack(differences.AsSpan(0, count), width, writer.GetSpan(BitPacking.PackedByteCount(count, width)));
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(differences);
        }
    }

    public EncodedColumn Open(ColumnType type, int rowCount, ReadOnlyMemory<byte> payload)
    {
        if (!type.IsIntegral)
        {
            throw new InvalidDataException($"bit-packed payload: a {type} column cannot be bit-packed.");
        }

        var reader = new PayloadReader(payload.Span, "bit-packed");
        var frame = reader.Read<long>();
        var width = reader.Read<byte>();
        if (width > 64)
        {
            throw reader.Corrupt($"bit width {width} is above 64");
        }

        reader.Align(8);
        var packedLength = BitPacking.PackedByteCount(rowCount, width);
        var start = reader.Skip(packedLength, "the packed values");
        if (reader.Remaining != 0)
        {
            throw reader.Corrupt($"{reader.Remaining} bytes follow the packed values");
        }

        return new BitPackedColumn(type, rowCount, frame, width, payload.Slice(start, packedLength));
    }

    private static int Width(ChunkAnalysis analysis) => BitPacking.BitWidth(unchecked((ulong)analysis.IntegralMax - (ulong)analysis.IntegralMin));

    private sealed class BitPackedColumn(ColumnType type, int rowCount, long frame, int width, ReadOnlyMemory<byte> packed)
        : EncodedColumn(type, rowCount)
    {
        private readonly ulong _maxPacked = width == 64 ? ulong.MaxValue : (1UL << width) - 1;
        private PackedValues? _lastSet;

        public override EncodingKind Kind => EncodingKind.BitPacked;

        public override bool TryDecodeSelected(int start, int count, ReadOnlySpan<ulong> selected, ColumnVector target)
        {
            CheckRange(start, count);
            switch (Type.Physical)
            {
                case PhysicalKind.Int64 when width <= 56:
                {
                    var output = target.PrepareFlat<long>(count);
                    output.Clear();
                    BitPacking.UnpackSelected(packed.Span, width, start, count, selected, unchecked((ulong)frame), MemoryMarshal.Cast<long, ulong>(output));
                    return true;
                }

                case PhysicalKind.Int32 when width <= 32:
                {
                    var output = target.PrepareFlat<int>(count);
                    output.Clear();
                    BitPacking.UnpackSelected(packed.Span, width, start, count, selected, unchecked((ulong)frame), MemoryMarshal.Cast<int, uint>(output));
                    return true;
                }

                default:
                    return false;
            }
        }

        public override void Decode(int start, int count, ColumnVector target)
        {
            CheckRange(start, count);
            var span = packed.Span;
            switch (Type.Physical)
            {
                case PhysicalKind.Int32 when width <= 32:
                {
                    // Unpack straight into the target and add the base with wrap-around: (int)(base + d) == (int)base + (int)d.
                    var output = target.PrepareFlat<int>(count);
                    BitPacking.Unpack(span, width, start, count, MemoryMarshal.Cast<int, uint>(output));
                    var offset = unchecked((int)frame);
                    if (offset != 0)
                    {
                        System.Numerics.Tensors.TensorPrimitives.Add(output, offset, output);
                    }

                    break;
                }

                case PhysicalKind.Int64:
                {
                    var output = target.PrepareFlat<long>(count);
                    BitPacking.Unpack(span, width, start, count, MemoryMarshal.Cast<long, ulong>(output));
                    if (frame != 0)
                    {
                        System.Numerics.Tensors.TensorPrimitives.Add(output, frame, output);
                    }

                    break;
                }

                default:
                {
                    var rented = ArrayPool<long>.Shared.Rent(count);
                    try
                    {
                        var values = rented.AsSpan(0, count);
                        BitPacking.Unpack(span, width, start, count, MemoryMarshal.Cast<long, ulong>(values));
                        System.Numerics.Tensors.TensorPrimitives.Add(values, frame, values);
                        IntegralValues.Store(values, target);
                    }
                    finally
                    {
                        ArrayPool<long>.Shared.Return(rented);
                    }

                    break;
                }
            }
        }

        public override void Filter(ColumnPredicate predicate, int start, int count, Span<ulong> bits)
        {
            CheckRange(start, count);
            var words = BitSpan.WordCount(count);
            if (predicate.Kind == ComparisonKind.In)
            {
                FilterSet(predicate, start, count, bits);
                return;
            }

            var range = IntegralValues.GetRange(predicate, Type);

            // Move [low, high] into the packed domain [low - base, high - base] ∩ [0, max packed].
            var low = (Int128)range.Low - frame;
            var high = (Int128)range.High - frame;
            if (range.IsEmpty || high < 0 || low > _maxPacked)
            {
                bits[..words].Fill(range.Negated ? ulong.MaxValue : 0);
                ClearTail(bits, count);
                return;
            }

            var packedLow = (ulong)Int128.Max(low, 0);
            var packedHigh = (ulong)Int128.Min(high, _maxPacked);
            if (width <= 32)
            {
                BitPacking.UnpackBetween(packed.Span, width, start, count, (uint)packedLow, (uint)packedHigh, bits);
            }
            else
            {
                BitPacking.UnpackBetween(packed.Span, width, start, count, packedLow, packedHigh, bits);
            }

            if (range.Negated)
            {
                BitSpan.Invert(bits, count);
            }
        }

        private void FilterSet(ColumnPredicate predicate, int start, int count, Span<ulong> bits)
        {
            var rented = ArrayPool<ulong>.Shared.Rent(count);
            try
            {
                var values = rented.AsSpan(0, count);
                BitPacking.Unpack(packed.Span, width, start, count, values);
                CompareKernels.InSet<ulong>(values, PackedSet(predicate).Values, bits);
            }
            finally
            {
                ArrayPool<ulong>.Shared.Return(rented);
            }
        }

        /// <summary>The IN constants moved into the packed domain, computed once per predicate.</summary>
        private PackedValues PackedSet(ColumnPredicate predicate)
        {
            var last = _lastSet;
            if (last is not null && ReferenceEquals(last.Predicate, predicate))
            {
                return last;
            }

            var packedSet = new List<ulong>();
            foreach (var value in IntegralValues.GetSet(predicate, Type))
            {
                var difference = (Int128)value - frame;
                if (difference >= 0 && difference <= _maxPacked)
                {
                    packedSet.Add((ulong)difference);
                }
            }

            var result = new PackedValues(predicate, [.. packedSet]);
            _lastSet = result;
            return result;
        }
    }

    /// <summary>A predicate's constants in a chunk's packed domain; replaced whole so concurrent scans see one.</summary>
    private sealed record PackedValues(ColumnPredicate Predicate, ulong[] Values);
}
