using Olap.Columnar.Encoding;
using Olap.Columnar.Vectors;

namespace Olap.Columnar.Tests.TestSupport;

/// <summary>One codec's payload for an analyzed chunk, copied out of the writer, and the payload opened again.</summary>
public sealed class EncodedChunk
{
    private EncodedChunk(IColumnEncoding encoding, long estimatedSize, byte[] payload, EncodedColumn column)
    {
        Encoding = encoding;
        EstimatedSize = estimatedSize;
        Payload = payload;
        Column = column;
    }

    public IColumnEncoding Encoding { get; }

    public EncodingKind Kind => Encoding.Kind;

    public long EstimatedSize { get; }

    public byte[] Payload { get; }

    public EncodedColumn Column { get; }

    /// <summary>Encodes <paramref name="values"/> (already analyzed) with <paramref name="encoding"/>; null when the codec does not apply.</summary>
    public static EncodedChunk? TryEncode(IColumnEncoding encoding, ColumnVector values, ChunkAnalysis analysis)
    {
        var size = encoding.EstimateSize(values, analysis);
        if (size < 0)
        {
            return null;
        }

        var payload = EncodeToArray(encoding, values, analysis, new PayloadWriter(16));
        return new EncodedChunk(encoding, size, payload, encoding.Open(values.Type, values.Count, payload));
    }

    /// <summary>Every applicable codec's payload for a fresh vector of <paramref name="sample"/>.</summary>
    public static List<EncodedChunk> EncodeAll(ColumnSample sample)
    {
        var values = sample.ToVector();
        var analysis = ChunkAnalysis.Analyze(values);
        var chunks = new List<EncodedChunk>();
        foreach (var encoding in ColumnEncodings.All)
        {
            if (TryEncode(encoding, values, analysis) is { } chunk)
            {
                chunks.Add(chunk);
            }
        }

        return chunks;
    }

    /// <summary>The bytes <paramref name="encoding"/> writes, copied because the writer reuses its buffer.</summary>
    public static byte[] EncodeToArray(IColumnEncoding encoding, ColumnVector values, ChunkAnalysis analysis, PayloadWriter writer)
    {
        writer.Reset();
        encoding.Encode(values, analysis, writer);
        return writer.WrittenMemory.ToArray();
    }
}
