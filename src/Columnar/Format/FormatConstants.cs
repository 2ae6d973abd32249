namespace Olap.Columnar.Format;

/// <summary>The fixed numbers of the native file format (docs/FORMAT.md).</summary>
public static class FormatConstants
{
    /// <summary>"OLAP" in ASCII, at the start of the header and the end of the trailer.</summary>
    public static ReadOnlySpan<byte> Magic => "OLAP"u8;

    public const ushort Version = 1;

    /// <summary>The header is one cache line, so the first section starts aligned.</summary>
    public const int HeaderSize = 64;

    /// <summary>uint64 footer checksum, uint32 footer length, magic.</summary>
    public const int TrailerSize = 16;

    /// <summary>Every section starts at a multiple of this, so Vector512 loads of plain and packed data are aligned.</summary>
    public const int SectionAlignment = 64;

    /// <summary>
    /// Rows per row group by default: 64 vectors of <see cref="Vectors.VectorSize.Standard"/> rows, large enough for
    /// good compression and small enough that zone maps prune finely and a worker's morsel stays in cache.
    /// </summary>
    public const int DefaultRowGroupSize = 64 * Vectors.VectorSize.Standard;

    /// <summary>Statistics on strings longer than this are not stored: the footer stays small.</summary>
    public const int MaxStatisticBytes = 256;
}
