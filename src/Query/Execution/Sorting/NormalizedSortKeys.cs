using System.Buffers.Binary;
using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Query.Execution.Sorting;

/// <summary>
/// Every row's ORDER BY keys written once as bytes that compare as the keys do (DuckDB's normalized sort keys), so a
/// sort compares memory instead of reading each key column through its vector at every comparison. Per key: a NULL
/// byte placing NULLs first or last, then the value big-endian with its sign bit flipped (doubles by their IEEE bits,
/// NaN above every number), a string as its bytes padded with zeros and its length; a descending key's bytes
/// inverted. Strings longer than <see cref="MaxStringBytes"/> keep only their prefix, and the keys after such a
/// string are left out (a tie on the prefix must not let a later key decide): rows whose bytes tie then are told
/// apart by <see cref="OrderComparer.Compare"/>.
/// </summary>
internal sealed class NormalizedSortKeys
{
    /// <summary>String bytes kept in a key; longer strings are compared in full when their prefixes tie.</summary>
    public const int MaxStringBytes = 32;

    private readonly byte[] _bytes;
    private readonly ulong[] _prefixes;
    private readonly int _width;

    private NormalizedSortKeys(byte[] bytes, ulong[] prefixes, int width, bool exact)
    {
        _bytes = bytes;
        _prefixes = prefixes;
        _width = width;
        IsExact = exact;
    }

    /// <summary>True when equal keys mean equal rows: no string was cut short (and so every key was written).</summary>
    public bool IsExact { get; }

    public static NormalizedSortKeys Build(SortColumn[] keys, ColumnVector[] columns, int rowCount) => Build(keys, columns, rowCount, MaxKeyBytes, BlockBytes);

    /// <summary><see cref="Build(SortColumn[], ColumnVector[], int)"/> with the memory bounds given (tests use small ones).</summary>
    internal static NormalizedSortKeys Build(SortColumn[] keys, ColumnVector[] columns, int rowCount, long maxKeyBytes, int blockBytes)
    {
        var widths = new int[keys.Length];
        var exact = true;
        var width = 0;
        var written = 0;
        while (written < keys.Length && exact)
        {
            var key = keys[written];
            var valueBytes = key.Kind switch
            {
                PhysicalKind.Int8 => 1,
                PhysicalKind.Int16 => 2,
                PhysicalKind.Int32 => 4,
                PhysicalKind.Int64 or PhysicalKind.Double => 8,
                PhysicalKind.Int128 => 16,
                _ => StringBytes(columns[key.Column], rowCount, ref exact),
            };
            widths[written] = 1 + valueBytes;
            width += widths[written];
            written++;
        }

        // Keys of a sort too large to hold them whole keep their first 8 bytes only (written a block of rows at a time);
        // rows tied on those are then compared column by column.
        var whole = (long)rowCount * width <= maxKeyBytes;
        var blockRows = whole ? rowCount : Math.Max(1, blockBytes / Math.Max(1, width));
        var bytes = new byte[Math.Max(1, (long)blockRows * width)];
        var prefixes = new ulong[rowCount];
        Span<byte> first = stackalloc byte[sizeof(ulong)];
        for (var start = 0; start < rowCount; start += blockRows)
        {
            var count = Math.Min(blockRows, rowCount - start);
            var offset = 0;
            for (var k = 0; k < written; k++)
            {
                // Only the last key written can be a cut string: it alone goes without a length byte.
                Write(keys[k], columns[keys[k].Column], start, count, bytes, width, offset, widths[k], lengthBytes: exact || k < written - 1);
                offset += widths[k];
            }

            for (var row = 0; row < count; row++)
            {
                first.Clear();
                bytes.AsSpan(row * width, Math.Min(width, sizeof(ulong))).CopyTo(first);
                prefixes[start + row] = BinaryPrimitives.ReadUInt64BigEndian(first);
            }
        }

        return whole
            ? new NormalizedSortKeys(bytes, prefixes, width, exact)
            : new NormalizedSortKeys([], prefixes, Math.Min(width, sizeof(ulong)), exact && width <= sizeof(ulong));
    }

    /// <summary>Sorts whose keys take more bytes than this keep only each row's first 8 key bytes.</summary>
    private const long MaxKeyBytes = 256L << 20;

    /// <summary>Rows of such a sort are written this many key bytes at a time.</summary>
    private const int BlockBytes = 4 << 20;

