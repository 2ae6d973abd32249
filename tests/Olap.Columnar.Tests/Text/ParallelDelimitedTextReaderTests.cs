using System.IO.Compression;
using Olap.Columnar.Format;
using Olap.Columnar.Text;
using Olap.Columnar.Types;

namespace Olap.Columnar.Tests.Text;

/// <summary>
/// Parsing in parallel blocks must be invisible: the same rows in the same order, the same error on the same line, as
/// one sequential reader — across cuts, with a header, CRLF line ends, gzip, and quotes that force the sequential path.
/// </summary>
public sealed class ParallelDelimitedTextReaderTests
{
    private static readonly ColumnDefinition[] s_columns = TextRows.Columns(ColumnType.Integer, ColumnType.Varchar, ColumnType.Decimal(12, 2), ColumnType.Date);

    private static string Lines(int count, string lineEnd = "\n", Func<int, string>? name = null)
    {
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var label = name?.Invoke(i) ?? (i % 13 == 0 ? "" : $"name {i} é");
            text.Append(CultureInfo(i)).Append(',').Append(label).Append(',').Append(i % 7 == 0 ? "" : $"{i}.{i % 100:D2}").Append(',')
                .Append($"199{i % 10}-0{1 + (i % 9)}-1{i % 10}").Append(lineEnd);
        }

        return text.ToString();
    }

    private static string CultureInfo(int i) => (i * 37 % 100_000).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static List<string?[]> ReadParallel(byte[] bytes, DelimitedTextOptions? options = null, int blockBytes = 300, int threads = 3, string name = "test.csv")
    {
        using var reader = new ParallelDelimitedTextReader(new MemoryStream(bytes), name, s_columns, options, threads, blockBytes);
        var rows = new List<string?[]>();
        while (reader.Read(out var chunk))
        {
            Assert.True(chunk.Count > 0);
            for (var row = 0; row < chunk.Count; row++)
            {
                rows.Add(TextRows.Render(chunk, row));
            }
        }

        Assert.Equal(rows.Count, reader.RowsRead);
        return rows;
    }

    [Theory]
    [InlineData("\n", false, 300)]
    [InlineData("\r\n", false, 300)]
    [InlineData("\n", true, 64)]      // blocks shorter than a line: the block grows to the line's end
    [InlineData("\r\n", true, 4096)]
    public void Rows_come_back_as_a_sequential_read_gives_them(string lineEnd, bool header, int blockBytes)
    {
        var text = (header ? "id,name,amount,day" + lineEnd : "") + Lines(5_000, lineEnd);
        var options = new DelimitedTextOptions { Header = header };
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);

        var expected = TextRows.Read(bytes, s_columns, options);
        var actual = ReadParallel(bytes, options, blockBytes);

        Assert.Equal(5_000, expected.Count);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void One_thread_reads_sequentially_with_the_same_rows()
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes("id,name,amount,day\n" + Lines(3_000));
        var options = new DelimitedTextOptions { Header = true };
        Assert.Equal(TextRows.Read(bytes, s_columns, options), ReadParallel(bytes, options, threads: 1));
    }

    [Fact]
    public void The_last_line_needs_no_line_break_and_blank_lines_are_skipped_as_usual()
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(Lines(1_000) + "\n\n" + "7,last,1.00,1999-01-01");
        Assert.Equal(TextRows.Read(bytes, s_columns), ReadParallel(bytes));
    }

    [Fact]
    public void From_the_first_quote_on_one_sequential_reader_takes_over_and_quoted_line_breaks_survive()
    {
        // Quoted fields holding line breaks appear after many plain lines: cuts before them are safe, after them not.
        var bytes = System.Text.Encoding.UTF8.GetBytes(Lines(3_000, name: i => i == 2_000 ? "\"two\nlines, and a comma\"" : i > 2_000 && i % 100 == 0 ? "\"q\"\"uoted\"" : $"n{i}"));

        var expected = TextRows.Read(bytes, s_columns);
        var actual = ReadParallel(bytes);

        Assert.Equal(3_000, expected.Count);
        Assert.Equal(expected, actual);
        Assert.Contains(actual, row => row[1] == "two\nlines, and a comma");
    }

    [Fact]
    public void Gzip_input_is_decompressed_on_the_way_in()
    {
        var plain = System.Text.Encoding.UTF8.GetBytes(Lines(4_000));
        using var packed = new MemoryStream();
        using (var gzip = new GZipStream(packed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(plain);
        }

        Assert.Equal(TextRows.Read(plain, s_columns), ReadParallel(packed.ToArray(), name: "test.csv.gz"));
    }

    [Fact]
    public void A_bad_value_fails_with_the_file_name_and_line_a_sequential_read_reports()
    {
        var lines = Lines(4_000).Split('\n').ToList();
        lines[3_211] = "12,x,not a number,1992-01-01";
        var bytes = System.Text.Encoding.UTF8.GetBytes(string.Join('\n', lines));

        var sequential = Assert.Throws<DelimitedTextException>(() => TextRows.Read(bytes, s_columns, name: "orders.csv"));
        var parallel = Assert.Throws<DelimitedTextException>(() => ReadParallel(bytes, name: "orders.csv"));

        Assert.Equal(sequential.Message, parallel.Message);
        Assert.Contains("line 3212", parallel.Message, StringComparison.Ordinal);
    }
}
