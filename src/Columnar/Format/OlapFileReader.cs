using System.IO.Hashing;
using Olap.Columnar.Encoding;

namespace Olap.Columnar.Format;

/// <summary>
/// Opens a native file: checks header, trailer and footer, then reads column chunks on demand from a memory map,
/// verifying each chunk's checksum before its first use. Every defect is an <see cref="OlapFormatException"/>.
/// Safe for concurrent scans.
/// </summary>
public sealed class OlapFileReader : IDisposable
{
    private readonly MappedFile _mapped;
    private readonly EncodedColumn?[] _opened;
    private readonly Lock _openLock = new();
    private int _chunksLoaded;

    private OlapFileReader(string path, MappedFile mapped, FileFooter footer)
    {
        Path = path;
        _mapped = mapped;
        Footer = footer;
        _opened = new EncodedColumn?[footer.RowGroups.Count * footer.Columns.Count];
    }

    public string Path { get; }

    public FileFooter Footer { get; }

    public IReadOnlyList<ColumnDefinition> Columns => Footer.Columns;

    public IReadOnlyList<SortKeyColumn> SortKey => Footer.SortKey;

    public IReadOnlyList<RowGroupMetadata> RowGroups => Footer.RowGroups;

    public long RowCount => Footer.RowCount;

    private long[]? _rowGroupStarts;

    /// <summary>The file row number of row group <paramref name="rowGroup"/>'s first row.</summary>
    public long RowGroupStart(int rowGroup)
    {
        var starts = _rowGroupStarts;
        if (starts is null)
        {
            starts = new long[RowGroups.Count];
            long row = 0;
            for (var g = 0; g < starts.Length; g++)
            {
                starts[g] = row;
                row += RowGroups[g].RowCount;
            }

            _rowGroupStarts = starts;
        }

        return starts[rowGroup];
    }

    /// <summary>Lets the pages of row group <paramref name="rowGroup"/> leave memory: it will not be read again (see <see cref="MappedFile.ReleasePages"/>).</summary>
    internal void ReleaseRowGroupPages(int rowGroup)
    {
        long start = long.MaxValue, end = 0;
        foreach (var chunk in Footer.RowGroups[rowGroup].Columns)
        {
            if (chunk.ValidityLength > 0)
            {
                start = Math.Min(start, chunk.ValidityOffset);
            }

            start = Math.Min(start, chunk.PayloadOffset);
            end = Math.Max(end, chunk.PayloadOffset + chunk.PayloadLength);
        }

        if (end > start)
        {
            _mapped.ReleasePages(start, end - start);
        }
    }

    /// <summary>Column chunks loaded (checksummed and opened) so far: a scan loads only the columns it needs.</summary>
    public int ChunksLoaded => _chunksLoaded;

