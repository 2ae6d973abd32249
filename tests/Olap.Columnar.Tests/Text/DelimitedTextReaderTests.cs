using System.IO.Compression;
using CsCheck;
using Olap.Columnar.Format;
using Olap.Columnar.Tests.Format;
using Olap.Columnar.Text;
using Olap.Columnar.Types;

namespace Olap.Columnar.Tests.Text;

public sealed class DelimitedTextReaderTests
{
    private static readonly ColumnDefinition[] s_threeStrings = TextRows.Columns(ColumnType.Varchar, ColumnType.Varchar, ColumnType.Varchar);

    [Fact]
    public void Quoted_fields_hold_delimiters_doubled_quotes_and_line_breaks()
    {
        var text = "id,name,note\n1,\"Smith, J\",\"he said \"\"hi\"\"\"\n2,\"two\nlines\",plain\n";
        var rows = TextRows.Read(text, TextRows.Columns(ColumnType.Integer, ColumnType.Varchar, ColumnType.Varchar), new DelimitedTextOptions { Header = true });

        Assert.Equal(2, rows.Count);
        TextRows.AssertRow(rows[0], "1", "Smith, J", "he said \"hi\"");
        TextRows.AssertRow(rows[1], "2", "two\nlines", "plain");
    }

    [Fact]
    public void Crlf_line_ends_a_byte_order_mark_and_a_last_line_without_newline_are_read()
    {
        var bytes = System.Text.Encoding.UTF8.GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes("a,\"b\"\r\nc,d\r\né,\"f\r\ng\"")).ToArray();
        var rows = TextRows.Read(bytes, TextRows.Columns(ColumnType.Varchar, ColumnType.Varchar));

