using Olap.Columnar.Format;
using Olap.Columnar.Predicates;
using Olap.Columnar.Types;

namespace Olap.Columnar.Tests.Format;

/// <summary>Projection and late reading: a scan reads the columns it projects or filters, in the row groups it does not skip, and nothing else.</summary>
public sealed class FileScanTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void A_scan_returns_the_requested_columns_in_the_requested_order()
    {
        var rows = SampleTable.Rows(5000, seed: 61);
        var path = _directory.File("projected.olap");
        FileRows.Write(path, SampleTable.Columns, rows, new OlapWriterOptions { RowGroupSize = 2048 });
        using var reader = OlapFileReader.Open(path);

        int[][] projections = [[SampleTable.Name], [SampleTable.At, SampleTable.Seq], [9, 8, 7, 6, 5, 4, 3, 2, 1, 0], [SampleTable.Real, SampleTable.Real, SampleTable.Seq]];
        foreach (var projection in projections)
        {
            var actual = FileRows.Scan(reader, projection, null, out var scan);
            FileRows.AssertSameRows(FileRows.Project(rows, projection), actual, $"columns [{string.Join(", ", projection)}]:");
            Assert.Equal(3, scan.RowGroupsScanned);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(9)]
    [InlineData(120)]
    [InlineData(700)]
    public void A_filter_leaving_few_rows_returns_the_same_values_as_decoding_every_row(int keep)
    {
        // Few survivors make bit-packed columns decode only the surviving rows; more make them unpack the chunk.
        var rows = SampleTable.Rows(6000, seed: 64);
        var path = _directory.File($"sparse-{keep}.olap");
        FileRows.Write(path, SampleTable.Columns, rows, new OlapWriterOptions { RowGroupSize = 2048 });
        using var reader = OlapFileReader.Open(path);
        var projection = FileRows.AllColumns(SampleTable.Columns.Length);
        for (var offset = 0; offset < 6000; offset += 1500)
        {
            ScanFilter[] filters = [new(SampleTable.Seq, ColumnPredicate.Between(ScalarValue.FromInt64(offset), ScalarValue.FromInt64(offset + keep - 1)))];

            FileRows.AssertSameRows(NaiveFilter.Apply(rows, filters), FileRows.Scan(reader, projection, filters, out _), $"seq in [{offset}, {offset + keep}):");
        }
    }

    [Fact]
    public void A_scan_never_reads_a_column_it_neither_projects_nor_filters()
    {
        // Every chunk of "name" is damaged: only a scan that touches "name" can notice.
        var rows = SampleTable.Rows(5000, seed: 62);
        var path = _directory.File("damaged-name.olap");
        FileRows.Write(path, SampleTable.Columns, rows, new OlapWriterOptions { RowGroupSize = 2048 });
        DamageChunks(path, (_, column) => column == SampleTable.Name);
        using var reader = OlapFileReader.Open(path);

        int[] projection = [SampleTable.Seq, SampleTable.Real, SampleTable.Day];
        ScanFilter[] filters = [new(SampleTable.Small, ColumnPredicate.Compare(ComparisonKind.GreaterThan, ScalarValue.FromInt64(0)))];
        FileRows.AssertSameRows(FileRows.Project(NaiveFilter.Apply(rows, filters), projection), FileRows.Scan(reader, projection, filters, out _));

        var error = Assert.Throws<OlapFormatException>(() => FileRows.Scan(reader, [SampleTable.Seq, SampleTable.Name], null, out _));
        Assert.Equal("name", error.Column);
        error = Assert.Throws<OlapFormatException>(() => FileRows.Scan(reader, [SampleTable.Seq], [new ScanFilter(SampleTable.Name, ColumnPredicate.Compare(ComparisonKind.Equal, ScalarValue.FromString("a")))], out _));
        Assert.Equal("name", error.Column);
    }

    [Fact]
    public void A_row_group_skipped_by_its_zone_map_is_never_read()
    {
        // Sorted by key: row groups 1 and 3 are damaged in every column, and a predicate on the key excludes them.
        var rows = SampleTable.Rows(10_000, seed: 63);
        var path = _directory.File("damaged-groups.olap");
        SortKeyColumn[] key = [new(SampleTable.Key)];
        FileRows.Write(path, SampleTable.Columns, rows, new OlapWriterOptions { RowGroupSize = 2048, SortKey = key });
        var sorted = SortedFileTests.StableSort(rows, key);
        using (var intact = OlapFileReader.Open(path))
        {
            var low = intact.RowGroups[2].Columns[SampleTable.Key].Min;
            var high = intact.RowGroups[2].Columns[SampleTable.Key].Max;
            Assert.True(intact.RowGroups[1].Columns[SampleTable.Key].Max.Int64 < low.Int64 && high.Int64 < intact.RowGroups[3].Columns[SampleTable.Key].Min.Int64, "the key ranges of row groups 1, 2 and 3 are apart");
        }

        DamageChunks(path, (group, _) => group is 1 or 3);
        using var reader = OlapFileReader.Open(path);
        var range = ColumnPredicate.Between(reader.RowGroups[2].Columns[SampleTable.Key].Min, reader.RowGroups[2].Columns[SampleTable.Key].Max);
        ScanFilter[] filters = [new(SampleTable.Key, range)];

        var actual = FileRows.Scan(reader, FileRows.AllColumns(SampleTable.Columns.Length), filters, out var scan);

        FileRows.AssertSameRows(NaiveFilter.Apply(sorted, filters), actual);
        Assert.Equal(1, scan.RowGroupsScanned);
        var error = Assert.Throws<OlapFormatException>(() => FileRows.Scan(reader, [SampleTable.Seq], null, out _));
        Assert.Equal(1, error.RowGroup);
    }

    [Fact]
    public void A_scan_without_columns_still_counts_the_matching_rows()
    {
        var rows = SampleTable.Rows(5000, seed: 64);
        var path = _directory.File("count.olap");
        FileRows.Write(path, SampleTable.Columns, rows, new OlapWriterOptions { RowGroupSize = 2048 });
        using var reader = OlapFileReader.Open(path);
        ScanFilter[] filters = [new(SampleTable.Flag, ColumnPredicate.Compare(ComparisonKind.Equal, ScalarValue.FromInt64(1)))];

        var scan = reader.Scan([], filters);
        var chunk = scan.CreateChunk();
        var count = 0;
        while (scan.Next(chunk))
        {
            Assert.Empty(chunk.Columns);
            count += chunk.LiveCount;
        }

        Assert.Equal(NaiveFilter.Apply(rows, filters).Count, count);
    }

    [Fact]
    public void A_scan_of_a_column_the_file_does_not_have_is_refused()
    {
        var path = _directory.File("small.olap");
        FileRows.Write(path, SampleTable.Columns, SampleTable.Rows(10, seed: 65));
        using var reader = OlapFileReader.Open(path);

        Assert.Throws<ArgumentOutOfRangeException>(() => reader.Scan([SampleTable.Columns.Length]));
        Assert.Throws<ArgumentOutOfRangeException>(() => reader.Scan([-1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => reader.Scan([0], [new ScanFilter(SampleTable.Columns.Length, ColumnPredicate.Compare(ComparisonKind.Equal, ScalarValue.FromInt64(1)))]));
    }

    [Fact]
    public void Concurrent_scans_of_one_reader_each_return_the_whole_answer()
    {
        var rows = SampleTable.Rows(10_000, seed: 66);
        var path = _directory.File("shared.olap");
        FileRows.Write(path, SampleTable.Columns, rows, new OlapWriterOptions { RowGroupSize = 2048, ForceEncoding = Olap.Columnar.Encoding.EncodingKind.Bitmap });
        using var reader = OlapFileReader.Open(path);
        var random = new Random(67);
        var queries = Enumerable.Range(0, 16).Select(_ => SampleTable.RandomFilters(random, rows)).ToArray();
        var results = new List<ScalarValue[]>[queries.Length];

        // Fresh reader: every chunk is opened (and its checksum verified) for the first time by racing scans.
        Parallel.For(0, queries.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, q =>
            results[q] = FileRows.Scan(reader, FileRows.AllColumns(SampleTable.Columns.Length), queries[q], out _));

        for (var q = 0; q < queries.Length; q++)
        {
            FileRows.AssertSameRows(NaiveFilter.Apply(rows, queries[q]), results[q], $"WHERE {SampleTable.Describe(queries[q])}:");
        }
    }

    /// <summary>Flips a payload byte of every chunk selected by (row group, column).</summary>
    private static void DamageChunks(string path, Func<int, int, bool> selected)
    {
        var file = File.ReadAllBytes(path);
        using (var reader = OlapFileReader.Open(path))
        {
            for (var g = 0; g < reader.RowGroups.Count; g++)
            {
                for (var c = 0; c < reader.Columns.Count; c++)
                {
                    if (selected(g, c))
                    {
                        var chunk = reader.RowGroups[g].Columns[c];
                        file[chunk.PayloadOffset + (chunk.PayloadLength / 2)] ^= 0x5A;
                    }
                }
            }
        }

        File.WriteAllBytes(path, file);
    }
}
