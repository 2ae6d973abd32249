using Olap.Columnar.Format;
using Olap.Columnar.Types;

namespace Olap.Columnar.Tests.Format;

public sealed class SortedFileTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Rows_come_back_ordered_by_a_one_column_key_with_NULLs_first_and_ties_in_insertion_order()
    {
        var rows = SampleTable.Rows(20_000, seed: 11);
        var path = _directory.File("by-key.olap");
        SortKeyColumn[] key = [new(SampleTable.Key)];
        FileRows.Write(path, SampleTable.Columns, rows, new OlapWriterOptions { RowGroupSize = 2048, SortKey = key });

        var actual = FileRows.ReadAll(path);
        FileRows.AssertSameRows(StableSort(rows, key), actual);

        // The same, stated directly: NULL keys first, keys ascending, equal keys by ascending sequence number.
        Assert.True(actual[0][SampleTable.Key].IsNull);
        for (var r = 1; r < actual.Count; r++)
        {
            var (previous, current) = (actual[r - 1], actual[r]);
            var order = previous[SampleTable.Key].IsNull
                ? (current[SampleTable.Key].IsNull ? 0 : -1)
                : (current[SampleTable.Key].IsNull ? 1 : previous[SampleTable.Key].Int64.CompareTo(current[SampleTable.Key].Int64));
            Assert.True(order < 0 || (order == 0 && previous[SampleTable.Seq].Int64 < current[SampleTable.Seq].Int64), $"rows {r - 1} and {r} are out of order: {FileRows.Describe(previous)} then {FileRows.Describe(current)}");
        }

        using var reader = OlapFileReader.Open(path);
        Assert.Equal(key, reader.SortKey);
        Assert.Equal(["by-key.olap"], _directory.FileNames());
    }

    [Fact]
    public void Rows_come_back_ordered_by_a_two_column_key_with_the_second_descending()
    {
        var rows = SampleTable.Rows(20_000, seed: 12);
        var path = _directory.File("by-two.olap");
        SortKeyColumn[] key = [new(SampleTable.Small), new(SampleTable.Name, Descending: true)];
        FileRows.Write(path, SampleTable.Columns, rows, new OlapWriterOptions { RowGroupSize = 4096, SortKey = key });

        FileRows.AssertSameRows(StableSort(rows, key), FileRows.ReadAll(path));
        using var reader = OlapFileReader.Open(path);
        Assert.Equal(key, reader.SortKey);
        Assert.True(reader.SortKey[1].Descending);
    }

    [Fact]
    public void A_descending_key_puts_NULLs_last()
    {
        ColumnDefinition[] columns = [new("k", ColumnType.Integer), new("seq", ColumnType.Integer)];
        long?[] keys = [3, null, 1, 3, null, 2];
        var rows = keys.Select((k, i) => new[] { k is { } v ? ScalarValue.FromInt64(v) : ScalarValue.Null, ScalarValue.FromInt64(i) }).ToList();
        var path = _directory.File("desc.olap");
        FileRows.Write(path, columns, rows, new OlapWriterOptions { SortKey = [new SortKeyColumn(0, Descending: true)] });

        var actual = FileRows.ReadAll(path);
        Assert.Equal(["3/0", "3/3", "2/5", "1/2", "NULL/1", "NULL/4"], actual.Select(r => $"{r[0]}/{r[1]}"));
    }

    [Fact]
    public void Doubles_sort_with_NaN_first_and_signed_zeros_as_equal()
    {
        ColumnDefinition[] columns = [new("x", ColumnType.Double), new("seq", ColumnType.Integer)];
        double?[] values = [1.0, 0.0, double.NaN, -0.0, null, double.NegativeInfinity, 0.0, double.PositiveInfinity, -1.0];
        var rows = values.Select((x, i) => new[] { x is { } v ? ScalarValue.FromDouble(v) : ScalarValue.Null, ScalarValue.FromInt64(i) }).ToList();
        var path = _directory.File("doubles.olap");
        FileRows.Write(path, columns, rows, new OlapWriterOptions { SortKey = [new SortKeyColumn(0)] });

        var actual = FileRows.ReadAll(path);
        Assert.Equal([4, 2, 5, 8, 1, 3, 6, 0, 7], actual.Select(r => (int)r[1].Int64));
    }

    [Fact]
    public void Strings_sort_by_their_UTF8_bytes()
    {
        ColumnDefinition[] columns = [new("s", ColumnType.Varchar)];
        string[] values = ["日本", "é", "a", "Z", string.Empty, "ab", "😀", "\u00ff", "e\u0301", "A"];
        var path = _directory.File("strings.olap");
        FileRows.Write(path, columns, values.Select(v => new[] { ScalarValue.FromString(v) }).ToList(), new OlapWriterOptions { SortKey = [new SortKeyColumn(0)] });

        var expected = values.OrderBy(v => v, Comparer<string>.Create((a, b) => System.Text.Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(System.Text.Encoding.UTF8.GetBytes(b)))).ToList();
        Assert.Equal(expected, FileRows.ReadAll(path).Select(r => r[0].ToString()));
        Assert.Equal(string.Empty, expected[0]);
        Assert.Equal("😀", expected[^1]);
    }

    [Theory]
    [InlineData(20_000, 3000)]
    [InlineData(10_000, 2500)]
    [InlineData(10_000, 10_000)]
    public void A_small_sort_buffer_spills_sorted_runs_and_merges_them_into_the_same_order(int rowCount, int sortBufferRows)
    {
        var rows = SampleTable.Rows(rowCount, seed: 13);
        var path = _directory.File("spilled.olap");
        SortKeyColumn[] key = [new(SampleTable.Flag), new(SampleTable.Name, Descending: true), new(SampleTable.Day, Descending: true)];
        FileRows.Write(path, SampleTable.Columns, rows, new OlapWriterOptions { RowGroupSize = 4096, SortKey = key, SortBufferRows = sortBufferRows });

        FileRows.AssertSameRows(StableSort(rows, key), FileRows.ReadAll(path));
        using var reader = OlapFileReader.Open(path);
        reader.Verify();
        Assert.Equal(key, reader.SortKey);
        FileRoundTripTests.AssertRowGroupSizes(reader, rowCount, 4096);

        // No sorted run (".run") or temporary file is left beside the output.
        Assert.Equal(["spilled.olap"], _directory.FileNames());
    }

    [Theory]
    [InlineData(SampleTable.Key, false)]   // keys 0..4999: ordered by counting
    [InlineData(SampleTable.Key, true)]
    [InlineData(SampleTable.Day, true)]
    [InlineData(3, false)]                 // the whole long range: ordered by comparison
    [InlineData(3, true)]
    public void A_single_integral_key_sorts_stably_with_NULLs_at_the_right_end_whether_counted_or_compared(int column, bool descending)
    {
        var rows = SampleTable.Rows(12_000, seed: 15);
        var path = _directory.File("single.olap");
        SortKeyColumn[] key = [new(column, descending)];
        FileRows.Write(path, SampleTable.Columns, rows, new OlapWriterOptions { RowGroupSize = 2048, SortKey = key, SortBufferRows = 5_000 });

        FileRows.AssertSameRows(StableSort(rows, key), FileRows.ReadAll(path));
    }

    [Fact]
    public void A_sort_buffer_of_one_row_makes_a_run_per_row_and_still_merges_stably()
    {
        var rows = SampleTable.Rows(300, seed: 14);
        var path = _directory.File("one.olap");
        SortKeyColumn[] key = [new(SampleTable.Small)];
        FileRows.Write(path, SampleTable.Columns, rows, new OlapWriterOptions { SortKey = key, SortBufferRows = 1 });

        FileRows.AssertSameRows(StableSort(rows, key), FileRows.ReadAll(path));
        Assert.Equal(["one.olap"], _directory.FileNames());
    }

    [Fact]
    public void The_sort_key_is_checked_when_the_writer_is_created()
    {
        Assert.Throws<ArgumentException>(() => new OlapFileWriter(_directory.File("bad.olap"), SampleTable.Columns, new OlapWriterOptions { SortKey = [new SortKeyColumn(SampleTable.Columns.Length)] }));
        Assert.Throws<ArgumentException>(() => new OlapFileWriter(_directory.File("bad.olap"), SampleTable.Columns, new OlapWriterOptions { SortKey = [new SortKeyColumn(-1)] }));
        Assert.Throws<ArgumentException>(() => new OlapFileWriter(_directory.File("bad.olap"), SampleTable.Columns, new OlapWriterOptions { RowGroupSize = 1000 }));
        Assert.Empty(_directory.FileNames());
    }

    /// <summary>
    /// The reference order: by each key column in turn, NULL before any value (after, when descending), integers and
    /// doubles numerically (NaN first, -0.0 equal to 0.0), strings by UTF-8 bytes; rows with equal keys keep their order.
    /// </summary>
    internal static List<ScalarValue[]> StableSort(IReadOnlyList<ScalarValue[]> rows, IReadOnlyList<SortKeyColumn> key)
    {
        // Enumerable.OrderBy is a stable sort.
        return rows.OrderBy(row => row, Comparer<ScalarValue[]>.Create((a, b) =>
        {
            foreach (var column in key)
            {
                var order = CompareValues(a[column.Column], b[column.Column]);
                if (order != 0)
                {
                    return column.Descending ? -order : order;
                }
            }

            return 0;
        })).ToList();
    }

    private static int CompareValues(ScalarValue a, ScalarValue b)
    {
        if (a.IsNull || b.IsNull)
        {
            return a.IsNull == b.IsNull ? 0 : a.IsNull ? -1 : 1;
        }

        return a.Kind switch
        {
            ScalarKind.Integer => a.Int64.CompareTo(b.Int64),
            ScalarKind.Double => a.Double.CompareTo(b.Double),
            _ => a.Utf8.SequenceCompareTo(b.Utf8),
        };
    }
}