        Assert.Equal(3, rows.Count);
        TextRows.AssertRow(rows[0], "a", "b");
        TextRows.AssertRow(rows[1], "c", "d");
        TextRows.AssertRow(rows[2], "é", "f\r\ng");
    }

    [Fact]
    public void An_empty_field_is_null_whether_quoted_or_not_as_in_duckdb()
    {
        var rows = TextRows.Read(",\"\",x\n", s_threeStrings);
        TextRows.AssertRow(rows[0], null, null, "x");
    }

    [Fact]
    public void Without_quoted_nulls_a_quoted_empty_field_is_an_empty_string()
    {
        var rows = TextRows.Read(",\"\",x\n", s_threeStrings, new DelimitedTextOptions { AllowQuotedNulls = false });
        TextRows.AssertRow(rows[0], null, "", "x");
    }

    [Fact]
    public void A_custom_null_string_makes_only_that_text_null_quoted_or_not()
    {
        var rows = TextRows.Read("\\N,,\"\\N\"\n7,\\N,\n", TextRows.Columns(ColumnType.Integer, ColumnType.Varchar, ColumnType.Varchar), new DelimitedTextOptions { NullString = "\\N" });

        TextRows.AssertRow(rows[0], null, "", null);
        TextRows.AssertRow(rows[1], "7", null, "");
    }

    [Fact]
    public void Dbgen_lines_with_a_trailing_delimiter_are_accepted()
    {
        var rows = TextRows.Read("1|a|\n2||\n", TextRows.Columns(ColumnType.Integer, ColumnType.Varchar), new DelimitedTextOptions { Delimiter = '|' });
        TextRows.AssertRow(rows[0], "1", "a");
        TextRows.AssertRow(rows[1], "2", null);
    }

    [Fact]
    public void Blank_lines_are_skipped_when_there_are_several_columns()
    {
        var rows = TextRows.Read("1,a\n\n\r\n2,b\n", TextRows.Columns(ColumnType.Integer, ColumnType.Varchar));
        Assert.Equal(2, rows.Count);
    }

    [Fact]
    public void Every_type_is_parsed_including_its_edge_values()
    {
        var columns = new ColumnDefinition[]
        {
            new("b", ColumnType.Boolean),
            new("s", ColumnType.SmallInt),
            new("i", ColumnType.Integer),
            new("l", ColumnType.BigInt),
            new("d", ColumnType.Double),
            new("m", ColumnType.Decimal(18, 4)),
            new("x", ColumnType.Decimal(5, 2)),
            new("v", ColumnType.Varchar),
            new("dt", ColumnType.Date),
            new("ts", ColumnType.Timestamp),
        };
        var text =
            "TRUE,-32768,-2147483648,-9223372036854775808,-1.5e-3,-99999999999999.9999,1.005,ünï,1969-12-31,1970-01-01 00:00:00.000001\n" +
            "f,32767,2147483647,9223372036854775807,1E308,99999999999999.9999,-1.005,\"\",0001-01-01,1969-12-31 23:59:59.5\n" +
            "1, 7 ,+42,0,0,.5,-0.004,x,9999-12-31,2024-02-29T12:34:56\n" +
            "0,0,0,0,-0,0,999.994,y,2000-2-9,1992-01-01\n";
        var rows = TextRows.Read(text, columns);

        TextRows.AssertRow(rows[0], "true", "-32768", "-2147483648", "-9223372036854775808", "-0.0015", "-99999999999999.9999", "1.01", "ünï", "1969-12-31", "1970-01-01 00:00:00.000001");
        TextRows.AssertRow(rows[1], "false", "32767", "2147483647", "9223372036854775807", "1E+308", "99999999999999.9999", "-1.01", null, "0001-01-01", "1969-12-31 23:59:59.5");
        TextRows.AssertRow(rows[2], "true", "7", "42", "0", "0", "0.5000", "0.00", "x", "9999-12-31", "2024-02-29 12:34:56");
        TextRows.AssertRow(rows[3], "false", "0", "0", "0", "-0", "0.0000", "999.99", "y", "2000-02-09", "1992-01-01 00:00:00");
    }

    [Fact]
    public void Dates_and_timestamps_count_from_the_unix_epoch()
    {
        using var reader = new DelimitedTextReader(
            new MemoryStream("1969-12-31,1969-12-31 23:59:59.999999\n"u8.ToArray()), "t.csv", TextRows.Columns(ColumnType.Date, ColumnType.Timestamp));
        var chunk = reader.CreateChunk();
        Assert.True(reader.ReadChunk(chunk));
        Assert.Equal(-1, chunk.Columns[0].GetValue<int>(0));
        Assert.Equal(-1L, chunk.Columns[1].GetValue<long>(0));
    }

    [Fact]
    public void A_gzip_stream_round_trips_and_is_detected_by_its_magic_bytes()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("numbers.data");
        using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        {
            var writer = new StreamWriter(gzip);
            for (var i = 0; i < 10_000; i++)
            {
                writer.Write($"{i}|n{i}|\n");
            }

            writer.Flush();
        }

        using var reader = DelimitedTextReader.Open(path, TextRows.Columns(ColumnType.BigInt, ColumnType.Varchar), new DelimitedTextOptions { Delimiter = '|' });
        var rows = TextRows.ReadAll(reader);
        Assert.Equal(10_000, rows.Count);
        TextRows.AssertRow(rows[^1], "9999", "n9999");
    }

    [Fact]
    public void Chunks_hold_at_most_their_capacity_and_rows_continue_across_chunks()
    {
        var text = string.Concat(Enumerable.Range(0, 5_000).Select(i => $"{i}\n"));
        var rows = TextRows.Read(text, TextRows.Columns(ColumnType.Integer), chunkCapacity: 7);
        Assert.Equal(5_000, rows.Count);
        Assert.Equal("4999", rows[^1][0]);
    }

    [Fact]
    public void Records_split_across_buffer_refills_read_the_same_as_in_one_piece()
    {
        // Random quoted and unquoted fields, LF or CRLF, read through a 16-byte buffer that every record straddles.
        var field = Gen.String[Gen.Char["ab,\"\n\r é"], 0, 12];
        var record = field.Array[3];
        Gen.Select(record.Array[1, 30], Gen.Bool).Sample((records, crlf) =>
        {
            var text = new System.Text.StringBuilder();
            foreach (var fields in records)
            {
                text.AppendJoin(',', fields.Select(Quote)).Append(crlf ? "\r\n" : "\n");
            }

            var bytes = System.Text.Encoding.UTF8.GetBytes(text.ToString());
            var rows = TextRows.Read(bytes, s_threeStrings, blockBytes: 16);
            Assert.Equal(records.Length, rows.Count);
            for (var i = 0; i < records.Length; i++)
            {
                // An empty field is NULL, quoted or not.
                TextRows.AssertRow(rows[i], [.. records[i].Select(f => f.Length == 0 ? null : f)]);
            }
        });
    }

    [Fact]
    public void A_record_longer_than_the_buffer_grows_it()
    {
        var longText = new string('x', 100_000);
        var rows = TextRows.Read(System.Text.Encoding.UTF8.GetBytes($"\"{longText}\",b\n"), TextRows.Columns(ColumnType.Varchar, ColumnType.Varchar), blockBytes: 1024);
        TextRows.AssertRow(rows[0], longText, "b");
    }

    private static string Quote(string value)
        => value.Length == 0 || value.AsSpan().IndexOfAny(",\"\n\r ") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
}
