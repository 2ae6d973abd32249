using System.Buffers.Binary;
using System.IO.Hashing;

namespace Olap.Columnar.Storage;

/// <summary>
/// The deleted rows of one immutable segment, as a bitmap over its row numbers. It is stored in a file of its own
/// (<c>deletes-*.olapdel</c>): <c>OLAPDEL1</c>, the segment's row count, the deleted row numbers ascending, and a
/// CRC-32 of all before it. A DELETE writes a new file with the old rows and the new ones and names it in the next
/// manifest, so a deletion vector never changes once written, and a snapshot keeps the one it started with.
/// </summary>
public sealed class DeletionVector
{
    public const string Extension = ".olapdel";
    private static readonly byte[] s_magic = "OLAPDEL1"u8.ToArray();

    private readonly ulong[] _bits;

    private DeletionVector(long segmentRows, ulong[] bits, long count)
    {
        SegmentRows = segmentRows;
        _bits = bits;
        Count = count;
    }

    public long SegmentRows { get; }

    /// <summary>Rows deleted.</summary>
    public long Count { get; }

    public static string NewFileName() => $"deletes-{Guid.NewGuid():N}{Extension}";

    public static bool IsDeletionFile(string name) => name.StartsWith("deletes-", StringComparison.Ordinal) && name.EndsWith(Extension, StringComparison.Ordinal);

    public bool IsDeleted(long row) => (_bits[row >> 6] & (1UL << (int)(row & 63))) != 0;

    /// <summary>This vector's rows and <paramref name="rows"/> (row numbers of the segment, any order, repeats allowed).</summary>
    public static DeletionVector Union(DeletionVector? existing, long segmentRows, IEnumerable<long> rows)
    {
        var bits = new ulong[(segmentRows + 63) >> 6];
        existing?._bits.CopyTo(bits, 0);
        foreach (var row in rows)
        {
            if (row < 0 || row >= segmentRows)
            {
                throw new ArgumentOutOfRangeException(nameof(rows), row, $"a segment of {segmentRows} rows has no row {row}");
            }

            bits[row >> 6] |= 1UL << (int)(row & 63);
        }

        long count = 0;
        foreach (var word in bits)
        {
            count += (long)ulong.PopCount(word);
        }

        return new DeletionVector(segmentRows, bits, count);
    }

    /// <summary>Writes the vector to <paramref name="path"/> and flushes it to disk.</summary>
    public void Write(string path, StorageFiles? files = null)
    {
        files ??= StorageFiles.Real;
        var bytes = new byte[s_magic.Length + 8 + 8 + (Count * 8) + 4];
        s_magic.CopyTo(bytes, 0);
        var at = s_magic.Length;
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(at), SegmentRows);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(at + 8), Count);
        at += 16;
        for (var w = 0; w < _bits.Length; w++)
        {
            var word = _bits[w];
            while (word != 0)
            {
                var bit = System.Numerics.BitOperations.TrailingZeroCount(word);
                BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(at), ((long)w << 6) + bit);
                at += 8;
                word &= word - 1;
            }
        }

        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at), Crc32.HashToUInt32(bytes.AsSpan(0, at)));
        try
        {
            using var file = files.Create(path);
            file.Write(bytes);
            files.FlushToDisk(file);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    /// <summary>Reads a deletion vector; a damaged or foreign file is an <see cref="InvalidDataException"/> naming it.</summary>
    public static DeletionVector Read(string path, long segmentRows)
    {
        var bytes = File.ReadAllBytes(path);
        InvalidDataException Damaged(string problem) => new($"'{path}': {problem}; the deleted rows of its segment cannot be known.");
        if (bytes.Length < s_magic.Length + 20 || !bytes.AsSpan(0, s_magic.Length).SequenceEqual(s_magic))
        {
            throw Damaged("not an Olap deletion vector");
        }

        var body = bytes.Length - 4;
        if (Crc32.HashToUInt32(bytes.AsSpan(0, body)) != BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(body)))
        {
            throw Damaged("checksum mismatch (the file is damaged)");
        }

        var rows = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(s_magic.Length));
        var count = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(s_magic.Length + 8));
        if (rows != segmentRows || count < 0 || s_magic.Length + 16 + (count * 8) != body)
        {
            throw Damaged($"it is for a segment of {rows} rows, not {segmentRows}, or its length is wrong");
        }

        var deleted = new long[count];
        for (var i = 0; i < count; i++)
        {
            deleted[i] = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(s_magic.Length + 16 + (i * 8)));
        }

        return Union(null, segmentRows, deleted);
    }
}
