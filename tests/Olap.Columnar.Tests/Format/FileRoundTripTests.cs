using Olap.Columnar.Encoding;
using Olap.Columnar.Format;
using Olap.Columnar.Kernels;
using Olap.Columnar.Predicates;
using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Columnar.Tests.Format;

public sealed class FileRoundTripTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData(2048)]
    [InlineData(4096)]
    public void Every_type_with_NULLs_in_every_column_reads_back_row_for_row(int rowGroupSize)
    {
        var rows = SampleTable.Rows(20_000, seed: 1);
        var path = _directory.File("all-types.olap");
        FileRows.Write(path, SampleTable.Columns, rows, new OlapWriterOptions { RowGroupSize = rowGroupSize });

        FileRows.AssertSameRows(rows, FileRows.ReadAll(path));
        using var reader = OlapFileReader.Open(path);
        reader.Verify();
        Assert.Equal(20_000, reader.RowCount);
        Assert.Equal(rowGroupSize, reader.Footer.RowGroupSize);
        Assert.Equal(SampleTable.Columns, reader.Columns);
        Assert.Empty(reader.SortKey);
        AssertRowGroupSizes(reader, 20_000, rowGroupSize);
    }

    [Fact]
    public void The_footer_statistics_describe_each_chunk()
    {
        var rows = SampleTable.Rows(20_000, seed: 2);
        var path = _directory.File("stats.olap");
        FileRows.Write(path, SampleTable.Columns, rows, new OlapWriterOptions { RowGroupSize = 2048 });

        using var reader = OlapFileReader.Open(path);
        var sawAllNullChunk = false;
        var sawNaNChunk = false;
        foreach (var group in reader.RowGroups)
        {
            for (var c = 0; c < SampleTable.Columns.Length; c++)
            {
                var chunk = group.Columns[c];
                var values = rows.Skip((int)group.FirstRow).Take(group.RowCount).Select(row => row[c]).ToList();
                var present = values.Where(v => !v.IsNull).ToList();
                var where = $"row group starting at {group.FirstRow}, column {SampleTable.Columns[c].Name}";
                Assert.True(values.Count(v => v.IsNull) == chunk.NullCount, $"{where}: NULL count {chunk.NullCount}");
                Assert.True((chunk.NullCount == 0) == (chunk.ValidityLength == 0), $"{where}: validity section of {chunk.ValidityLength} bytes with {chunk.NullCount} NULLs");
                if (present.Count == 0)
                {
                    sawAllNullChunk = true;
                    Assert.True(chunk.Min.IsNull && chunk.Max.IsNull, $"{where}: an all-NULL chunk has statistics {chunk.Min}..{chunk.Max}");
                    continue;
                }

                if (present.Any(v => v.Kind == ScalarKind.Double && double.IsNaN(v.Double)))
                {
                    sawNaNChunk = true;
                    Assert.True(double.IsNaN(chunk.Min.Double) && double.IsNaN(chunk.Max.Double), $"{where}: a chunk holding NaN has statistics {chunk.Min}..{chunk.Max}");
                    continue;
                }

                var min = present.Aggregate((a, b) => Compare(a, b) <= 0 ? a : b);
                var max = present.Aggregate((a, b) => Compare(a, b) >= 0 ? a : b);
                AssertStatistic(min, chunk.Min, where + " min");
                AssertStatistic(max, chunk.Max, where + " max");
                if (SampleTable.Columns[c].Type.Physical != PhysicalKind.Double)
                {
                    var distinct = present.Select(FileRows.Describe).Distinct().Count();
                    Assert.True(distinct == chunk.DistinctCount, $"{where}: distinct count {chunk.DistinctCount}, expected {distinct}");
                }
            }
        }

        Assert.True(sawAllNullChunk, "the sample has an all-NULL chunk");
        Assert.True(sawNaNChunk, "the sample has a chunk holding NaN");
    }

    [Fact]
    public void A_file_without_rows_reads_back_empty()
    {
        var path = _directory.File("empty.olap");
        FileRows.Write(path, SampleTable.Columns, []);

        using var reader = OlapFileReader.Open(path);
        reader.Verify();
        Assert.Equal(0, reader.RowCount);
        Assert.Empty(reader.RowGroups);
        Assert.Equal(SampleTable.Columns, reader.Columns);
        Assert.Empty(FileRows.Scan(reader, FileRows.AllColumns(SampleTable.Columns.Length), null, out var scan));
        Assert.Equal(0, scan.RowGroupsScanned + scan.RowGroupsSkipped);
    }

    [Fact]
    public void A_sorted_file_without_rows_reads_back_empty_with_its_sort_key()
    {
        var path = _directory.File("empty-sorted.olap");
        FileRows.Write(path, SampleTable.Columns, [], new OlapWriterOptions { SortKey = [new SortKeyColumn(SampleTable.Key)] });

        using var reader = OlapFileReader.Open(path);
        Assert.Equal(0, reader.RowCount);
        Assert.Equal([new SortKeyColumn(SampleTable.Key)], reader.SortKey);
        Assert.Empty(FileRows.ReadAll(path));
        Assert.Equal(["empty-sorted.olap"], _directory.FileNames());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(2047)]
    [InlineData(2049)]
    [InlineData(4095)]
    [InlineData(4097)]
    [InlineData(10_007)]
    public void Row_counts_that_are_not_multiples_of_the_vector_or_row_group_size_read_back(int rowCount)
    {
        var rows = SampleTable.Rows(rowCount, seed: rowCount);
        var path = _directory.File("odd.olap");
        FileRows.Write(path, SampleTable.Columns, rows, new OlapWriterOptions { RowGroupSize = 4096 });

        FileRows.AssertSameRows(rows, FileRows.ReadAll(path));
        using var reader = OlapFileReader.Open(path);
        reader.Verify();
        AssertRowGroupSizes(reader, rowCount, 4096);
    }

    [Theory]
    [InlineData(EncodingKind.Plain)]
    [InlineData(EncodingKind.BitPacked)]
    [InlineData(EncodingKind.Delta)]
    [InlineData(EncodingKind.Dictionary)]
    [InlineData(EncodingKind.RunLength)]
    [InlineData(EncodingKind.Bitmap)]
    public void Every_forced_encoding_reads_back_row_for_row(EncodingKind encoding)
    {
        // Sorted by key, so the key column never decreases and delta applies to it.
        var rows = SampleTable.Rows(10_000, seed: 3);
        var path = _directory.File("forced.olap");
        var options = new OlapWriterOptions { RowGroupSize = 4096, ForceEncoding = encoding, SortKey = [new SortKeyColumn(SampleTable.Key)] };
        FileRows.Write(path, SampleTable.Columns, rows, options);

        var expected = SortedFileTests.StableSort(rows, options.SortKey);
        FileRows.AssertSameRows(expected, FileRows.ReadAll(path));
        using var reader = OlapFileReader.Open(path);
        reader.Verify();
        var chunks = reader.RowGroups.SelectMany(g => g.Columns).ToList();
        Assert.All(chunks, chunk => Assert.True(chunk.Encoding == encoding || chunk.Encoding == EncodingKind.Plain, $"a chunk is {chunk.Encoding}"));
        Assert.Contains(chunks, chunk => chunk.Encoding == encoding);
    }

    [Fact]
    public void Values_at_the_edges_of_each_type_read_back_exactly_in_every_encoding()
    {
        ColumnDefinition[] columns =
        [
            new("b", ColumnType.Boolean), new("s", ColumnType.SmallInt), new("i", ColumnType.Integer), new("l", ColumnType.BigInt),
            new("d", ColumnType.Double), new("m", ColumnType.Decimal(18, 4)), new("v", ColumnType.Varchar), new("t", ColumnType.Date),
            new("ts", ColumnType.Timestamp),
        ];
        List<ScalarValue[]> rows = [];
        long[] longs = [long.MinValue, long.MaxValue, 0, -1, 1];
        double[] doubles = [double.NaN, -0.0, 0.0, double.PositiveInfinity, double.NegativeInfinity, double.MaxValue, double.MinValue, double.Epsilon, -double.Epsilon];
        for (var i = 0; i < 3000; i++)
        {
            rows.Add(
            [
                I(i % 3 == 2 ? null : i % 2),
                I((i % 4) switch { 0 => short.MinValue, 1 => short.MaxValue, 2 => 0, _ => null }),
                I((i % 4) switch { 0 => int.MinValue, 1 => int.MaxValue, 2 => -1, _ => null }),
                I(i % 6 == 5 ? null : longs[i % 5]),
                i % 10 == 9 ? ScalarValue.Null : ScalarValue.FromDouble(doubles[i % doubles.Length]),
                I((i % 3) switch { 0 => 999_999_999_999_999_999L, 1 => -999_999_999_999_999_999L, _ => null }),
                i % 5 == 4 ? ScalarValue.Null : ScalarValue.FromString((i % 4) switch { 0 => string.Empty, 1 => "\u0000", 2 => "𝄞 clef", _ => new string('é', 1000) }),
                I((i % 3) switch { 0 => int.MinValue, 1 => int.MaxValue, _ => null }),
                I((i % 3) switch { 0 => long.MinValue, 1 => long.MaxValue, _ => null }),
            ]);
        }

        foreach (var encoding in Enum.GetValues<EncodingKind>())
        {
            var path = _directory.File($"edges-{encoding}.olap");
            FileRows.Write(path, columns, rows, new OlapWriterOptions { RowGroupSize = 2048, ForceEncoding = encoding });
            FileRows.AssertSameRows(rows, FileRows.ReadAll(path), $"forced {encoding}:");
        }

        static ScalarValue I(long? value) => value is { } v ? ScalarValue.FromInt64(v) : ScalarValue.Null;
    }

    [Theory]
    [InlineData(null)]
    [InlineData(EncodingKind.Plain)]
    [InlineData(EncodingKind.BitPacked)]
    [InlineData(EncodingKind.Delta)]
    [InlineData(EncodingKind.Dictionary)]
    [InlineData(EncodingKind.RunLength)]
    [InlineData(EncodingKind.Bitmap)]
    public void NULLs_of_one_row_group_do_not_leak_into_the_next(EncodingKind? encoding)
    {
        // Each row group holds one value per column (a run covering every vector), with NULLs only in even groups:
        // constant vectors with and without NULLs follow each other through one reused chunk.
        ColumnDefinition[] columns = [new("i", ColumnType.Integer), new("s", ColumnType.Varchar), new("d", ColumnType.Double), new("varied", ColumnType.BigInt)];
        var rows = new List<ScalarValue[]>();
        for (var row = 0; row < 6 * 2048; row++)
        {
            var group = row / 2048;
            var isNull = group % 2 == 0 && (row % 10 == 3 || (row % 2048) < 5);
            rows.Add(
            [
                isNull ? ScalarValue.Null : ScalarValue.FromInt64(group),
                isNull ? ScalarValue.Null : ScalarValue.FromString($"group {group}"),
                isNull ? ScalarValue.Null : ScalarValue.FromDouble(group + 0.5),
                isNull ? ScalarValue.Null : ScalarValue.FromInt64(row * 7919L % 1000),
            ]);
        }

        var path = _directory.File("alternating.olap");
        FileRows.Write(path, columns, rows, new OlapWriterOptions { RowGroupSize = 2048, ForceEncoding = encoding });

        FileRows.AssertSameRows(rows, FileRows.ReadAll(path));
        using var reader = OlapFileReader.Open(path);
        var filters = new[] { new ScanFilter(0, ColumnPredicate.Compare(ComparisonKind.NotEqual, ScalarValue.FromInt64(-1))) };
        FileRows.AssertSameRows(NaiveFilter.Apply(rows, filters), FileRows.Scan(reader, [0, 1, 2, 3], filters, out _), "WHERE i <> -1:");
    }

    [Theory]
    [InlineData(null)]
    [InlineData(EncodingKind.RunLength)]
    [InlineData(EncodingKind.Bitmap)]
    public void Chunks_of_a_filtered_scan_appended_to_a_writer_copy_the_selected_rows(EncodingKind? encoding)
    {
        // Scan chunks come flat, constant or in dictionary form, with a selection: the writer takes them all.
        var rows = SampleTable.Rows(10_000, seed: 6);
        var source = _directory.File("source.olap");
        FileRows.Write(source, SampleTable.Columns, rows, new OlapWriterOptions { RowGroupSize = 2048, ForceEncoding = encoding });
        var filters = new[] { new ScanFilter(SampleTable.Small, ColumnPredicate.Compare(ComparisonKind.GreaterThanOrEqual, ScalarValue.FromInt64(0))) };
        var copy = _directory.File("copy.olap");

        using (var reader = OlapFileReader.Open(source))
        using (var writer = new OlapFileWriter(copy, SampleTable.Columns, new OlapWriterOptions { RowGroupSize = 4096 }))
        {
            var scan = reader.Scan(FileRows.AllColumns(SampleTable.Columns.Length), filters);
            var chunk = scan.CreateChunk();
            while (scan.Next(chunk))
            {
                writer.Append(chunk);
            }

            writer.Finish();
        }

        FileRows.AssertSameRows(NaiveFilter.Apply(rows, filters), FileRows.ReadAll(copy));
    }

    [Fact]
    public void A_column_that_is_NULL_in_every_row_reads_back_as_NULLs_without_statistics()
    {
        ColumnDefinition[] columns = [new("id", ColumnType.Integer), new("nothing", ColumnType.Varchar), new("none", ColumnType.Double)];
        var rows = Enumerable.Range(0, 5000).Select(i => new[] { ScalarValue.FromInt64(i), ScalarValue.Null, ScalarValue.Null }).ToList();
        var path = _directory.File("nulls.olap");
        FileRows.Write(path, columns, rows, new OlapWriterOptions { RowGroupSize = 2048 });

        FileRows.AssertSameRows(rows, FileRows.ReadAll(path));
        using var reader = OlapFileReader.Open(path);
        foreach (var group in reader.RowGroups)
        {
            for (var c = 1; c < 3; c++)
            {
                Assert.Equal(group.RowCount, group.Columns[c].NullCount);
                Assert.True(group.Columns[c].Min.IsNull);
                Assert.True(group.Columns[c].Max.IsNull);
            }
        }
    }

    [Fact]
    public void Rows_appended_as_chunks_keep_only_the_selected_rows()
    {
        ColumnDefinition[] columns = [new("id", ColumnType.Integer), new("name", ColumnType.Varchar)];
        var path = _directory.File("chunks.olap");
        var expected = new List<ScalarValue[]>();
        using (var writer = new OlapFileWriter(path, columns, new OlapWriterOptions { RowGroupSize = 2048 }))
        {
            for (var part = 0; part < 5; part++)
            {
                var ids = new ColumnBuilder(ColumnType.Integer);
                var names = new ColumnBuilder(ColumnType.Varchar);
                var bits = new ulong[BitSpan.WordCount(VectorSize.Standard)];
                for (var i = 0; i < VectorSize.Standard; i++)
                {
                    var id = (part * VectorSize.Standard) + i;
                    ids.AppendInt64(id);
                    if (id % 7 == 0)
                    {
                        names.AppendNull();
                    }
                    else
                    {
                        names.AppendString($"név {id}");
                    }

                    // Parts 0 and 3 are appended whole (no selection); the others keep every third row.
                    if (part is 0 or 3 || id % 3 == 0)
                    {
                        bits[i >> 6] |= 1UL << (i & 63);
                        expected.Add([ScalarValue.FromInt64(id), id % 7 == 0 ? ScalarValue.Null : ScalarValue.FromString($"név {id}")]);
                    }
                }

                var chunk = new DataChunk([ColumnType.Integer, ColumnType.Varchar]);
                ids.ViewInto(chunk.Columns[0]);
                names.ViewInto(chunk.Columns[1]);
                chunk.SetCount(VectorSize.Standard);
                if (part is not (0 or 3))
                {
                    chunk.Select(bits);
                }

                writer.Append(chunk);
            }

            Assert.Equal(expected.Count, writer.RowCount);
            writer.Finish();
        }

        FileRows.AssertSameRows(expected, FileRows.ReadAll(path));
    }

    [Fact]
    public void A_writer_disposed_without_Finish_leaves_no_file_behind()
    {
        var rows = SampleTable.Rows(10_000, seed: 4);
        using (var writer = new OlapFileWriter(_directory.File("abandoned.olap"), SampleTable.Columns, new OlapWriterOptions { RowGroupSize = 2048 }))
        {
            foreach (var row in rows)
            {
                writer.AppendRow(row);
            }
        }

        // A sorted writer that has spilled runs cleans those up too.
        using (var writer = new OlapFileWriter(_directory.File("abandoned-sorted.olap"), SampleTable.Columns, new OlapWriterOptions { SortKey = [new SortKeyColumn(SampleTable.Key)], SortBufferRows = 3000 }))
        {
            foreach (var row in rows)
            {
                writer.AppendRow(row);
            }
        }

        Assert.Empty(_directory.FileNames());
    }

    [Fact]
    public void A_finished_writer_takes_no_more_rows()
    {
        var path = _directory.File("done.olap");
        var writer = new OlapFileWriter(path, SampleTable.Columns);
        writer.AppendRow(SampleTable.Rows(1, seed: 5)[0]);
        writer.Finish();
        writer.Dispose();

        Assert.Throws<ObjectDisposedException>(() => writer.AppendRow(SampleTable.Rows(1, seed: 5)[0]));
        Assert.Throws<ObjectDisposedException>(writer.Finish);
        Assert.Single(FileRows.ReadAll(path));
    }

    internal static void AssertRowGroupSizes(OlapFileReader reader, int rowCount, int rowGroupSize)
    {
        var expectedGroups = (rowCount + rowGroupSize - 1) / rowGroupSize;
        Assert.Equal(expectedGroups, reader.RowGroups.Count);
        for (var g = 0; g < expectedGroups; g++)
        {
            Assert.Equal((long)g * rowGroupSize, reader.RowGroups[g].FirstRow);
            Assert.Equal(Math.Min(rowGroupSize, rowCount - (g * rowGroupSize)), reader.RowGroups[g].RowCount);
        }
    }

    private static int Compare(ScalarValue a, ScalarValue b) => a.Kind == ScalarKind.Double ? a.Double.CompareTo(b.Double) : a.CompareTo(b);

    private static void AssertStatistic(ScalarValue expected, ScalarValue actual, string where)
    {
        if (expected.Kind == ScalarKind.String && expected.Utf8.Length > FormatConstants.MaxStatisticBytes)
        {
            Assert.True(actual.IsNull, $"{where}: a string statistic of {expected.Utf8.Length} bytes is stored as none, not {actual}");
            return;
        }

        // -0.0 and 0.0 are the same number: either may be the minimum of a chunk holding both.
        var same = expected.Kind == ScalarKind.Double ? actual.Kind == ScalarKind.Double && expected.Double == actual.Double : FileRows.Same(expected, actual);
        Assert.True(same, $"{where}: {FileRows.Describe(actual)}, expected {FileRows.Describe(expected)}");
    }
}
