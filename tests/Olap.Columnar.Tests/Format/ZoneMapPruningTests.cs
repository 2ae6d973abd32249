using Olap.Columnar.Format;
using Olap.Columnar.Predicates;
using Olap.Columnar.Types;
using Olap.Columnar.Tests.TestSupport;

namespace Olap.Columnar.Tests.Format;

public sealed class ZoneMapPruningTests(ZoneMapPruningTests.KeyedFile keyed) : IClassFixture<ZoneMapPruningTests.KeyedFile>, IDisposable
{
    private const int KeyRows = KeyedFile.Rows;

    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    public static TheoryData<string, int, int> KeyPredicates => new()
    {
        { "k BETWEEN 5000 AND 7000", 2, 2001 },
        { "k BETWEEN 4096 AND 6143", 1, 2048 },
        { "k = 10000", 1, 1 },
        { "k = 2047", 1, 1 },
        { "k = 2048", 1, 1 },
        { "k < 0", 0, 0 },
        { "k > 20479", 0, 0 },
        { "k >= 18432", 1, 2048 },
        { "k > 18431", 1, 2048 },
        { "k <= 2047", 1, 2048 },
        { "k < 2049", 2, 2049 },
        { "k <> 5", 10, KeyRows - 1 },
        { "k IN 1 10000 20479", 3, 3 },
        { "k IN -5 30000", 0, 0 },
        { "k BETWEEN 7000 AND 5000", 0, 0 },
        { "k BETWEEN -100 AND 100000", 10, KeyRows },
    };

    [Theory]
    [MemberData(nameof(KeyPredicates))]
    public void A_predicate_on_the_sort_key_scans_only_the_row_groups_whose_range_it_meets(string predicate, int scanned, int rows)
    {
        var path = keyed.Path;
        using var reader = OlapFileReader.Open(path);
        Assert.Equal(10, reader.RowGroups.Count);
        var filter = new ScanFilter(0, Parse(predicate));

        var actual = FileRows.Scan(reader, [0, 2], [filter], out var scan);

        Assert.Equal(scanned, scan.RowGroupsScanned);
        Assert.Equal(10 - scanned, scan.RowGroupsSkipped);
        Assert.Equal(rows, actual.Count);
        var expected = Enumerable.Range(0, KeyRows).Select(k => ScalarValue.FromInt64(k)).Where(k => NaiveFilter.Matches(filter.Predicate, k)).ToList();
        Assert.Equal(expected.Select(k => k.Int64), actual.Select(r => r[0].Int64));
    }

    [Fact]
    public void Two_predicates_on_the_key_prune_by_both()
    {
        var path = keyed.Path;
        using var reader = OlapFileReader.Open(path);

        var actual = FileRows.Scan(reader, [0], [new ScanFilter(0, Parse("k BETWEEN 0 AND 8191")), new ScanFilter(0, Parse("k >= 6000"))], out var scan);

        Assert.Equal(2, scan.RowGroupsScanned);
        Assert.Equal(8, scan.RowGroupsSkipped);
        Assert.Equal(Enumerable.Range(6000, 2192).Select(k => (long)k), actual.Select(r => r[0].Int64));
    }

    [Fact]
    public void A_row_group_the_zone_map_accepts_whole_comes_back_without_a_selection()
    {
        var path = keyed.Path;
        using var reader = OlapFileReader.Open(path);
        var scan = reader.Scan([0], [new ScanFilter(0, Parse("k BETWEEN 4096 AND 6143"))]);
        var chunk = scan.CreateChunk();

        var chunks = 0;
        while (scan.Next(chunk))
        {
            chunks++;
            Assert.Null(chunk.Selection);
            Assert.Equal(2048, chunk.Count);
        }

        Assert.Equal(1, chunks);
    }

    [Fact]
    public void A_predicate_matching_nothing_skips_every_row_group()
    {
        var path = keyed.Path;
        using var reader = OlapFileReader.Open(path);

        foreach (var predicate in new[] { "k < 0", "k > 20479", "k = -1", "k BETWEEN 30000 AND 40000", "k IN 20480 -1" })
        {
            var rows = FileRows.Scan(reader, [0, 1, 2], [new ScanFilter(0, Parse(predicate))], out var scan);
            Assert.Empty(rows);
            Assert.Equal(0, scan.RowGroupsScanned);
            Assert.Equal(10, scan.RowGroupsSkipped);
        }

        // A label that sorts after every stored label, on a column whose statistics are byte-wise strings.
        var none = FileRows.Scan(reader, [0], [new ScanFilter(1, ColumnPredicate.Compare(ComparisonKind.GreaterThan, ScalarValue.FromString("zzz")))], out var byLabel);
        Assert.Empty(none);
        Assert.Equal(10, byLabel.RowGroupsSkipped);
    }

