using CsCheck;
using Olap.Columnar.Bitmaps;
using Olap.Columnar.Encoding;
using Olap.Columnar.Kernels;
using Olap.Columnar.Predicates;
using Olap.Columnar.Tests.TestSupport;
using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Columnar.Tests.Encoding;

/// <summary>
/// A damaged payload is refused with <see cref="InvalidDataException"/>, or opens and then decodes, filters and reads
/// every row without an exception; it may read as other values (the file's checksums catch those), never crash.
/// </summary>
public sealed class MalformedPayloadTests
{
    private const int Mutations = 50;

    public static TheoryData<EncodingKind> Kinds => [.. ColumnEncodings.All.Select(encoding => encoding.Kind)];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_truncated_overwritten_or_extended_payload_is_refused_as_invalid_data_or_read_without_crashing(EncodingKind kind)
    {
        var encoding = ColumnEncodings.Get(kind);
        var types = kind is EncodingKind.BitPacked or EncodingKind.Delta ? ColumnTypes.Integral : ColumnTypes.All;
        var samples = Gen.OneOf([.. types]).SelectMany(type => kind switch
        {
            EncodingKind.Delta => ColumnSampleGen.Sorted(type, 3_000),
            EncodingKind.Bitmap => ColumnSampleGen.LowCardinality(type, 600),
            _ => ColumnSampleGen.Any(type, 600),
        });
        Gen.Select(samples, Gen.Int).Sample((sample, seed) =>
        {
            var values = sample.ToVector();
            if (EncodedChunk.TryEncode(encoding, values, ChunkAnalysis.Analyze(values)) is not { } chunk)
            {
                return;
            }

            var random = new Random(seed);
            var payload = chunk.Payload;
            foreach (var length in TruncatedLengths(payload.Length, random))
            {
                Probe(encoding, sample.Type, sample.Count, payload.AsMemory(0, length), $"{sample} truncated to {length} of {payload.Length} bytes");
            }

            for (var m = 0; m < Mutations; m++)
            {
                var damaged = (byte[])payload.Clone();
                var edits = Overwrite(damaged, random);
                Probe(encoding, sample.Type, sample.Count, damaged, $"{sample} with bytes overwritten ({edits})");
            }

            var extended = new byte[payload.Length + random.Next(1, 17)];
            payload.CopyTo(extended, 0);
            Probe(encoding, sample.Type, sample.Count, extended, $"{sample} with {extended.Length - payload.Length} bytes appended");
        }, iter: 30);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_zero_row_payload_is_refused_as_invalid_data_or_read_without_crashing(EncodingKind kind)
    {
        // The writer never encodes an empty chunk except plainly, but a reader may still be handed one.
        var encoding = ColumnEncodings.Get(kind);
        foreach (var type in ColumnTypes.All)
        {
            for (var length = 0; length <= 40; length++)
            {
                Probe(encoding, type, 0, new byte[length], $"{length} zero bytes for 0 {type} rows");
            }
        }
    }

    [Fact]
    public void A_bitmap_payload_that_leaves_a_row_without_a_value_is_refused()
    {
        // The crafted layout is the codec's own: one value whose bitmap holds rows 0..2 is what the encoder writes.
        var valid = EncodedChunk.TryEncode(BitmapEncoding.Instance, Constant42(3), ChunkAnalysis.Analyze(Constant42(3)))!;
        Assert.Equal(valid.Payload, OneValueBitmapPayload(42, [0, 1, 2]));

        // Rows 0, 2 and 5: three rows counted and the last row present, but row 1 has no value and row 5 is past the end.
        var exception = Record.Exception(() => BitmapEncoding.Instance.Open(ColumnType.BigInt, 3, OneValueBitmapPayload(42, [0, 2, 5])));
        Assert.IsType<InvalidDataException>(exception);
    }

    private static ColumnVector Constant42(int rows) => new ColumnSample(ColumnType.BigInt, "Constant", Enumerable.Repeat(ScalarValue.FromInt64(42), rows).ToArray()).ToVector();

    /// <summary>Bitmap layout: int32 entry count, padding to 8, the entries, padding to 8, int32 length per bitmap, the bitmaps.</summary>
    private static byte[] OneValueBitmapPayload(long value, int[] rows)
    {
        var bitmap = RoaringBitmap.FromSorted(rows);
        var writer = new PayloadWriter();
        writer.Write(1);
        writer.Align(8);
        writer.Write(value);
        writer.Align(8);
        writer.Write(bitmap.SerializedSize);
        bitmap.Serialize(writer.GetSpan(bitmap.SerializedSize));
        return writer.WrittenMemory.ToArray();
    }

    /// <summary>Every length of a short payload; of a long one the header lengths, the last 16, and random ones: about 50.</summary>
    private static IEnumerable<int> TruncatedLengths(int length, Random random)
    {
        if (length <= Mutations)
        {
            return Enumerable.Range(0, length);
        }

        var lengths = new SortedSet<int>();
        for (var i = 0; i < 24; i++)
        {
            lengths.Add(i);
            lengths.Add(length - 1 - (i % 16));
        }

        while (lengths.Count < Mutations)
        {
            lengths.Add(random.Next(length));
        }

        return lengths;
    }

    /// <summary>Overwrites 1 to 4 bytes, half of them among the first 32 (the headers); returns what it did.</summary>
    private static string Overwrite(byte[] payload, Random random)
    {
        if (payload.Length == 0)
        {
            return "nothing to overwrite";
        }

        var edits = new List<string>();
        for (var e = random.Next(1, 5); e > 0; e--)
        {
            var at = random.Next(2) == 0 ? random.Next(Math.Min(32, payload.Length)) : random.Next(payload.Length);
            var before = payload[at];
            payload[at] = random.Next(4) switch
            {
                0 => (byte)(before ^ (1 << random.Next(8))),
                1 => (byte)random.Next(256),
                2 => 0xFF,
                _ => (byte)(before + (random.Next(2) == 0 ? 1 : -1)),
            };
            edits.Add($"byte {at}: 0x{before:X2} → 0x{payload[at]:X2}");
        }

        return string.Join(", ", edits);
    }

    /// <summary>Opens, decodes all rows and a window, reads every row, and filters; only InvalidDataException may escape.</summary>
    private static void Probe(IColumnEncoding encoding, ColumnType type, int rowCount, ReadOnlyMemory<byte> payload, string what)
    {
        try
        {
            var column = encoding.Open(type, rowCount, payload);
            var target = new ColumnVector(type);
            var bits = new ulong[BitSpan.WordCount(rowCount)];
            foreach (var (start, count) in new[] { (0, rowCount), (rowCount / 3, rowCount - (rowCount / 3)), (rowCount, 0) })
            {
                column.Decode(start, count, target);
                for (var i = 0; i < count; i++)
                {
                    _ = Scalars.Raw(target, i);
                }

                foreach (var predicate in ProbePredicates(type))
                {
                    column.Filter(predicate, start, count, bits);
                }
            }
        }
        catch (InvalidDataException)
        {
        }
        catch (Exception exception)
        {
            Assert.Fail($"{encoding.Kind} payload of {what}: {exception.GetType().Name}: {exception.Message}\n{exception.StackTrace}");
        }
    }

    private static ColumnPredicate[] ProbePredicates(ColumnType type)
    {
        var constants = Enumerable.Range(-5, 20).Select(i => type.Physical switch
        {
            PhysicalKind.Double => ScalarValue.FromDouble(i),
            PhysicalKind.String => ScalarValue.FromString(i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            _ => ScalarValue.FromInt64(i),
        }).ToArray();
        return
        [
            ColumnPredicate.Compare(ComparisonKind.Equal, constants[5]),
            ColumnPredicate.Compare(ComparisonKind.NotEqual, constants[6]),
            ColumnPredicate.Compare(ComparisonKind.LessThan, constants[7]),
            ColumnPredicate.Between(constants[2], constants[12]),
            ColumnPredicate.In(constants),
            ColumnPredicate.In([constants[3], constants[9]]),
        ];
    }
}
