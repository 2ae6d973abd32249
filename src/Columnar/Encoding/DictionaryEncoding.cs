using System.Buffers;
using System.Runtime.InteropServices;
using Olap.Columnar.Kernels;
using Olap.Columnar.Predicates;
using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Columnar.Encoding;

/// <summary>
/// The chunk's distinct values, sorted, plus one bit-packed code per row. Because the entries are sorted, a range
/// predicate selects a contiguous range of codes, which is tested on the packed codes directly; other predicates
/// become a lookup table over codes. Either way the predicate is evaluated once per entry, not per row.
/// </summary>
/// <remarks>Layout: int32 entry count, uint8 code width, 3 bytes padding; the entries (plain); padding to 8; the packed codes.</remarks>
public sealed class DictionaryEncoding : IColumnEncoding
{
    public static readonly DictionaryEncoding Instance = new();

    public EncodingKind Kind => EncodingKind.Dictionary;

    public long EstimateSize(ColumnVector values, ChunkAnalysis analysis)
    {
        if (analysis.DictionaryCount < 0 || analysis.RowCount == 0)
        {
            return -1;
        }

        return 8 + AlignTo8(analysis.DictionaryPlainSize) + BitPacking.PackedByteCount(analysis.RowCount, CodeWidth(analysis.DictionaryCount));
    }

    public void Encode(ColumnVector values, ChunkAnalysis analysis, PayloadWriter writer)
    {
        var entries = analysis.Dictionary ?? throw new InvalidOperationException("The chunk has too many distinct values for a dictionary.");
        var codes = analysis.Codes!;
        var width = CodeWidth(entries.Count);
        writer.Write(entries.Count);
        writer.Write((byte)width);
        writer.Align(8);
        PlainEncoding.Write(entries, writer);
        writer.Align(8);
        var wide = ArrayPool<ulong>.Shared.Rent(codes.Length);
        try
        {
            for (var i = 0; i < codes.Length; i++)
            {
                wide[i] = (ulong)codes[i];
            }

            BitPacking.Pack(wide.AsSpan(0, codes.Length), width, writer.GetSpan(BitPacking.PackedByteCount(codes.Length, width)));
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(wide);
        }
    }

    public EncodedColumn Open(ColumnType type, int rowCount, ReadOnlyMemory<byte> payload)
    {
        var reader = new PayloadReader(payload.Span, "dictionary");
        var entryCount = reader.ReadCount("the entry count", Math.Max(rowCount, 0));
        var width = reader.Read<byte>();
        if (width != CodeWidth(entryCount))
        {
            throw reader.Corrupt($"code width {width} does not fit {entryCount} entries");
        }

        if (entryCount == 0 && rowCount > 0)
        {
            throw reader.Corrupt($"no entries for {rowCount} rows");
        }

        reader.Align(8);
        var entries = new ColumnVector(type);
        reader.Skip(PlainEncoding.Read(type, entryCount, payload[reader.Position..], entries, "dictionary entries"), "the entries");
        reader.Align(8);
        var packedLength = BitPacking.PackedByteCount(rowCount, width);
        var codesStart = reader.Skip(packedLength, "the codes");
        if (reader.Remaining != 0)
        {
            throw reader.Corrupt($"{reader.Remaining} bytes follow the codes");
        }

        var packed = payload.Slice(codesStart, packedLength);
        CheckCodes(packed.Span, width, rowCount, entryCount);
        return new DictionaryColumn(type, rowCount, entries, width, packed);
    }

    /// <summary>Codes past the last entry would index outside the dictionary: refuse them when the width allows them at all.</summary>
    private static void CheckCodes(ReadOnlySpan<byte> packed, int width, int rowCount, int entryCount)
    {
        if (width == 0 || (1L << width) <= entryCount)
        {
            return;
        }

        Span<uint> block = stackalloc uint[VectorSize.Standard];
        for (var start = 0; start < rowCount; start += block.Length)
        {
            var count = Math.Min(block.Length, rowCount - start);
            BitPacking.Unpack(packed, width, start, count, block[..count]);
            var max = System.Numerics.Tensors.TensorPrimitives.Max<uint>(block[..count]);
            if (max >= entryCount)
            {
                throw new InvalidDataException($"dictionary payload: a code ({max}) in rows {start}..{start + count} is past the {entryCount} entries.");
            }
        }
    }

    internal static long AlignTo8(long size) => (size + 7) & ~7L;

