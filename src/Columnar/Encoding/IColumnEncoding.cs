using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Columnar.Encoding;

/// <summary>
/// One codec of the table of codecs (DuckDB's CompressionFunction): analyze a chunk for its encoded size, encode it,
/// and open an encoded payload for decoding and filtering.
/// </summary>
public interface IColumnEncoding
{
    EncodingKind Kind { get; }

    /// <summary>
    /// The payload size in bytes this codec would produce for <paramref name="values"/>, or -1 when it cannot encode them
    /// (wrong type, not sorted for delta, too many distinct values for bitmap, ...).
    /// </summary>
    long EstimateSize(ColumnVector values, ChunkAnalysis analysis);

    /// <summary>Appends the payload for the flat <paramref name="values"/> (NULL rows hold placeholders) to <paramref name="writer"/>.</summary>
    void Encode(ColumnVector values, ChunkAnalysis analysis, PayloadWriter writer);

    /// <summary>Opens a payload this codec wrote; throws <see cref="InvalidDataException"/> when it is malformed.</summary>
    EncodedColumn Open(ColumnType type, int rowCount, ReadOnlyMemory<byte> payload);
}
