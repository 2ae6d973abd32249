using Olap.Columnar.Bitmaps;
using Olap.Columnar.Kernels;
using Olap.Columnar.Predicates;
using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Columnar.Encoding;

/// <summary>
/// For very low cardinality: the sorted distinct values and, per value, a compressed (Roaring) bitmap of its rows.
/// <c>=</c> and <c>IN</c> become unions of bitmaps, and two bitmap-encoded predicates combine by intersection
/// (<see cref="IBitmapSelectable"/>), all without touching the rows that do not match.
/// </summary>
/// <remarks>Layout: int32 entry count, 4 bytes padding; the entries (plain); padding to 8; int32 byte length per bitmap; the serialized bitmaps.</remarks>
public sealed class BitmapEncoding : IColumnEncoding
{
    public static readonly BitmapEncoding Instance = new();

    /// <summary>Above this many distinct values one bitmap per value costs more than dictionary codes.</summary>
    public const int MaxEntries = 32;

    public EncodingKind Kind => EncodingKind.Bitmap;

    public long EstimateSize(ColumnVector values, ChunkAnalysis analysis)
    {
        if (analysis.DictionaryCount is < 0 or > MaxEntries || analysis.Dictionary is not { } entries || analysis.RowCount == 0)
        {
            return -1;
        }

        var size = 8 + DictionaryEncoding.AlignTo8(PlainEncoding.Size(entries)) + (entries.Count * 4L);
        foreach (var bitmap in Bitmaps(analysis))
        {
            size += bitmap.SerializedSize;
        }

        return size;
    }

    /// <summary>
    /// A bound no larger than <see cref="EstimateSize"/>, from one pass over the codes: each value's bitmap costs at
    /// least its headers and the cheaper of two bytes per row and four per run (or a whole bitset container). It lets
    /// the codec choice skip building the bitmaps of a chunk they cannot win.
    /// </summary>
    public static long SizeAtLeast(ChunkAnalysis analysis)
    {
        if (analysis.DictionaryCount is < 0 or > MaxEntries || analysis.Dictionary is not { } entries || analysis.Codes is not { } codes)
        {
            return long.MaxValue;
        }

        Span<int> rows = stackalloc int[entries.Count];
        Span<int> runs = stackalloc int[entries.Count];
        rows.Clear();
        runs.Clear();
        var previous = -1;
        foreach (var code in codes)
        {
            rows[code]++;
            if (code != previous)
            {
                runs[code]++;
                previous = code;
            }
        }

        const int bitmapHeader = sizeof(uint) + sizeof(ushort) + sizeof(byte) + sizeof(ushort);
        var size = 8 + DictionaryEncoding.AlignTo8(PlainEncoding.Size(entries)) + (entries.Count * 4L);
        for (var e = 0; e < entries.Count; e++)
        {
            size += rows[e] == 0 ? sizeof(uint) : bitmapHeader + Math.Min(Math.Min(2L * rows[e], 4L * runs[e]), Container.BitsetBytes);
        }

        return size;
    }

    public void Encode(ColumnVector values, ChunkAnalysis analysis, PayloadWriter writer)
    {
        var entries = analysis.Dictionary ?? throw new InvalidOperationException("The chunk has too many distinct values for bitmaps.");
        var bitmaps = Bitmaps(analysis);
        writer.Write(entries.Count);
        writer.Align(8);
        PlainEncoding.Write(entries, writer);
        writer.Align(8);
        foreach (var bitmap in bitmaps)
        {
            writer.Write(bitmap.SerializedSize);
        }

        foreach (var bitmap in bitmaps)
        {
            bitmap.Serialize(writer.GetSpan(bitmap.SerializedSize));
        }
    }

    public EncodedColumn Open(ColumnType type, int rowCount, ReadOnlyMemory<byte> payload)
    {
        var reader = new PayloadReader(payload.Span, "bitmap");
        var entryCount = reader.ReadCount("the entry count", Math.Min(MaxEntries, Math.Max(rowCount, 0)));
        if (entryCount == 0 && rowCount > 0)
        {
            throw reader.Corrupt($"no entries for {rowCount} rows");
        }

        reader.Align(8);
        var entries = new ColumnVector(type);
        reader.Skip(PlainEncoding.Read(type, entryCount, payload[reader.Position..], entries, "bitmap entries"), "the entries");
        reader.Align(8);
        var lengths = new int[entryCount];
        for (var i = 0; i < entryCount; i++)
        {
            lengths[i] = reader.ReadCount($"the length of bitmap {i}", int.MaxValue);
        }

        var bitmaps = new RoaringBitmap[entryCount];
        long covered = 0;
        for (var i = 0; i < entryCount; i++)
        {
            var start = reader.Skip(lengths[i], $"bitmap {i}");
            bitmaps[i] = RoaringBitmap.Deserialize(payload.Span.Slice(start, lengths[i]));
            covered += bitmaps[i].Cardinality;
        }

        if (reader.Remaining != 0)
        {
            throw reader.Corrupt($"{reader.Remaining} bytes follow the bitmaps");
        }

        // Every row must belong to exactly one value: the bitmaps partition [0, rowCount). Their sizes adding up to
        // the row count and their union being exactly [0, rowCount) together rule out overlaps and strays.
        var union = new RoaringBitmap();
        foreach (var bitmap in bitmaps)
        {
            union = RoaringBitmap.Or(union, bitmap);
        }

        if (covered != rowCount || !union.Equals(RoaringBitmap.Range(0, rowCount)))
        {
            throw reader.Corrupt($"the bitmaps do not partition the {rowCount} rows");
        }

        return new BitmapColumn(type, rowCount, entries, bitmaps);
    }