    private static int CodeWidth(int entries) => entries <= 1 ? 0 : BitPacking.BitWidth((ulong)(entries - 1));

    private sealed class DictionaryColumn(ColumnType type, int rowCount, ColumnVector entries, int width, ReadOnlyMemory<byte> packed)
        : EncodedColumn(type, rowCount)
    {
        private CodeMatch? _lastMatch;

        public override EncodingKind Kind => EncodingKind.Dictionary;

        /// <summary>The sorted distinct values; operators that understand dictionaries work on these.</summary>
        public ColumnVector Entries => entries;

        public override void Decode(int start, int count, ColumnVector target)
        {
            CheckRange(start, count);
            var codes = target.RentCodes(count);
            BitPacking.Unpack(packed.Span, width, start, count, MemoryMarshal.Cast<int, uint>(codes.Span));
            target.ReferenceDictionary(count, entries, codes);
        }

        public override void Filter(ColumnPredicate predicate, int start, int count, Span<ulong> bits)
        {
            CheckRange(start, count);
            var match = Match(predicate);
            switch (match.Shape)
            {
                case MatchShape.None:
                case MatchShape.All:
                    bits[..BitSpan.WordCount(count)].Fill(match.Shape == MatchShape.All ? ulong.MaxValue : 0);
                    ClearTail(bits, count);
                    break;
                case MatchShape.Range:
                case MatchShape.Outside:
                    BitPacking.UnpackBetween(packed.Span, width, start, count, (uint)match.Low, (uint)match.High, bits);
                    if (match.Shape == MatchShape.Outside)
                    {
                        BitSpan.Invert(bits, count);
                    }

                    break;
                default:
                    BitPacking.UnpackLookup(packed.Span, width, start, count, match.Lookup, bits);
                    break;
            }
        }

        /// <summary>The predicate evaluated once over the entries, kept for the next call with the same predicate.</summary>
        private CodeMatch Match(ColumnPredicate predicate)
        {
            var last = _lastMatch;
            if (last is not null && ReferenceEquals(last.Predicate, predicate))
            {
                return last;
            }

            var entryBits = new ulong[BitSpan.WordCount(entries.Count)];
            PredicateEvaluator.Evaluate(predicate, entries, 0, entries.Count, entryBits);
            var match = CodeMatch.From(predicate, entryBits, entries.Count);
            _lastMatch = match;
            return match;
        }
    }

    private enum MatchShape
    {
        None,
        All,
        Range,
        Outside,
        Lookup,
    }

    /// <summary>Which codes match: none, all, a range [Low, High], all but a range, or an arbitrary set.</summary>
    private sealed class CodeMatch
    {
        private CodeMatch(ColumnPredicate predicate, MatchShape shape, int low, int high, bool[] lookup)
        {
            Predicate = predicate;
            Shape = shape;
            Low = low;
            High = high;
            Lookup = lookup;
        }

        public ColumnPredicate Predicate { get; }

        public MatchShape Shape { get; }

        public int Low { get; }

        public int High { get; }

        public bool[] Lookup { get; }

        public static CodeMatch From(ColumnPredicate predicate, ulong[] entryBits, int entryCount)
        {
            var matches = BitSpan.PopCount(entryBits, entryCount);
            if (matches == 0)
            {
                return new CodeMatch(predicate, MatchShape.None, 0, 0, []);
            }

            if (matches == entryCount)
            {
                return new CodeMatch(predicate, MatchShape.All, 0, 0, []);
            }

            var first = BitSpan.FirstSet(entryBits, entryCount);
            var last = BitSpan.LastSet(entryBits, entryCount);
            if (last - first + 1 == matches)
            {
                return new CodeMatch(predicate, MatchShape.Range, first, last, []);
            }

            BitSpan.Invert(entryBits, entryCount);
            var firstMiss = BitSpan.FirstSet(entryBits, entryCount);
            var lastMiss = BitSpan.LastSet(entryBits, entryCount);
            if (lastMiss - firstMiss + 1 == entryCount - matches)
            {
                return new CodeMatch(predicate, MatchShape.Outside, firstMiss, lastMiss, []);
            }

            var lookup = new bool[entryCount];
            for (var i = 0; i < entryCount; i++)
            {
                lookup[i] = (entryBits[i >> 6] & (1UL << (i & 63))) == 0;
            }

            return new CodeMatch(predicate, MatchShape.Lookup, 0, 0, lookup);
        }
    }
}
