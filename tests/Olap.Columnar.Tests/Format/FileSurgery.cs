using System.Buffers.Binary;
using System.IO.Hashing;
using Olap.Columnar.Encoding;
using Olap.Columnar.Format;

namespace Olap.Columnar.Tests.Format;

/// <summary>
/// Byte-level edits of a native file for corruption tests: locating the footer, replacing it (with a matching trailer,
/// so that only the footer's own validation stands between the edit and the reader), and recomputing checksums.
/// </summary>
internal static class FileSurgery
{
    public static (int Start, int Length) FooterRange(byte[] file)
    {
        var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(file.Length - 8));
        return (file.Length - FormatConstants.TrailerSize - length, length);
    }

    /// <summary>The file's header and sections followed by <paramref name="footer"/> and a trailer that vouches for it.</summary>
    public static byte[] WithFooter(byte[] file, ReadOnlySpan<byte> footer)
    {
        var (start, _) = FooterRange(file);
        var result = new byte[start + footer.Length + FormatConstants.TrailerSize];
        file.AsSpan(0, start).CopyTo(result);
        footer.CopyTo(result.AsSpan(start));
        var trailer = result.AsSpan(start + footer.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(trailer, XxHash64.HashToUInt64(footer));
        BinaryPrimitives.WriteUInt32LittleEndian(trailer[8..], (uint)footer.Length);
        FormatConstants.Magic.CopyTo(trailer[12..]);
        return result;
    }

    public static byte[] WithFooter(byte[] file, FileFooter footer)
    {
        var writer = new PayloadWriter();
        footer.Write(writer);
        return WithFooter(file, writer.WrittenSpan);
    }

    /// <summary>The footer bytes of <paramref name="file"/>, to patch and pass to <see cref="WithFooter(byte[], ReadOnlySpan{byte})"/>.</summary>
    public static byte[] FooterBytes(byte[] file)
    {
        var (start, length) = FooterRange(file);
        return file.AsSpan(start, length).ToArray();
    }

    /// <summary>The footer with one column chunk's metadata changed.</summary>
    public static FileFooter ChangeChunk(FileFooter footer, int rowGroup, int column, Func<ColumnChunkMetadata, ColumnChunkMetadata> change) =>
        ChangeGroup(footer, rowGroup, group =>
        {
            var chunks = group.Columns.ToArray();
            chunks[column] = change(chunks[column]);
            return group with { Columns = chunks };
        });

    public static FileFooter ChangeGroup(FileFooter footer, int rowGroup, Func<RowGroupMetadata, RowGroupMetadata> change)
    {
        var groups = footer.RowGroups.ToArray();
        groups[rowGroup] = change(groups[rowGroup]);
        return new FileFooter(footer.Columns, footer.SortKey, footer.RowGroupSize, groups);
    }

    /// <summary>The XxHash64 a chunk's footer entry must carry for the bytes now in <paramref name="file"/>.</summary>
    public static ulong Checksum(byte[] file, ColumnChunkMetadata chunk)
    {
        var hash = new XxHash64();
        hash.Append(file.AsSpan((int)chunk.ValidityOffset, chunk.ValidityLength));
        hash.Append(file.AsSpan((int)chunk.PayloadOffset, chunk.PayloadLength));
        return hash.GetCurrentHashAsUInt64();
    }

    /// <summary>The footer with every chunk's checksum recomputed over <paramref name="file"/>'s current bytes.</summary>
    public static FileFooter WithChecksumsOf(FileFooter footer, byte[] file)
    {
        var groups = footer.RowGroups
            .Select(g => g with { Columns = g.Columns.Select(c => c with { Checksum = Checksum(file, c) }).ToArray() })
            .ToArray();
        return new FileFooter(footer.Columns, footer.SortKey, footer.RowGroupSize, groups);
    }
}
