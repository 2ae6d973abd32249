using Olap.Columnar.Encoding;
using Olap.Columnar.Format;
using Olap.Columnar.Predicates;
using Olap.Columnar.Types;

namespace Olap.Columnar.Tests.Format;

/// <summary>Filters evaluated on the encoded chunks, through the scan, agree with a naive filter over the decoded rows.</summary>
public sealed class EncodedFilterTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData(EncodingKind.Plain)]
    [InlineData(EncodingKind.BitPacked)]
    [InlineData(EncodingKind.Delta)]
    [InlineData(EncodingKind.Dictionary)]
    [InlineData(EncodingKind.RunLength)]
    [InlineData(EncodingKind.Bitmap)]
    public void Every_comparison_on_every_column_of_a_forced_encoding_returns_the_rows_a_naive_filter_returns(EncodingKind encoding)
    {
        var path = _directory.File($"{encoding}.olap");
        FileRows.Write(path, SampleTable.Columns, SampleTable.Rows(6000, seed: 31), new OlapWriterOptions
        {
            RowGroupSize = 2048,
            ForceEncoding = encoding,
            SortKey = [new SortKeyColumn(SampleTable.Key)],
        });
        using var reader = OlapFileReader.Open(path);
        Assert.Contains(reader.RowGroups.SelectMany(g => g.Columns), chunk => chunk.Encoding == encoding);
        var rows = FileRows.Scan(reader, FileRows.AllColumns(SampleTable.Columns.Length), null, out _);
        var random = new Random(32 + (int)encoding);

        for (var column = 0; column < SampleTable.Columns.Length; column++)
        {
            foreach (var kind in Enum.GetValues<ComparisonKind>())
            {
                ColumnPredicate predicate;
                do
                {
                    predicate = SampleTable.RandomPredicate(random, SampleTable.Columns[column].Type, rows, column);
                }
                while (predicate.Kind != kind);

                AssertScanMatchesNaive(reader, rows, [new ScanFilter(column, predicate)], [SampleTable.Seq, column], $"{encoding}:");
            }
        }

        for (var iteration = 0; iteration < 20; iteration++)
        {
            var filters = SampleTable.RandomFilters(random, rows);
            AssertScanMatchesNaive(reader, rows, filters, ZoneMapPruningTests.RandomProjection(random), $"{encoding}, iteration {iteration}:");
        }
    }

    [Fact]
    public void Predicates_on_two_bitmap_encoded_columns_combine_by_intersection()
    {
        var (path, rows) = WriteLowCardinalityFile(withNulls: false);
        using var reader = OlapFileReader.Open(path);
        Assert.All(reader.RowGroups, g => Assert.Equal([EncodingKind.Bitmap, EncodingKind.Bitmap], new[] { g.Columns[0].Encoding, g.Columns[1].Encoding }));
        var random = new Random(41);

        for (var iteration = 0; iteration < 60; iteration++)
        {
            ScanFilter[] filters =
            [
                new(0, SampleTable.RandomPredicate(random, ColumnType.SmallInt, rows, 0)),
                new(1, LabelPredicate(random)),
                .. random.Next(3) == 0 ? new[] { new ScanFilter(3, SampleTable.RandomPredicate(random, ColumnType.BigInt, rows, 3)) } : [],
            ];
            AssertScanMatchesNaive(reader, rows, filters, [4, 0, 1, 2, 3], $"iteration {iteration}:");
        }
    }

    [Fact]
    public void Bitmap_predicates_that_no_row_satisfies_together_skip_the_row_group_before_reading_rows()
    {
        // Groups 0..2 of "level" carry only labels p and q, groups 3..5 only r, s and t.
        var (path, rows) = WriteLowCardinalityFile(withNulls: false);
        using var reader = OlapFileReader.Open(path);
        ScanFilter[] filters =
        [
            new(0, ColumnPredicate.Compare(ComparisonKind.Equal, ScalarValue.FromInt64(1))),
            new(1, ColumnPredicate.Compare(ComparisonKind.Equal, ScalarValue.FromString("r"))),
        ];

        var actual = FileRows.Scan(reader, [4], filters, out var scan);

        Assert.Empty(NaiveFilter.Apply(rows, filters));
        Assert.Empty(actual);
        Assert.Equal(reader.RowGroups.Count, scan.RowGroupsSkipped);
    }

    [Fact]
    public void Predicates_on_bitmap_encoded_columns_with_NULLs_never_match_the_NULL_rows()
    {
        var (path, rows) = WriteLowCardinalityFile(withNulls: true);
        using var reader = OlapFileReader.Open(path);
        Assert.Contains(reader.RowGroups, g => g.Columns[1].NullCount > 0 && g.Columns[1].Encoding == EncodingKind.Bitmap);
        var random = new Random(42);

        for (var iteration = 0; iteration < 60; iteration++)
        {
            ScanFilter[] filters =
            [
                new(0, SampleTable.RandomPredicate(random, ColumnType.SmallInt, rows, 0)),
                new(1, LabelPredicate(random)),
                new(2, SampleTable.RandomPredicate(random, ColumnType.Boolean, rows, 2)),
            ];
            AssertScanMatchesNaive(reader, rows, filters[..random.Next(2, 4)], [4, 1, 2], $"iteration {iteration}:");
        }

        // NOT EQUAL is where a NULL's placeholder value would slip through.
        ScanFilter[] notEqual =
        [
            new(1, ColumnPredicate.Compare(ComparisonKind.NotEqual, ScalarValue.FromString("zzz"))),
            new(2, ColumnPredicate.Compare(ComparisonKind.NotEqual, ScalarValue.FromInt64(5))),
        ];
        AssertScanMatchesNaive(reader, rows, notEqual, [4, 1, 2], "<> on both:");
    }

    private static void AssertScanMatchesNaive(OlapFileReader reader, List<ScalarValue[]> rows, ScanFilter[] filters, int[] projection, string context)
    {
        var expected = FileRows.Project(NaiveFilter.Apply(rows, filters), projection);
        var actual = FileRows.Scan(reader, projection, filters, out var scan);
        FileRows.AssertSameRows(expected, actual, $"{context} WHERE {Describe(reader, filters)}, columns [{string.Join(", ", projection)}]");
        Assert.Equal(reader.RowGroups.Count, scan.RowGroupsScanned + scan.RowGroupsSkipped);
    }

    private static string Describe(OlapFileReader reader, IReadOnlyList<ScanFilter> filters) =>
        string.Join(" AND ", filters.Select(f => $"{reader.Columns[f.Column].Name} {f.Predicate}"));

    private static ColumnPredicate LabelPredicate(Random random)
    {
        string[] labels = ["p", "q", "r", "s", "t", "a", "z", "qq"];
        ScalarValue Label() => ScalarValue.FromString(labels[random.Next(labels.Length)]);
        var kind = (ComparisonKind)random.Next((int)ComparisonKind.In + 1);
        return kind switch
        {
            ComparisonKind.Between => ColumnPredicate.Between(Label(), Label()),
            ComparisonKind.In => ColumnPredicate.In([Label(), Label()]),
            _ => ColumnPredicate.Compare(kind, Label()),
        };
    }

    /// <summary>
    /// Six row groups, bitmap encoding forced: "grade" 0..5 and "level" (labels p, q in the first three groups and r, s, t
    /// in the last three) of few values each, "flag" BOOLEAN, "noise" random BIGINT (falls back to plain), "seq".
    /// </summary>
    private (string Path, List<ScalarValue[]> Rows) WriteLowCardinalityFile(bool withNulls)
    {
        ColumnDefinition[] columns =
        [
            new("grade", ColumnType.SmallInt), new("level", ColumnType.Varchar), new("flag", ColumnType.Boolean),
            new("noise", ColumnType.BigInt), new("seq", ColumnType.Integer),
        ];
        var random = new Random(withNulls ? 43 : 44);
        var rows = new List<ScalarValue[]>();
        for (var i = 0; i < 6 * 2048; i++)
        {
            var early = i < 3 * 2048;
            var grade = early ? random.Next(0, 3) : random.Next(3, 6);
            var level = early ? (random.Next(2) == 0 ? "p" : "q") : "rst"[random.Next(3)].ToString();
            rows.Add(
            [
                ScalarValue.FromInt64(grade),
                withNulls && random.Next(10) == 0 ? ScalarValue.Null : ScalarValue.FromString(level),
                withNulls && random.Next(4) == 0 ? ScalarValue.Null : ScalarValue.FromInt64(random.Next(2)),
                ScalarValue.FromInt64(random.NextInt64()),
                ScalarValue.FromInt64(i),
            ]);
        }

        var path = _directory.File(withNulls ? "low-nulls.olap" : "low.olap");
        FileRows.Write(path, columns, rows, new OlapWriterOptions { RowGroupSize = 2048, ForceEncoding = EncodingKind.Bitmap });
        return (path, rows);
    }
}
