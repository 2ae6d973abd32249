using Olap.Columnar.Encoding;
using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Benchmarks.Encoding;

/// <summary>One column of many rows, encoded chunk by chunk (one row group each) with one forced encoding.</summary>
internal sealed class EncodedColumnSet
{
    public const int ChunkRows = 64 * VectorSize.Standard;

    private EncodedColumnSet(EncodedColumn[] chunks, long encodedBytes)
    {
        Chunks = chunks;
        EncodedBytes = encodedBytes;
    }

    public EncodedColumn[] Chunks { get; }

    public long EncodedBytes { get; }

    public static EncodedColumnSet Create(ColumnType type, int[] values, EncodingKind kind)
    {
        var chunks = new List<EncodedColumn>();
        long bytes = 0;
        var writer = new PayloadWriter();
        foreach (var chunk in ChunkVectors(type, values))
        {
            var analysis = ChunkAnalysis.Analyze(chunk);
            var encoding = ColumnEncodings.Get(kind);
            if (encoding.EstimateSize(chunk, analysis) < 0)
            {
                throw new InvalidOperationException($"{kind} does not apply to this data.");
            }

            writer.Reset();
            encoding.Encode(chunk, analysis, writer);
            var payload = AlignedCopy(writer.WrittenSpan);
            bytes += writer.Length;
            chunks.Add(encoding.Open(type, chunk.Count, payload));
        }

        return new EncodedColumnSet([.. chunks], bytes);
    }

    /// <summary>Encodes one chunk and returns its size: the work the encode benchmark measures.</summary>
    public static long EncodeOnce(ColumnVector chunk, EncodingKind kind, PayloadWriter writer)
    {
        var analysis = ChunkAnalysis.Analyze(chunk);
        writer.Reset();
        ColumnEncodings.Get(kind).Encode(chunk, analysis, writer);
        return writer.Length;
    }

    public static List<ColumnVector> ChunkVectors(ColumnType type, int[] values)
    {
        var vectors = new List<ColumnVector>();
        for (var start = 0; start < values.Length; start += ChunkRows)
        {
            var builder = new ColumnBuilder(type, ChunkRows);
            var end = Math.Min(values.Length, start + ChunkRows);
            for (var i = start; i < end; i++)
            {
                builder.AppendInt64(values[i]);
            }

            vectors.Add(builder.ToVector());
        }

        return vectors;
    }

    /// <summary>Files hand payloads over 64-byte aligned; benchmarks do the same.</summary>
    private static Memory<byte> AlignedCopy(ReadOnlySpan<byte> payload)
    {
        var buffer = GC.AllocateUninitializedArray<byte>(payload.Length + 64, pinned: true);
        unsafe
        {
            fixed (byte* start = buffer)
            {
                var offset = (int)((64 - ((nint)start % 64)) % 64);
                payload.CopyTo(buffer.AsSpan(offset));
                return buffer.AsMemory(offset, payload.Length);
            }
        }
    }
}
