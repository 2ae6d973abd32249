using System.IO.Hashing;
using Olap.Columnar.Encoding;
using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Columnar.Format;

/// <summary>One column chunk encoded in memory, ready to be written: everything but its place in the file.</summary>
internal sealed record EncodedColumnChunk(
    EncodingKind Encoding,
    byte[]? Validity,
    byte[] Payload,
    ulong Checksum,
    int NullCount,
    int DistinctCount,
    ScalarValue Min,
    ScalarValue Max);

/// <summary>A row group's column chunks, encoded and waiting for their turn to be written.</summary>
internal sealed record EncodedRowGroup(int RowCount, EncodedColumnChunk[] Columns);

/// <summary>
/// Analyzes and encodes the buffered rows of one row group. It touches no file, so several row groups can be encoded
/// at once on different threads while the writer appends finished ones in order.
/// </summary>
internal static class RowGroupEncoder
{
    [ThreadStatic]
    private static PayloadWriter? t_payload;

    /// <param name="plainWithoutStatistics">
    /// For a sort's temporary runs, read once and deleted: plain payloads and no zone maps, so no analysis pass.
    /// </param>
    public static EncodedRowGroup Encode(ColumnBuilder[] builders, EncodingKind? forceEncoding, bool plainWithoutStatistics)
    {
        var rows = builders[0].Count;
        var columns = new EncodedColumnChunk[builders.Length];
        var vector = new ColumnVector(builders[0].Type);
        for (var c = 0; c < builders.Length; c++)
        {
            if (vector.Type != builders[c].Type)
            {
                vector = new ColumnVector(builders[c].Type);
            }

            builders[c].ViewInto(vector);
            columns[c] = EncodeColumn(vector, builders[c].DictionaryCodes, forceEncoding, plainWithoutStatistics);
        }

        return new EncodedRowGroup(rows, columns);
    }

    private static EncodedColumnChunk EncodeColumn(ColumnVector values, DictionaryCodes? codes, EncodingKind? forceEncoding, bool plainWithoutStatistics)
    {
        var hash = new XxHash64();
        var nullCount = values.Validity.CountNulls(values.Count);
        byte[]? validity = null;
        if (nullCount > 0)
        {
            validity = values.Validity.Bits[..ValidityMask.ByteCount(values.Count)].ToArray();
            hash.Append(validity);
        }

        var payload = t_payload ??= new PayloadWriter();
        payload.Reset();
        if (plainWithoutStatistics)
        {
            PlainEncoding.Write(values, payload);
            var plain = payload.WrittenSpan.ToArray();
            hash.Append(plain);
            return new EncodedColumnChunk(EncodingKind.Plain, validity, plain, hash.GetCurrentHashAsUInt64(), nullCount, -1, ScalarValue.Null, ScalarValue.Null);
        }

        var analysis = ChunkAnalysis.Analyze(values, codes);
        var (encoding, _) = ColumnEncodings.Choose(values, analysis, forceEncoding);
        encoding.Encode(values, analysis, payload);
        var bytes = payload.WrittenSpan.ToArray();
        hash.Append(bytes);
        return new EncodedColumnChunk(encoding.Kind, validity, bytes, hash.GetCurrentHashAsUInt64(), nullCount, analysis.DistinctCount, analysis.Min, analysis.Max);
    }
}
