using System.Buffers.Binary;
using Olap.Columnar.Bitmaps;
using Olap.Columnar.Encoding;
using Olap.Columnar.Format;
using Olap.Columnar.Predicates;
using Olap.Columnar.Types;

namespace Olap.Columnar.Tests.Format;

/// <summary>
/// A damaged file is refused with an <see cref="OlapFormatException"/> that names the file (and the row group and
/// column where there is one) and says what is wrong: never another exception type, never wrong data.
/// </summary>
public sealed class CorruptionTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void A_file_with_other_magic_bytes_is_not_an_Olap_file()
    {
        var file = ValidFile();
        file[0] = (byte)'X';

        var error = AssertRefused(Damaged(file), OpenOnly);
        Assert.Contains("not an Olap file", error.Problem);
    }

    [Fact]
    public void A_file_of_an_unknown_format_version_is_refused_naming_the_version()
    {
        var file = ValidFile();
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(4), 2);

        var error = AssertRefused(Damaged(file), OpenOnly);
        Assert.Contains("version 2", error.Problem);
    }

    [Fact]
    public void An_empty_file_is_refused_as_too_short()
    {
        var error = AssertRefused(Damaged([]), OpenOnly);
        Assert.Contains("0 bytes", error.Problem);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(79)]
    public void A_file_shorter_than_a_header_and_a_trailer_is_refused(int length)
    {
        var error = AssertRefused(Damaged(ValidFile()[..length]), OpenOnly);
        Assert.Contains("too short", error.Problem);
    }

    [Fact]
    public void A_header_and_trailer_around_an_empty_footer_are_refused()
    {
        // The smallest file with both magics: 64 header bytes, no sections, a 0-byte footer and its trailer.
        var file = FileSurgery.WithFooter(ValidFile(), ReadOnlySpan<byte>.Empty);
        byte[] minimal = [.. file.AsSpan(0, FormatConstants.HeaderSize), .. file.AsSpan(file.Length - FormatConstants.TrailerSize)];

        AssertRefused(Damaged(minimal), OpenOnly);
    }

    [Fact]
    public void A_file_without_the_trailer_magic_is_refused_as_unfinished()
    {
        var file = ValidFile();
        file[^1] ^= 0xFF;

        var error = AssertRefused(Damaged(file), OpenOnly);
        Assert.Contains("trailer", error.Problem);
    }

    [Fact]
    public void A_text_file_is_not_an_Olap_file()
    {
        var text = System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("id,name,price\n1,apple,0.50\n", 20)));
        var error = AssertRefused(Damaged(text), OpenOnly);
        Assert.Contains("not an Olap file", error.Problem);

        // Too short to be anything: refused before its bytes are looked at.
        AssertRefused(Damaged("hello\n"u8.ToArray()), OpenOnly);
    }

    [Fact]
    public void A_missing_file_is_reported_as_FileNotFoundException_not_as_a_format_error()
    {
        // Documented choice: a path with no file is an ordinary I/O error, not a damaged file.
        var path = _directory.File("missing.olap");
        var error = Assert.Throws<FileNotFoundException>(() => OlapFileReader.Open(path));
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void A_file_truncated_at_any_length_is_refused()
    {
        var file = ValidFile();
        var lengths = Enumerable.Range(0, file.Length / 97).Select(i => i * 97).Concat(Enumerable.Range(file.Length - 40, 40)).Distinct();
        var path = _directory.File("truncated.olap");

        foreach (var length in lengths)
        {
            File.WriteAllBytes(path, file[..length]);
            AssertRefused(path, OpenVerifyAndScan, $"truncated to {length} of {file.Length} bytes:");
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData(EncodingKind.Plain)]
    [InlineData(EncodingKind.BitPacked)]
    [InlineData(EncodingKind.Delta)]
    [InlineData(EncodingKind.Dictionary)]
    [InlineData(EncodingKind.RunLength)]
    [InlineData(EncodingKind.Bitmap)]
    public void A_flipped_byte_in_any_column_chunk_is_caught_naming_the_chunk(EncodingKind? encoding)
    {
        var file = ValidFile(encoding);
        var footer = FooterOf(file);
        var path = _directory.File("flipped.olap");
        var sections = 0;

        for (var g = 0; g < footer.RowGroups.Count; g++)
        {
            for (var c = 0; c < footer.Columns.Count; c++)
            {
                var chunk = footer.RowGroups[g].Columns[c];
                foreach (var (section, offset, length) in new[] { ("validity", chunk.ValidityOffset, chunk.ValidityLength), ("payload", chunk.PayloadOffset, chunk.PayloadLength) })
                {
                    if (length == 0)
                    {
                        continue;
                    }

                    sections++;
                    var damaged = (byte[])file.Clone();
                    damaged[offset + (length / 2)] ^= 0x5A;
                    File.WriteAllBytes(path, damaged);
                    var context = $"{section} of row group {g}, column {footer.Columns[c].Name} ({chunk.Encoding}):";

                    // The footer is intact, so the file opens; the full check and a scan of the column both find the damage.
                    using (OlapFileReader.Open(path))
                    {
                    }

                    var undecided = UndecidedPredicate(footer.Columns[c].Type, chunk, footer.RowGroups[g].RowCount);
                    Action<string>[] reads = undecided is null
                        ? [VerifyOnly, p => ScanColumn(p, c)]
                        : [VerifyOnly, p => ScanColumn(p, c), p => FilterOnColumn(p, c, undecided)];
                    foreach (var read in reads)
                    {
                        var error = AssertRefused(path, read, context);
                        Assert.True(error.RowGroup == g && error.Column == footer.Columns[c].Name, $"{context} the error names row group {error.RowGroup}, column {error.Column}: {error.Message}");
                        Assert.Contains("checksum", error.Problem);
                    }
                }
            }
        }

        Assert.True(sections > footer.RowGroups.Count * footer.Columns.Count, "validity and payload sections were both damaged");
    }

    [Fact]
    public void A_flipped_byte_in_the_footer_or_trailer_is_caught_by_the_footer_checksum()
    {
        var file = ValidFile();
        var (start, length) = FileSurgery.FooterRange(file);
        var positions = Enumerable.Range(start, length).Where(p => p % 13 == 0 || p < start + 16 || p >= start + length - 16)
            .Concat(Enumerable.Range(file.Length - FormatConstants.TrailerSize, FormatConstants.TrailerSize))
            .Distinct();
        var path = _directory.File("footer.olap");

        foreach (var position in positions)
        {
            var damaged = (byte[])file.Clone();
            damaged[position] ^= 0x01;
            File.WriteAllBytes(path, damaged);
            AssertRefused(path, OpenOnly, $"byte {position} flipped (footer at {start}, {length} bytes):");
        }
    }

    public static TheoryData<string> HostileFooters => new()
    {
        "payload offset not aligned",
        "payload beyond the footer",
        "payload overlapping the header",
        "validity length not matching the rows",
        "NULL count above the rows",
        "NULL count without a validity section",
        "NULL count differing from the validity bitmap",
        "negative distinct count",
        "statistic of the wrong kind",
        "unknown encoding",
        "wrong checksum",
        "row group without rows",
        "row group larger than the row group size",
        "row group starting at the wrong row",
        "footer version 2",
        "row count not the sum of the row groups",
        "sort key on a missing column",
        "unknown type",
        "bytes after the footer",
        "no row group size",
    };

    [Theory]
    [MemberData(nameof(HostileFooters))]
    public void A_footer_that_contradicts_itself_or_the_file_is_refused_even_with_a_valid_checksum(string damage)
    {
        var file = ValidFile();
        var footer = FooterOf(file);
        var (dataEnd, _) = FileSurgery.FooterRange(file);
        var nulls = Enumerable.Range(0, footer.Columns.Count).First(c => footer.RowGroups[1].Columns[c].NullCount > 0);
        var noNulls = Enumerable.Range(0, footer.Columns.Count).First(c => footer.RowGroups[1].Columns[c].NullCount == 0);
        var footerBytes = FileSurgery.FooterBytes(file);

        (byte[] Bytes, int? Group, int? Column) hostile = damage switch
        {
            "payload offset not aligned" => (Chunk(1, 2, c => c with { PayloadOffset = c.PayloadOffset + 8 }), 1, 2),
            "payload beyond the footer" => (Chunk(1, 2, c => c with { PayloadOffset = dataEnd - (dataEnd % 64) }), 1, 2),
            "payload overlapping the header" => (Chunk(1, 2, c => c with { PayloadOffset = 0 }), 1, 2),
            "validity length not matching the rows" => (Chunk(1, nulls, c => c with { ValidityLength = c.ValidityLength - 1 }), 1, nulls),
            "NULL count above the rows" => (Chunk(1, nulls, c => c with { NullCount = 2049 }), 1, nulls),
            "NULL count without a validity section" => (Chunk(1, noNulls, c => c with { NullCount = 1 }), 1, noNulls),
            "NULL count differing from the validity bitmap" => (Chunk(1, nulls, c => c with { NullCount = c.NullCount + 1 }), 1, nulls),
            "negative distinct count" => (Chunk(1, 2, c => c with { DistinctCount = -2 }), 1, 2),
            "statistic of the wrong kind" => (Chunk(1, SampleTable.Key, c => c with { Min = ScalarValue.FromString("0") }), 1, SampleTable.Key),
            "unknown encoding" => (Chunk(1, 2, c => c with { Encoding = (EncodingKind)9 }), 1, 2),
            "wrong checksum" => (Chunk(1, 2, c => c with { Checksum = c.Checksum + 1 }), 1, 2),
            "row group without rows" => (Group(1, g => g with { RowCount = 0 }), 1, null),
            "row group larger than the row group size" => (Group(1, g => g with { RowCount = 2049 }), 1, null),
            "row group starting at the wrong row" => (Group(1, g => g with { FirstRow = 2047 }), 1, null),
            "footer version 2" => (Patch(0, (ushort)2), null, null),
            "row count not the sum of the row groups" => (Patch(2, footer.RowCount + 1), null, null),
            "no row group size" => (Patch(10, 0), null, null),
            "sort key on a missing column" => (FileSurgery.WithFooter(file, new FileFooter(footer.Columns, [new SortKeyColumn(footer.Columns.Count)], footer.RowGroupSize, footer.RowGroups)), null, null),
            "unknown type" => (Patch(2 + 8 + 4 + 4 + 4 + System.Text.Encoding.UTF8.GetByteCount(footer.Columns[0].Name), (byte)42), null, null),
            "bytes after the footer" => (FileSurgery.WithFooter(file, [.. footerBytes, 0]), null, null),
            _ => throw new ArgumentException(damage, nameof(damage)),
        };

        var error = AssertRefused(Damaged(hostile.Bytes), OpenVerifyAndScan, damage + ":");
        if (hostile.Group is { } group)
        {
            Assert.True(error.RowGroup == group, $"{damage}: the error names row group {error.RowGroup}: {error.Message}");
        }

        if (hostile.Column is { } column)
        {
            Assert.True(error.Column == footer.Columns[column].Name, $"{damage}: the error names column {error.Column}: {error.Message}");
        }

        byte[] Chunk(int g, int c, Func<ColumnChunkMetadata, ColumnChunkMetadata> change) => FileSurgery.WithFooter(file, FileSurgery.ChangeChunk(footer, g, c, change));

        byte[] Group(int g, Func<RowGroupMetadata, RowGroupMetadata> change) => FileSurgery.WithFooter(file, FileSurgery.ChangeGroup(footer, g, change));

        byte[] Patch<T>(int offset, T value)
            where T : unmanaged
        {
            var patched = (byte[])footerBytes.Clone();
            System.Runtime.InteropServices.MemoryMarshal.Write(patched.AsSpan(offset), in value);
            return FileSurgery.WithFooter(file, patched);
        }
    }

    [Fact]
    public void Random_damage_to_a_footer_with_a_recomputed_checksum_is_refused_or_read_without_any_other_exception()
    {
        var file = ValidFile();
        var footer = FileSurgery.FooterBytes(file);
        var random = new Random(51);
        var path = _directory.File("fuzzed-footer.olap");
        int[] interesting = [0, 1, -1, 63, 64, 65, 2047, 2048, 2049, 4096, int.MaxValue, int.MinValue, 1 << 20];

        for (var iteration = 0; iteration < 150; iteration++)
        {
            var damaged = (byte[])footer.Clone();
            var edits = new List<string>();
            for (var e = random.Next(1, 3); e > 0; e--)
            {
                var position = random.Next(damaged.Length);
                if (random.Next(2) == 0 || position > damaged.Length - 4)
                {
                    damaged[position] = (byte)random.Next(256);
                    edits.Add($"byte {position} = {damaged[position]}");
                }
                else
                {
                    var value = interesting[random.Next(interesting.Length)];
                    BinaryPrimitives.WriteInt32LittleEndian(damaged.AsSpan(position), value);
                    edits.Add($"int32 at {position} = {value}");
                }
            }

            File.WriteAllBytes(path, FileSurgery.WithFooter(file, damaged));
            AssertRefusedOrRead(path, $"footer iteration {iteration} ({string.Join(", ", edits)}):");
        }
    }

    [Theory]
    [InlineData(EncodingKind.Plain)]
    [InlineData(EncodingKind.BitPacked)]
    [InlineData(EncodingKind.Delta)]
    [InlineData(EncodingKind.Dictionary)]
    [InlineData(EncodingKind.RunLength)]
    [InlineData(EncodingKind.Bitmap)]
    public void Random_damage_to_a_payload_with_a_recomputed_checksum_is_refused_or_read_without_any_other_exception(EncodingKind encoding)
    {
        // The checksum no longer protects the payload: its structure (counts, widths, offsets, run ends, bitmaps) must.
        var file = ValidFile(encoding);
        var footer = FooterOf(file);
        var chunks = footer.RowGroups.SelectMany(g => g.Columns).Where(c => c.Encoding == encoding).ToList();
        var random = new Random(52 + (int)encoding);
        var path = _directory.File("fuzzed-payload.olap");
        int[] interesting = [0, 1, -1, 2, 7, 8, 31, 32, 33, 63, 64, 65, 2047, 2048, 2049, int.MaxValue, int.MinValue, 1 << 16];

        for (var iteration = 0; iteration < 40; iteration++)
        {
            var chunk = chunks[random.Next(chunks.Count)];
            var damaged = (byte[])file.Clone();
            var payload = damaged.AsSpan((int)chunk.PayloadOffset, chunk.PayloadLength);

            // Headers live at the start; run ends, bitmap lengths and offsets further in: aim at both.
            var position = random.Next(3) switch
            {
                0 => random.Next(Math.Min(32, payload.Length)),
                1 => Math.Max(0, payload.Length - 1 - random.Next(Math.Min(64, payload.Length))),
                _ => random.Next(payload.Length),
            };
            string edit;
            if (random.Next(2) == 0 || position > payload.Length - 4)
            {
                payload[position] = (byte)random.Next(256);
                edit = $"byte {position} = {payload[position]}";
            }
            else
            {
                var value = interesting[random.Next(interesting.Length)];
                BinaryPrimitives.WriteInt32LittleEndian(payload[position..], value);
                edit = $"int32 at {position} = {value}";
            }

            File.WriteAllBytes(path, FileSurgery.WithFooter(damaged, FileSurgery.WithChecksumsOf(footer, damaged)));
            AssertRefusedOrRead(path, $"{encoding} iteration {iteration}, payload of {chunk.PayloadLength} bytes at {chunk.PayloadOffset}, {edit}:");
        }
    }

    [Theory]
    [InlineData(EncodingKind.Plain, 300_000_000)]
    [InlineData(EncodingKind.Plain, int.MaxValue)]
    [InlineData(EncodingKind.BitPacked, 300_000_000)]
    [InlineData(EncodingKind.BitPacked, int.MaxValue)]
    [InlineData(EncodingKind.Delta, 300_000_000)]
    [InlineData(EncodingKind.Delta, int.MaxValue)]
    [InlineData(EncodingKind.Dictionary, 300_000_000)]
    [InlineData(EncodingKind.Dictionary, int.MaxValue)]
    [InlineData(EncodingKind.RunLength, 300_000_000)]
    [InlineData(EncodingKind.RunLength, int.MaxValue)]
    [InlineData(EncodingKind.Bitmap, 300_000_000)]
    [InlineData(EncodingKind.Bitmap, int.MaxValue)]
    public void A_row_group_claiming_far_more_rows_than_its_payload_holds_is_refused_without_an_overflow(EncodingKind encoding, int rows)
    {
        // Row counts come from the footer, and the row group size may be anything positive: 300 million BIGINTs do
        // not fit a 32-bit byte count. 25 distinct non-decreasing values, so that every encoding applies.
        ColumnDefinition[] columns = [new("id", ColumnType.BigInt)];
        var path = _directory.File("huge.olap");
        FileRows.Write(path, columns, Enumerable.Range(0, 100).Select(i => new[] { ScalarValue.FromInt64(i / 4) }).ToList(), new OlapWriterOptions { ForceEncoding = encoding });
        var file = File.ReadAllBytes(path);
        var footer = FooterOf(file);
        Assert.Equal(encoding, footer.RowGroups[0].Columns[0].Encoding);
        var huge = new FileFooter(footer.Columns, footer.SortKey, int.MaxValue, [footer.RowGroups[0] with { RowCount = rows }]);

        AssertRefused(Damaged(FileSurgery.WithFooter(file, huge)), OpenVerifyAndScan, $"{rows} rows:");
    }

    [Fact]
    public void A_footer_claiming_more_row_groups_than_it_has_bytes_for_is_refused()
    {
        // The row group count follows the columns and the (empty) sort key.
        var file = ValidFile();
        var footer = FooterOf(file);
        var offset = 2 + 8 + 4 + 4 + footer.Columns.Sum(c => 4 + System.Text.Encoding.UTF8.GetByteCount(c.Name) + 3) + 4;
        var bytes = FileSurgery.FooterBytes(file);
        Assert.Equal(footer.RowGroups.Count, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(offset)));
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(offset), int.MaxValue);

        var error = AssertRefused(Damaged(FileSurgery.WithFooter(file, bytes)), OpenOnly);
        Assert.Contains("row group", error.Problem);
    }

    [Fact]
    public void Bitmaps_that_cover_a_row_beyond_the_chunk_instead_of_one_inside_are_refused()
    {
        // Two values in 4096 rows, 7 in every third row and 9 in the others. Move row 2 out of 9's bitmap to row 5000,
        // outside the chunk: the serialized size and the bitmaps' total cardinality stay the same, and the union still
        // holds the last row, but row 2 belongs to no value (and decodes as 7, a value it never had).
        ColumnDefinition[] columns = [new("v", ColumnType.Integer)];
        var path = _directory.File("bitmap.olap");
        var rows = Enumerable.Range(0, 4096).Select(i => new[] { ScalarValue.FromInt64(i % 3 == 0 ? 7 : 9) }).ToList();
        FileRows.Write(path, columns, rows, new OlapWriterOptions { RowGroupSize = 4096, ForceEncoding = EncodingKind.Bitmap });
        var file = File.ReadAllBytes(path);
        var footer = FooterOf(file);
        var chunk = footer.RowGroups[0].Columns[0];
        Assert.Equal(EncodingKind.Bitmap, chunk.Encoding);

        // Layout: int32 count, 4 zero bytes, 2 INTEGER entries (8 bytes), 2 int32 lengths, then the bitmaps.
        var payload = file.AsSpan((int)chunk.PayloadOffset, chunk.PayloadLength);
        var firstLength = BinaryPrimitives.ReadInt32LittleEndian(payload[16..]);
        var secondLength = BinaryPrimitives.ReadInt32LittleEndian(payload[20..]);
        var second = RoaringBitmap.Deserialize(payload.Slice(24 + firstLength, secondLength));
        Assert.True(second.Contains(2));
        var values = new int[second.Cardinality];
        second.CopyTo(values);
        var moved = RoaringBitmap.FromSorted([.. values.Where(v => v != 2), 5000]);
        Assert.Equal(secondLength, moved.SerializedSize);
        moved.Serialize(payload.Slice(24 + firstLength, secondLength));

        var damaged = Damaged(FileSurgery.WithFooter(file, FileSurgery.WithChecksumsOf(footer, file)));
        var error = AssertRefused(damaged, OpenVerifyAndScan);
        Assert.Equal(0, error.RowGroup);
        Assert.Equal("v", error.Column);
    }

    private static void OpenOnly(string path)
    {
        using var reader = OlapFileReader.Open(path);
    }

    private static void VerifyOnly(string path)
    {
        using var reader = OlapFileReader.Open(path);
        reader.Verify();
    }

    private static void OpenVerifyAndScan(string path)
    {
        using var reader = OlapFileReader.Open(path);
        reader.Verify();
        FileRows.Scan(reader, FileRows.AllColumns(reader.Columns.Count), null, out _);
    }

    private static void ScanColumn(string path, int column)
    {
        using var reader = OlapFileReader.Open(path);
        FileRows.Scan(reader, [column], null, out _);
    }

    /// <summary>A filter on the column, projecting another column.</summary>
    private static void FilterOnColumn(string path, int column, ColumnPredicate predicate)
    {
        using var reader = OlapFileReader.Open(path);
        FileRows.Scan(reader, [column == 0 ? 1 : 0], [new ScanFilter(column, predicate)], out _);
    }

    /// <summary>
    /// A predicate the chunk's zone map cannot decide, so a filtered scan must read the chunk; null when every
    /// predicate is decided by the statistics (a constant chunk), and a scan rightly never reads it.
    /// </summary>
    private static ColumnPredicate? UndecidedPredicate(ColumnType type, ColumnChunkMetadata chunk, int rows)
    {
        var predicate = chunk.Min.IsNull ? AnyValue(type) : ColumnPredicate.Compare(ComparisonKind.NotEqual, chunk.Min);
        return predicate.CheckZoneMap(chunk.Min, chunk.Max, chunk.NullCount, rows) == ZoneMapResult.Maybe ? predicate : null;
    }

    private static ColumnPredicate AnyValue(ColumnType type) => type.Physical switch
    {
        PhysicalKind.Double => ColumnPredicate.Compare(ComparisonKind.NotEqual, ScalarValue.FromDouble(double.NaN)),
        PhysicalKind.String => ColumnPredicate.Compare(ComparisonKind.NotEqual, ScalarValue.FromString("\u0001")),
        _ => ColumnPredicate.Compare(ComparisonKind.NotEqual, ScalarValue.FromInt64(long.MinValue + 1)),
    };

    /// <summary>Asserts <paramref name="read"/> fails with exactly an <see cref="OlapFormatException"/> naming the file and a problem.</summary>
    private static OlapFormatException AssertRefused(string path, Action<string> read, string context = "")
    {
        var error = Record.Exception(() => read(path));
        if (error is null)
        {
            Assert.Fail($"{context} the damaged file was read without an error.");
        }

        if (error is not OlapFormatException format)
        {
            throw new Xunit.Sdk.XunitException($"{context} expected an OlapFormatException, got {error.GetType().Name}: {error}");
        }

        Assert.Equal(path, format.FilePath);
        Assert.Contains(path, format.Message);
        Assert.False(string.IsNullOrWhiteSpace(format.Problem), $"{context} the error says nothing about the problem");
        Assert.Contains(format.Problem, format.Message);
        return format;
    }

    /// <summary>Either the file is refused with an <see cref="OlapFormatException"/>, or it opens, verifies and scans (with and without filters).</summary>
    private static void AssertRefusedOrRead(string path, string context)
    {
        var error = Record.Exception(() =>
        {
            using var reader = OlapFileReader.Open(path);
            reader.Verify();
            FileRows.Scan(reader, FileRows.AllColumns(reader.Columns.Count), null, out _);
            for (var c = 0; c < reader.Columns.Count; c++)
            {
                FileRows.Scan(reader, [c], [new ScanFilter(c, AnyValue(reader.Columns[c].Type))], out _);
            }
        });

        if (error is not null and not OlapFormatException)
        {
            Assert.Fail($"{context} expected an OlapFormatException or success, got {error.GetType().Name}: {error}");
        }

        if (error is OlapFormatException format)
        {
            Assert.Contains(path, format.Message);
        }
    }

    /// <summary>A valid file of 3 row groups (2048, 2048, 904 rows) of the sample table, optionally with one encoding forced.</summary>
    private byte[] ValidFile(EncodingKind? encoding = null)
    {
        var path = _directory.File($"valid-{encoding}.olap");
        if (!File.Exists(path))
        {
            FileRows.Write(path, SampleTable.Columns, SampleTable.Rows(5000, seed: 50), new OlapWriterOptions { RowGroupSize = 2048, ForceEncoding = encoding });
        }

        return File.ReadAllBytes(path);
    }

    private FileFooter FooterOf(byte[] file)
    {
        using var reader = OlapFileReader.Open(Damaged(file, "intact.olap"));
        return reader.Footer;
    }

    private string Damaged(byte[] bytes, string name = "damaged.olap")
    {
        var path = _directory.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
