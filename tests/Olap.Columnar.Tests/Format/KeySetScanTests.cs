using Olap.Columnar.Format;
using Olap.Columnar.Predicates;
using Olap.Columnar.Types;

namespace Olap.Columnar.Tests.Format;

/// <summary>A scan filter with a key set (a join's semi-join filter) returns the rows whose key is in the set, nothing else.</summary>
public sealed class KeySetScanTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    public static TheoryData<int, int> KeyColumns => new()
    {
        { SampleTable.Key, 31 },
        { SampleTable.Seq, 32 },
        { SampleTable.Small, 33 },
        { SampleTable.Day, 34 },
        { SampleTable.Big, 35 },
    };

    [Theory]
    [MemberData(nameof(KeyColumns))]
    public void Rows_come_back_exactly_when_their_key_is_in_the_set_and_not_NULL(int column, int seed)
    {
        var rows = SampleTable.Rows(20_000, seed);
        var path = _directory.File("sample.olap");
        FileRows.Write(path, SampleTable.Columns, rows, new OlapWriterOptions { RowGroupSize = 4096 });
        using var reader = OlapFileReader.Open(path);
        var random = new Random(seed);
        var values = rows.Where(r => !r[column].IsNull).Select(r => r[column].Int64).Distinct().Order().ToArray();

        foreach (var share in new[] { 0.01, 0.3, 1.0 })
        {
            // Keys drawn from a window of the stored values, plus keys no row has, so both the range and the holes matter.
            var low = values[random.Next(values.Length / 2)];
            var window = values.Where(v => v >= low && (ulong)(v - low) < KeyBitmap.MaxRange / 2).ToArray();
            var keys = window.Where(_ => random.NextDouble() < share).Append(window[0]).ToArray();
            var min = keys.Min();
            var max = keys.Max();
            var filter = new ScanFilter(column, ColumnPredicate.Between(ScalarValue.FromInt64(min), ScalarValue.FromInt64(max)), new KeyBitmap(min, max, keys));
            var set = keys.ToHashSet();

            var actual = FileRows.Scan(reader, [SampleTable.Seq, column], [filter], out _);

            var expected = rows.Where(r => !r[column].IsNull && set.Contains(r[column].Int64)).Select(r => r[SampleTable.Seq].Int64);
            Assert.Equal(expected, actual.Select(r => r[0].Int64));
        }
    }

    [Theory]
    [InlineData(SampleTable.Key, 41)]
    [InlineData(SampleTable.Small, 42)]
    [InlineData(SampleTable.Day, 43)]
    public void A_key_set_after_a_sparse_one_tests_the_few_rows_left_one_by_one(int column, int seed)
    {
        var rows = SampleTable.Rows(20_000, seed);
        var path = _directory.File("sparse.olap");
        FileRows.Write(path, SampleTable.Columns, rows, new OlapWriterOptions { RowGroupSize = 4096 });
        using var reader = OlapFileReader.Open(path);
        var random = new Random(seed);

        // One row in 200 by sequence number, then a key set holding half of the column's values.
        var sequences = Enumerable.Range(0, 100).Select(_ => (long)random.Next(20_000)).Append(0).ToArray();
        var values = rows.Where(r => !r[column].IsNull).Select(r => r[column].Int64).Distinct().Order().ToArray();
        var low = values[0];
        var window = values.Where(v => (ulong)(v - low) < KeyBitmap.MaxRange / 2).ToArray();
        var keys = window.Where(_ => random.Next(2) == 0).Append(window[0]).ToArray();
        var bySequence = new ScanFilter(SampleTable.Seq, ColumnPredicate.Between(ScalarValue.FromInt64(0), ScalarValue.FromInt64(20_000)), new KeyBitmap(0, 20_000, sequences));
        var byKey = new ScanFilter(column, ColumnPredicate.Between(ScalarValue.FromInt64(keys.Min()), ScalarValue.FromInt64(keys.Max())), new KeyBitmap(keys.Min(), keys.Max(), keys));

        var actual = FileRows.Scan(reader, [SampleTable.Seq], [byKey, bySequence], out _);

        var sequenceSet = sequences.ToHashSet();
        var keySet = keys.ToHashSet();
        var expected = rows.Where(r => sequenceSet.Contains(r[SampleTable.Seq].Int64) && !r[column].IsNull && keySet.Contains(r[column].Int64));
        Assert.Equal(expected.Select(r => r[SampleTable.Seq].Int64), actual.Select(r => r[0].Int64));
    }

    [Fact]
    public void A_key_set_applies_after_other_filters_and_inside_row_groups_its_range_holds_whole()
    {
        // Sorted keys 0..8191 in row groups of 2048: the range [0, 8191] holds every row group whole, the set only even keys.
        var columns = new ColumnDefinition[] { new("k", ColumnType.Integer), new("v", ColumnType.Integer) };
        var rows = Enumerable.Range(0, 8192).Select(k => new[] { ScalarValue.FromInt64(k), ScalarValue.FromInt64(k % 10) }).ToList();
        var path = _directory.File("keyed.olap");
        FileRows.Write(path, columns, rows, new OlapWriterOptions { RowGroupSize = 2048, SortKey = [new SortKeyColumn(0)] });
        using var reader = OlapFileReader.Open(path);
        var even = Enumerable.Range(0, 4096).Select(i => 2L * i).ToArray();
        var keySet = new ScanFilter(0, ColumnPredicate.Between(ScalarValue.FromInt64(0), ScalarValue.FromInt64(8190)), new KeyBitmap(0, 8190, even));
        var small = new ScanFilter(1, ColumnPredicate.Compare(ComparisonKind.LessThan, ScalarValue.FromInt64(3)));

        var actual = FileRows.Scan(reader, [0], [keySet, small], out var scan);

        Assert.Equal(4, scan.RowGroupsScanned);
        Assert.Equal(Enumerable.Range(0, 8192).Where(k => k % 2 == 0 && k % 10 < 3).Select(k => (long)k), actual.Select(r => r[0].Int64));
    }
}
