using Olap.Columnar.Encoding;
using Olap.Columnar.Types;

namespace Olap.Columnar.Format;

/// <summary>
/// The file's metadata, written after the last row group: schema, sort key, row-group directory with per-chunk
/// encodings, offsets, checksums and statistics. Its own checksum is in the trailer.
/// </summary>
public sealed class FileFooter
{
    public FileFooter(IReadOnlyList<ColumnDefinition> columns, IReadOnlyList<SortKeyColumn> sortKey, int rowGroupSize, IReadOnlyList<RowGroupMetadata> rowGroups)
    {
        Columns = columns;
        SortKey = sortKey;
        RowGroupSize = rowGroupSize;
        RowGroups = rowGroups;
        long rows = 0;
        foreach (var group in rowGroups)
        {
            rows += group.RowCount;
        }

        RowCount = rows;
    }

    public IReadOnlyList<ColumnDefinition> Columns { get; }

    public IReadOnlyList<SortKeyColumn> SortKey { get; }

    public int RowGroupSize { get; }

    public IReadOnlyList<RowGroupMetadata> RowGroups { get; }

    public long RowCount { get; }

    public void Write(PayloadWriter writer)
    {
        writer.Write(FormatConstants.Version);
        writer.Write(RowCount);
        writer.Write(RowGroupSize);
        writer.Write(Columns.Count);
        foreach (var column in Columns)
        {
            WriteString(writer, System.Text.Encoding.UTF8.GetBytes(column.Name));
            writer.Write((byte)column.Type.Id);
            writer.Write(column.Type.Precision);
            writer.Write(column.Type.Scale);
        }

        writer.Write(SortKey.Count);
        foreach (var key in SortKey)
        {
            writer.Write(key.Column);
            writer.Write(key.Descending ? (byte)1 : (byte)0);
        }

        writer.Write(RowGroups.Count);
        foreach (var group in RowGroups)
        {
            writer.Write(group.FirstRow);
            writer.Write(group.RowCount);
            foreach (var chunk in group.Columns)
            {
                writer.Write((byte)chunk.Encoding);
                writer.Write(chunk.ValidityOffset);
                writer.Write(chunk.ValidityLength);
                writer.Write(chunk.PayloadOffset);
                writer.Write(chunk.PayloadLength);
                writer.Write(chunk.Checksum);
                writer.Write(chunk.NullCount);
                writer.Write(chunk.DistinctCount);
                WriteScalar(writer, chunk.Min);
                WriteScalar(writer, chunk.Max);
            }
        }
    }

    /// <summary>Parses and validates a footer; every inconsistency is an <see cref="OlapFormatException"/> naming the file.</summary>
    public static FileFooter Read(ReadOnlySpan<byte> bytes, string path, long dataEnd)
    {
        var reader = new PayloadReader(bytes, "footer");
        try
        {
            var version = reader.Read<ushort>();
            if (version != FormatConstants.Version)
            {
                throw new OlapFormatException(path, $"footer version {version} does not match the header's {FormatConstants.Version}");
            }

            var rowCount = reader.Read<long>();
            var rowGroupSize = reader.Read<int>();
            if (rowGroupSize <= 0)
            {
                throw new OlapFormatException(path, $"row group size {rowGroupSize} is not positive");
            }

            var columnCount = reader.ReadCount("the column count", 1 << 16);
            var columns = new ColumnDefinition[columnCount];
            for (var c = 0; c < columnCount; c++)
            {
                var name = System.Text.Encoding.UTF8.GetString(ReadString(ref reader));
                var id = (LogicalTypeId)reader.Read<byte>();
                var precision = reader.Read<byte>();
                var scale = reader.Read<byte>();
                if (!ColumnType.TryCreate(id, precision, scale, out var type))
                {
                    throw new OlapFormatException(path, $"unknown type (id {(int)id}, precision {precision}, scale {scale})", column: name);
                }

                columns[c] = new ColumnDefinition(name, type);
            }

            var sortKeyCount = reader.ReadCount("the sort key length", columnCount);
            var sortKey = new SortKeyColumn[sortKeyCount];
            for (var k = 0; k < sortKeyCount; k++)
            {
                var column = reader.ReadCount("a sort key column", columnCount - 1);
                var descending = reader.Read<byte>();
                if (descending > 1)
                {
                    throw new OlapFormatException(path, $"sort key entry {k} has direction byte {descending}");
                }

                sortKey[k] = new SortKeyColumn(column, descending == 1);
            }

            // Each directory entry takes at least 12 bytes, which bounds what a damaged count can make us allocate.
            var groupCount = reader.ReadCount("the row group count", reader.Remaining / 12);
            var groups = new RowGroupMetadata[groupCount];
            long expectedFirst = 0;
            for (var g = 0; g < groupCount; g++)
            {
                var firstRow = reader.Read<long>();
                var rows = reader.Read<int>();
                if (firstRow != expectedFirst || rows <= 0 || rows > rowGroupSize)
                {
                    throw new OlapFormatException(path, $"row group directory entry says first row {firstRow} and {rows} rows; expected first row {expectedFirst} and 1..{rowGroupSize} rows", g);
                }

                expectedFirst += rows;
                var chunks = new ColumnChunkMetadata[columnCount];
                for (var c = 0; c < columnCount; c++)
                {
                    chunks[c] = ReadChunk(ref reader, path, g, columns[c], rows, dataEnd);
                }

                groups[g] = new RowGroupMetadata(firstRow, rows, chunks);
            }

            if (expectedFirst != rowCount)
            {
                throw new OlapFormatException(path, $"the row groups hold {expectedFirst} rows but the footer says {rowCount}");
            }

            if (reader.Remaining != 0)
            {
                throw new OlapFormatException(path, $"{reader.Remaining} unexpected bytes at the end of the footer");
            }

            return new FileFooter(columns, sortKey, rowGroupSize, groups);
        }
        catch (InvalidDataException e)
        {
            throw new OlapFormatException(path, e.Message, inner: e);
        }
    }

