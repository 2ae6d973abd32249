using Olap.Columnar.Encoding;
using Olap.Columnar.Types;

namespace Olap.Columnar.Format;

/// <summary>Where one column chunk lies in the file, how it is encoded, its checksum and its statistics (the zone map).</summary>
public sealed record ColumnChunkMetadata(
    EncodingKind Encoding,
    long ValidityOffset,
    int ValidityLength,
    long PayloadOffset,
    int PayloadLength,
    ulong Checksum,
    int NullCount,
    int DistinctCount,
    ScalarValue Min,
    ScalarValue Max);