    public static OlapFileReader Open(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"'{path}': no such file.", path);
        }

        if (info.Length < FormatConstants.HeaderSize + FormatConstants.TrailerSize)
        {
            throw new OlapFormatException(path, $"the file is {info.Length} bytes, too short for an Olap file (truncated, or not an Olap file)");
        }

        var mapped = new MappedFile(path, info.Length);
        try
        {
            var bytes = mapped.GetSpan();
            if (!bytes[..4].SequenceEqual(FormatConstants.Magic))
            {
                throw new OlapFormatException(path, "not an Olap file (wrong magic bytes at the start)");
            }

            var version = BitConverter.ToUInt16(bytes[4..]);
            if (version != FormatConstants.Version)
            {
                throw new OlapFormatException(path, $"format version {version} is not supported (this build reads version {FormatConstants.Version})");
            }

            var trailer = bytes[^FormatConstants.TrailerSize..];
            if (!trailer[12..].SequenceEqual(FormatConstants.Magic))
            {
                throw new OlapFormatException(path, "the trailer's magic bytes are missing (the file is truncated or was not finished)");
            }

            var footerLength = BitConverter.ToUInt32(trailer[8..]);
            var footerEnd = bytes.Length - FormatConstants.TrailerSize;
            if (footerLength > footerEnd - FormatConstants.HeaderSize)
            {
                throw new OlapFormatException(path, $"the trailer gives a footer of {footerLength} bytes, more than the file holds");
            }

            var footerStart = footerEnd - (int)footerLength;
            var footerBytes = bytes[footerStart..footerEnd];
            if (XxHash64.HashToUInt64(footerBytes) != BitConverter.ToUInt64(trailer))
            {
                throw new OlapFormatException(path, "footer checksum mismatch (the footer is damaged)");
            }

            var footer = FileFooter.Read(footerBytes, path, footerStart);
            return new OlapFileReader(path, mapped, footer);
        }
        catch
        {
            ((IDisposable)mapped).Dispose();
            throw;
        }
    }

    /// <summary>Rows [0, count) NULL-ness of a chunk as bits in place, or empty when the chunk has no NULLs.</summary>
    public Memory<byte> GetValidity(int rowGroup, int column)
    {
        var chunk = RowGroups[rowGroup].Columns[column];
        return chunk.ValidityLength == 0 ? Memory<byte>.Empty : _mapped.Memory.Slice((int)chunk.ValidityOffset, chunk.ValidityLength);
    }

    /// <summary>Opens a column chunk for decoding and filtering; its checksum is verified the first time.</summary>
    public EncodedColumn OpenColumn(int rowGroup, int column)
    {
        var slot = (rowGroup * Columns.Count) + column;
        var opened = Volatile.Read(ref _opened[slot]);
        if (opened is not null)
        {
            return opened;
        }

        lock (_openLock)
        {
            opened = _opened[slot];
            if (opened is null)
            {
                opened = Load(rowGroup, column);
                Volatile.Write(ref _opened[slot], opened);
                _chunksLoaded++;
            }

            return opened;
        }
    }

    /// <summary>Starts a scan of <paramref name="columns"/> whose rows satisfy every filter.</summary>
    public FileScan Scan(IReadOnlyList<int> columns, IReadOnlyList<ScanFilter>? filters = null)
        => new(this, columns, filters ?? [], 0, RowGroups.Count);

    /// <summary>Scans only row groups [<paramref name="firstRowGroup"/>, <paramref name="endRowGroup"/>): one morsel of a parallel scan.</summary>
    public FileScan Scan(IReadOnlyList<int> columns, IReadOnlyList<ScanFilter> filters, int firstRowGroup, int endRowGroup)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(firstRowGroup);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(endRowGroup, RowGroups.Count);
        return new(this, columns, filters, firstRowGroup, endRowGroup);
    }

    /// <summary>Verifies every chunk's checksum and structure: a full integrity check.</summary>
    public void Verify()
    {
        for (var g = 0; g < RowGroups.Count; g++)
        {
            for (var c = 0; c < Columns.Count; c++)
            {
                OpenColumn(g, c);
            }
        }
    }

    public void Dispose() => ((IDisposable)_mapped).Dispose();

    private EncodedColumn Load(int rowGroup, int column)
    {
        var group = RowGroups[rowGroup];
        var chunk = group.Columns[column];
        var name = Columns[column].Name;
        var memory = _mapped.Memory;
        var hash = new XxHash64();
        hash.Append(memory.Span.Slice((int)chunk.ValidityOffset, chunk.ValidityLength));
        var payload = memory.Slice((int)chunk.PayloadOffset, chunk.PayloadLength);
        hash.Append(payload.Span);
        if (hash.GetCurrentHashAsUInt64() != chunk.Checksum)
        {
            throw new OlapFormatException(Path, $"checksum mismatch in the {chunk.Encoding} column chunk (the data is damaged)", rowGroup, name);
        }

        if (chunk.ValidityLength != 0)
        {
            var nulls = new Vectors.ValidityMask();
            nulls.Reference(GetValidity(rowGroup, column));
            if (nulls.CountNulls(group.RowCount) != chunk.NullCount)
            {
                throw new OlapFormatException(Path, $"the validity bitmap has a different NULL count than the footer's {chunk.NullCount}", rowGroup, name);
            }
        }

        try
        {
            return ColumnEncodings.Get(chunk.Encoding).Open(Columns[column].Type, group.RowCount, payload);
        }
        catch (InvalidDataException e)
        {
            throw new OlapFormatException(Path, e.Message, rowGroup, name, e);
        }
    }
}