    private static ColumnChunkMetadata ReadChunk(ref PayloadReader reader, string path, int group, ColumnDefinition column, int rows, long dataEnd)
    {
        var encoding = (EncodingKind)reader.Read<byte>();
        if (!ColumnEncodings.IsKnown(encoding))
        {
            throw new OlapFormatException(path, $"unknown encoding id {(int)encoding}", group, column.Name);
        }

        var validityOffset = reader.Read<long>();
        var validityLength = reader.Read<int>();
        var payloadOffset = reader.Read<long>();
        var payloadLength = reader.Read<int>();
        var checksum = reader.Read<ulong>();
        var nullCount = reader.Read<int>();
        var distinct = reader.Read<int>();
        var min = ReadScalar(ref reader);
        var max = ReadScalar(ref reader);
        CheckSection(path, group, column.Name, "validity", validityOffset, validityLength, dataEnd);
        CheckSection(path, group, column.Name, "payload", payloadOffset, payloadLength, dataEnd);
        if (validityLength != 0 && validityLength != Vectors.ValidityMask.ByteCount(rows))
        {
            throw new OlapFormatException(path, $"validity section of {validityLength} bytes for {rows} rows", group, column.Name);
        }

        if (nullCount < 0 || nullCount > rows || (validityLength == 0 && nullCount != 0) || distinct < -1 || distinct > rows)
        {
            throw new OlapFormatException(path, $"impossible statistics ({nullCount} NULLs, {distinct} distinct values in {rows} rows)", group, column.Name);
        }

        var kind = ExpectedKind(column.Type);
        if ((!min.IsNull && min.Kind != kind) || (!max.IsNull && max.Kind != kind))
        {
            throw new OlapFormatException(path, $"statistics of kind {min.Kind}/{max.Kind} for a {column.Type} column", group, column.Name);
        }

        if (!min.IsNull && !max.IsNull && min.CompareTo(max) > 0)
        {
            throw new OlapFormatException(path, $"the zone map's minimum {min} is above its maximum {max}", group, column.Name);
        }

        return new ColumnChunkMetadata(encoding, validityOffset, validityLength, payloadOffset, payloadLength, checksum, nullCount, distinct, min, max);
    }

    private static void CheckSection(string path, int group, string column, string section, long offset, int length, long dataEnd)
    {
        if (offset == 0 && length == 0)
        {
            return;
        }

        if (length < 0 || offset < FormatConstants.HeaderSize || offset % FormatConstants.SectionAlignment != 0 || offset + length > dataEnd)
        {
            throw new OlapFormatException(path, $"{section} section at offset {offset} with {length} bytes lies outside the data area [{FormatConstants.HeaderSize}, {dataEnd})", group, column);
        }
    }

    private static ScalarKind ExpectedKind(ColumnType type) => type.Physical switch
    {
        PhysicalKind.Double => ScalarKind.Double,
        PhysicalKind.String => ScalarKind.String,
        _ => ScalarKind.Integer,
    };

    private static void WriteScalar(PayloadWriter writer, ScalarValue value)
    {
        if (value.Kind == ScalarKind.String && value.Utf8.Length > FormatConstants.MaxStatisticBytes)
        {
            value = ScalarValue.Null;
        }

        writer.Write((byte)value.Kind);
        switch (value.Kind)
        {
            case ScalarKind.Integer: writer.Write(value.Int64); break;
            case ScalarKind.Double: writer.Write(value.Double); break;
            case ScalarKind.String: WriteString(writer, value.Utf8); break;
            default: break;
        }
    }

    private static ScalarValue ReadScalar(ref PayloadReader reader)
    {
        var kind = (ScalarKind)reader.Read<byte>();
        return kind switch
        {
            ScalarKind.Null => ScalarValue.Null,
            ScalarKind.Integer => ScalarValue.FromInt64(reader.Read<long>()),
            ScalarKind.Double => ScalarValue.FromDouble(reader.Read<double>()),
            ScalarKind.String => ScalarValue.FromUtf8(ReadString(ref reader)),
            _ => throw reader.Corrupt($"statistic kind {(int)kind} is unknown"),
        };
    }

    private static void WriteString(PayloadWriter writer, ReadOnlySpan<byte> utf8)
    {
        writer.Write(utf8.Length);
        writer.WriteBytes(utf8);
    }

    private static ReadOnlySpan<byte> ReadString(ref PayloadReader reader)
    {
        var length = reader.ReadCount("a string length", reader.Remaining);
        var start = reader.Position;
        reader.Skip(length, "a string");
        return reader.Span.Slice(start, length);
    }
}