    [Fact]
    public void A_row_group_whose_column_is_all_NULL_is_skipped_for_any_predicate_on_that_column()
    {
        // Unsorted sample: "day" is NULL in every row of [4096, 8192), row groups 2 and 3.
        var rows = SampleTable.Rows(20_000, seed: 21);
        var path = _directory.File("nulls.olap");
        FileRows.Write(path, SampleTable.Columns, rows, new OlapWriterOptions { RowGroupSize = 2048 });
        using var reader = OlapFileReader.Open(path);
        Assert.Equal(2048, reader.RowGroups[2].Columns[SampleTable.Day].NullCount);

        foreach (var kind in Enum.GetValues<ComparisonKind>())
        {
            var predicate = kind switch
            {
                ComparisonKind.Between => ColumnPredicate.Between(ScalarValue.FromInt64(long.MinValue), ScalarValue.FromInt64(long.MaxValue)),
                ComparisonKind.In => ColumnPredicate.In([ScalarValue.FromInt64(0), ScalarValue.FromInt64(19_100)]),
                _ => ColumnPredicate.Compare(kind, ScalarValue.FromInt64(0)),
            };
            var filters = new[] { new ScanFilter(SampleTable.Day, predicate) };
            var actual = FileRows.Scan(reader, [SampleTable.Seq, SampleTable.Day], filters, out var scan);

            Assert.True(scan.RowGroupsSkipped >= 2, $"day {predicate}: {scan.RowGroupsSkipped} row groups skipped");
            Assert.DoesNotContain(actual, row => row[0].Int64 is >= 4096 and < 8192);
            FileRows.AssertSameRows(FileRows.Project(NaiveFilter.Apply(rows, filters), [SampleTable.Seq, SampleTable.Day]), actual, $"day {predicate}:");
        }
    }

    [Fact]
    public void Random_predicates_combined_with_AND_return_the_rows_a_naive_filter_returns()
    {
        var input = SampleTable.Rows(20_000, seed: 22);
        var path = _directory.File("sample.olap");
        FileRows.Write(path, SampleTable.Columns, input, new OlapWriterOptions { RowGroupSize = 2048, SortKey = [new SortKeyColumn(SampleTable.Key)] });
        using var reader = OlapFileReader.Open(path);
        var rows = FileRows.Scan(reader, FileRows.AllColumns(SampleTable.Columns.Length), null, out _);
        var groupOfSeq = rows.Select((row, index) => (Seq: row[SampleTable.Seq].Int64, Group: index / 2048)).ToDictionary(p => p.Seq, p => p.Group);
        var random = new Random(23);
        var pruned = 0;

        for (var iteration = 0; iteration < 80; iteration++)
        {
            // Half the time a predicate on the sort key leads, which the zone maps can prune by.
            var filters = SampleTable.RandomFilters(random, rows);
            if (random.Next(2) == 0)
            {
                filters[0] = new ScanFilter(SampleTable.Key, SampleTable.RandomPredicate(random, ColumnType.Integer, rows, SampleTable.Key));
            }

            var projection = RandomProjection(random);
            var expected = NaiveFilter.Apply(rows, filters);
            var actual = FileRows.Scan(reader, projection, filters, out var scan);

            var context = $"iteration {iteration}, WHERE {SampleTable.Describe(filters)}, columns [{string.Join(", ", projection)}]:";
            FileRows.AssertSameRows(FileRows.Project(expected, projection), actual, context);
            Assert.Equal(reader.RowGroups.Count, scan.RowGroupsScanned + scan.RowGroupsSkipped);
            var groupsWithMatches = expected.Select(row => groupOfSeq[row[SampleTable.Seq].Int64]).Distinct().Count();
            Assert.True(scan.RowGroupsScanned >= groupsWithMatches, $"{context} {scan.RowGroupsScanned} row groups scanned but {groupsWithMatches} hold matches");
            pruned += scan.RowGroupsSkipped;
        }

        Assert.True(pruned > 0, "some random predicate on the sort key pruned a row group");
    }

    /// <summary>A few columns in random order, always including the sequence number.</summary>
    internal static int[] RandomProjection(Random random)
    {
        var columns = new List<int> { SampleTable.Seq };
        foreach (var column in Enumerable.Range(1, SampleTable.Columns.Length - 1).OrderBy(_ => random.Next()))
        {
            if (random.Next(3) == 0)
            {
                columns.Insert(random.Next(columns.Count + 1), column);
            }
        }

        return [.. columns];
    }

    /// <summary>Parses the little predicate language of the theory data: "k OP n", "k BETWEEN a AND b", "k IN a b ...".</summary>
    private static ColumnPredicate Parse(string text) => PredicateText.Parse(text[(text.IndexOf(' ', StringComparison.Ordinal) + 1)..]);

    /// <summary>
    /// Written once for the class: keys 0..20479 (column k) arrive shuffled and are sorted into 10 row groups, so group g
    /// holds keys [2048 g, 2048 g + 2047]; "label" has NULLs, "seq" is the arrival order.
    /// </summary>
    public sealed class KeyedFile : IDisposable
    {
        public const int Rows = 10 * 2048;

        private readonly TemporaryDirectory _directory = new();

        public KeyedFile()
        {
            Path = _directory.File("keyed.olap");
            var keys = Enumerable.Range(0, Rows).ToArray();
            new Random(20).Shuffle(keys);
            var rows = keys.Select((k, i) => new[] { ScalarValue.FromInt64(k), i % 5 == 0 ? ScalarValue.Null : ScalarValue.FromString($"label {k % 97:D3}"), ScalarValue.FromInt64(i) }).ToList();
            ColumnDefinition[] columns = [new("k", ColumnType.Integer), new("label", ColumnType.Varchar), new("seq", ColumnType.BigInt)];
            FileRows.Write(Path, columns, rows, new OlapWriterOptions { RowGroupSize = 2048, SortKey = [new SortKeyColumn(0)] });
        }

        public string Path { get; }

        public void Dispose() => _directory.Dispose();
    }
}