    /// <summary>Orders two rows' keys: negative when row <paramref name="a"/>'s come first, 0 when they are equal.</summary>
    public int Compare(int a, int b)
    {
        var x = _prefixes[a];
        var y = _prefixes[b];
        if (x != y)
        {
            return x < y ? -1 : 1;
        }

        return _width <= sizeof(ulong)
            ? 0
            : _bytes.AsSpan((a * _width) + sizeof(ulong), _width - sizeof(ulong)).SequenceCompareTo(_bytes.AsSpan((b * _width) + sizeof(ulong), _width - sizeof(ulong)));
    }

    /// <summary>The bytes a string key takes: its longest value (capped) and a length byte.</summary>
    private static int StringBytes(ColumnVector column, int rowCount, ref bool exact)
    {
        var longest = 0;
        for (var row = 0; row < rowCount; row++)
        {
            if (!column.IsNull(row))
            {
                longest = Math.Max(longest, column.GetString(row).Length);
            }
        }

        if (longest > MaxStringBytes)
        {
            exact = false;
            return MaxStringBytes;
        }

        return longest + 1;
    }

    /// <summary>Writes one key of rows [first, first + count) into <paramref name="bytes"/>, row first + i at i * width + offset.</summary>
    private static void Write(SortColumn key, ColumnVector column, int first, int count, byte[] bytes, int width, int offset, int keyWidth, bool lengthBytes)
    {
        // NULL placement does not follow ASC/DESC (as in DuckDB): the NULL byte is never inverted.
        var nullByte = key.NullsFirst ? (byte)0 : (byte)2;
        for (var i = 0; i < count; i++)
        {
            var row = first + i;
            var target = bytes.AsSpan((i * width) + offset, keyWidth);
            if (column.IsNull(row))
            {
                target[0] = nullByte;
                target[1..].Clear();
                continue;
            }

            target[0] = 1;
            var value = target[1..];
            switch (key.Kind)
            {
                case PhysicalKind.Int8:
                    value[0] = column.GetValue<byte>(row);
                    break;
                case PhysicalKind.Int16:
                    BinaryPrimitives.WriteUInt16BigEndian(value, (ushort)(column.GetValue<short>(row) ^ short.MinValue));
                    break;
                case PhysicalKind.Int32:
                    BinaryPrimitives.WriteUInt32BigEndian(value, (uint)(column.GetValue<int>(row) ^ int.MinValue));
                    break;
                case PhysicalKind.Int64:
                    BinaryPrimitives.WriteUInt64BigEndian(value, (ulong)(column.GetValue<long>(row) ^ long.MinValue));
                    break;
                case PhysicalKind.Int128:
                    BinaryPrimitives.WriteUInt128BigEndian(value, (UInt128)(column.GetValue<Int128>(row) ^ Int128.MinValue));
                    break;
                case PhysicalKind.Double:
                    BinaryPrimitives.WriteUInt64BigEndian(value, DoubleBits(column.GetValue<double>(row)));
                    break;
                default:
                    WriteString(column.GetString(row), value, lengthBytes);
                    break;
            }

            if (key.Descending)
            {
                foreach (ref var b in value)
                {
                    b = (byte)~b;
                }
            }
        }
    }

    /// <summary>A string's bytes (at most the key's room), zeros after, and with <paramref name="lengthByte"/> its length last.</summary>
    /// <remarks>
    /// Zero padding alone ties "AB" with "AB\0". When every string fits, the shorter of two such is a prefix of the
    /// other and sorts first, which the length byte says. When some are cut there is no length byte (it would sort a
    /// short string after a long one with zeros up to there): padding then orders rightly or ties, and ties are
    /// compared in full.
    /// </remarks>
    private static void WriteString(ReadOnlySpan<byte> text, Span<byte> value, bool lengthByte)
    {
        value.Clear();
        var room = lengthByte ? value.Length - 1 : value.Length;
        text[..Math.Min(text.Length, room)].CopyTo(value);
        if (lengthByte)
        {
            value[^1] = (byte)text.Length;
        }
    }

    /// <summary>A double's bits in an order that compares as numbers: -0.0 as 0.0, every NaN above +infinity.</summary>
    private static ulong DoubleBits(double value)
    {
        if (double.IsNaN(value))
        {
            return ulong.MaxValue;
        }

        var bits = (ulong)BitConverter.DoubleToInt64Bits(value == 0 ? 0.0 : value);
        return (bits & (1UL << 63)) != 0 ? ~bits : bits | (1UL << 63);
    }
}