    private static RoaringBitmap[] Bitmaps(ChunkAnalysis analysis)
    {
        if (analysis.ValueBitmaps is { } cached)
        {
            return cached;
        }

        var entryCount = analysis.Dictionary!.Count;
        var codes = analysis.Codes!;
        var counts = new int[entryCount];
        foreach (var code in codes)
        {
            counts[code]++;
        }

        var rows = new int[entryCount][];
        for (var e = 0; e < entryCount; e++)
        {
            rows[e] = new int[counts[e]];
        }

        Array.Clear(counts);
        for (var row = 0; row < codes.Length; row++)
        {
            var code = codes[row];
            rows[code][counts[code]++] = row;
        }

        var bitmaps = new RoaringBitmap[entryCount];
        for (var e = 0; e < entryCount; e++)
        {
            bitmaps[e] = RoaringBitmap.FromSorted(rows[e]);
        }

        analysis.ValueBitmaps = bitmaps;
        return bitmaps;
    }

    private sealed class BitmapColumn(ColumnType type, int rowCount, ColumnVector entries, RoaringBitmap[] bitmaps)
        : EncodedColumn(type, rowCount), IBitmapSelectable
    {
        private const int RecentSelections = 4;
        private Selection[] _recentSelections = [];

        public override EncodingKind Kind => EncodingKind.Bitmap;

        public override void Decode(int start, int count, ColumnVector target)
        {
            CheckRange(start, count);
            var codesMemory = target.RentCodes(count);
            var codes = codesMemory.Span;
            Span<ulong> rows = stackalloc ulong[BitSpan.WordCount(Math.Min(count, VectorSize.Standard))];
            for (var windowStart = 0; windowStart < count; windowStart += VectorSize.Standard)
            {
                var windowCount = Math.Min(VectorSize.Standard, count - windowStart);
                for (var e = 0; e < bitmaps.Length; e++)
                {
                    var words = rows[..BitSpan.WordCount(windowCount)];
                    words.Clear();
                    bitmaps[e].OrInto(start + windowStart, windowCount, words);
                    for (var w = 0; w < words.Length; w++)
                    {
                        var word = words[w];
                        while (word != 0)
                        {
                            codes[windowStart + (w << 6) + System.Numerics.BitOperations.TrailingZeroCount(word)] = e;
                            word &= word - 1;
                        }
                    }
                }
            }

            target.ReferenceDictionary(count, entries, codesMemory);
        }

        public override void Filter(ColumnPredicate predicate, int start, int count, Span<ulong> bits)
        {
            CheckRange(start, count);
            bits[..BitSpan.WordCount(count)].Clear();
            Select(predicate).OrInto(start, count, bits);
        }

        public RoaringBitmap Select(ColumnPredicate predicate)
        {
            // A few recent answers are kept: a range on one column arrives as two predicates (>= and <=), and a
            // repeated query (a dashboard, a cube) asks the same ones of the same row group again.
            var recent = _recentSelections;
            foreach (var selection in recent)
            {
                if (ReferenceEquals(selection.Predicate, predicate))
                {
                    return selection.Rows;
                }
            }

            Span<ulong> entryBits = stackalloc ulong[1];
            PredicateEvaluator.Evaluate(predicate, entries, 0, entries.Count, entryBits);
            var rows = new RoaringBitmap();
            for (var e = 0; e < bitmaps.Length; e++)
            {
                if ((entryBits[0] & (1UL << e)) != 0)
                {
                    rows = RoaringBitmap.Or(rows, bitmaps[e]);
                }
            }

            var kept = recent.Length < RecentSelections ? new Selection[recent.Length + 1] : new Selection[RecentSelections];
            kept[0] = new Selection(predicate, rows);
            Array.Copy(recent, 0, kept, 1, kept.Length - 1);
            _recentSelections = kept;
            return rows;
        }

        /// <summary>The rows of a recent predicate; the list is replaced as a whole so that concurrent scans never see half of one.</summary>
        private sealed record Selection(ColumnPredicate Predicate, RoaringBitmap Rows);
    }
}
