using Olap.Columnar.Format;
using Olap.Columnar.Tests.Format;
using Olap.Columnar.Text;
using Olap.Columnar.Types;

namespace Olap.Columnar.Tests.Text;

/// <summary>Bad input fails with a <see cref="DelimitedTextException"/> naming the file, the physical line and the column.</summary>
public sealed class DelimitedTextErrorTests
{
    private static readonly ColumnDefinition[] s_orders =
    [
        new("lo_orderkey", ColumnType.Integer),
        new("lo_quantity", ColumnType.Integer),
        new("lo_shipmode", ColumnType.Varchar),
    ];

    private static readonly DelimitedTextOptions s_dbgen = new() { Delimiter = '|' };

    [Fact]
    public void A_field_that_is_not_its_type_names_file_line_column_and_value()
    {
        var error = Fail("1|5|AIR|\n2|abc|RAIL|\n", s_orders, s_dbgen, "lineorder.tbl");
        Assert.Equal("'lineorder.tbl' line 2, column \"lo_quantity\": \"abc\" is not an INTEGER", error.Message);
        Assert.Equal(2, error.LineNumber);
        Assert.Equal("lo_quantity", error.ColumnName);
    }

    [Theory]
    [InlineData("SMALLINT", "32768", "\"32768\" is out of range for SMALLINT")]
    [InlineData("INTEGER", "2147483648", "\"2147483648\" is out of range for INTEGER")]
    [InlineData("BIGINT", "9223372036854775808", "\"9223372036854775808\" is out of range for BIGINT")]
    [InlineData("BIGINT", "12x", "\"12x\" is not a BIGINT")]
    [InlineData("BOOLEAN", "yes", "\"yes\" is not a BOOLEAN")]
    [InlineData("DOUBLE", "1.2.3", "\"1.2.3\" is not a DOUBLE")]
    [InlineData("DECIMAL", "1000.00", "\"1000.00\" does not fit DECIMAL(5,2)")]
    [InlineData("DECIMAL", "999.995", "\"999.995\" does not fit DECIMAL(5,2)")]
    [InlineData("DECIMAL", "1e3", "\"1e3\" is not a DECIMAL(5,2)")]
    [InlineData("DATE", "1995-02-29", "\"1995-02-29\" is not a DATE (yyyy-MM-dd)")]
    [InlineData("DATE", "19950101", "\"19950101\" is not a DATE (yyyy-MM-dd)")]
    [InlineData("TIMESTAMP", "1995-01-01 24:00:00", "is not a TIMESTAMP")]
    [InlineData("TIMESTAMP", "1995-01-01 10:00:00.1234567", "is not a TIMESTAMP")]
    public void Each_type_rejects_what_it_cannot_hold(string typeName, string field, string expected)
    {
        var type = typeName switch
        {
            "SMALLINT" => ColumnType.SmallInt,
            "INTEGER" => ColumnType.Integer,
            "BIGINT" => ColumnType.BigInt,
            "BOOLEAN" => ColumnType.Boolean,
            "DOUBLE" => ColumnType.Double,
            "DECIMAL" => ColumnType.Decimal(5, 2),
            "DATE" => ColumnType.Date,
            _ => ColumnType.Timestamp,
        };
        var error = Fail($"name,value\n\"y\",{field}\n", [new("name", ColumnType.Varchar), new("value", type)], new DelimitedTextOptions { Header = true }, "values.csv");
        Assert.StartsWith("'values.csv' line 2, column \"value\": ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_few_and_too_many_fields_name_the_line()
    {
        Assert.Equal("'t.tbl' line 3: expected 3 fields but found 2", Fail("1|2|AIR|\n1|2|AIR\n1|2\n", s_orders, s_dbgen, "t.tbl").Message);
        Assert.Equal("'t.tbl' line 1: expected 3 fields but found 5", Fail("1|2|AIR|x|\n", s_orders, s_dbgen, "t.tbl").Message);
        Assert.Equal("'t.tbl' line 1: expected 3 fields but found 4", Fail("1|2|AIR|x\n", s_orders, s_dbgen, "t.tbl").Message);
    }

    [Fact]
    public void A_line_number_counts_the_line_breaks_inside_quoted_fields()
    {
        var error = Fail("a,1\n\"two\nlines\",2\n\"three\n\nlines\",x\n", [new("s", ColumnType.Varchar), new("n", ColumnType.Integer)], null, "q.csv");
        Assert.Equal("'q.csv' line 6, column \"n\": \"x\" is not an INTEGER", error.Message);
    }

    [Fact]
    public void An_unterminated_quote_at_the_end_of_the_file_is_reported_where_it_opens()
    {
        var error = Fail("a,1\nb,\"2\n3\n", [new("s", ColumnType.Varchar), new("n", ColumnType.Varchar)], null, "open.csv");
        Assert.Equal("'open.csv' line 2, column \"n\": a quoted field is not closed before the end of the file", error.Message);
    }

    [Fact]
    public void Text_after_a_closing_quote_is_an_error()
    {
        var error = Fail("\"ab\"c,1\n", [new("s", ColumnType.Varchar), new("n", ColumnType.Integer)], null, "q.csv");
        Assert.Equal("'q.csv' line 1, column \"s\": unexpected 'c' after a closing quote", error.Message);
    }

    [Fact]
    public void Invalid_utf8_in_a_varchar_is_an_error()
    {
        using var stream = new MemoryStream([(byte)'a', 0xC3, 0x28, (byte)'\n']);
        using var reader = new DelimitedTextReader(stream, "bytes.csv", [new("s", ColumnType.Varchar)]);
        var error = Assert.Throws<DelimitedTextException>(() => reader.ReadChunk(reader.CreateChunk()));
        Assert.Contains("'bytes.csv' line 1, column \"s\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("is not valid UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gz_file_that_is_not_gzip_says_so()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("plain.tbl.gz");
        File.WriteAllText(path, "1|2|AIR|\n");
        using var reader = DelimitedTextReader.Open(path, s_orders, s_dbgen);
        var error = Assert.Throws<DelimitedTextException>(() => reader.ReadChunk(reader.CreateChunk()));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("gzip data is not valid", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Gzip_magic_bytes_followed_by_garbage_say_so()
    {
        using var stream = new MemoryStream([0x1F, 0x8B, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
        using var reader = new DelimitedTextReader(stream, "garbage.tbl", s_orders, s_dbgen);
        var error = Assert.Throws<DelimitedTextException>(() => reader.ReadChunk(reader.CreateChunk()));
        Assert.StartsWith("'garbage.tbl' line 1: the gzip data is not valid", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reader_that_failed_refuses_to_continue()
    {
        using var reader = new DelimitedTextReader(new MemoryStream("1|x|AIR|\n"u8.ToArray()), "t.tbl", s_orders, s_dbgen);
        var chunk = reader.CreateChunk();
        Assert.Throws<DelimitedTextException>(() => reader.ReadChunk(chunk));
        Assert.Throws<InvalidOperationException>(() => reader.ReadChunk(chunk));
    }

    [Fact]
    public void A_chunk_of_other_types_is_refused()
    {
        using var reader = new DelimitedTextReader(new MemoryStream("1\n"u8.ToArray()), "t.csv", [new("n", ColumnType.Integer)]);
        Assert.Throws<ArgumentException>(() => reader.ReadChunk(new Olap.Columnar.Vectors.DataChunk([ColumnType.BigInt])));
    }

    private static DelimitedTextException Fail(string text, ColumnDefinition[] columns, DelimitedTextOptions? options, string name)
    {
        using var reader = new DelimitedTextReader(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)), name, columns, options);
        var chunk = reader.CreateChunk();
        return Assert.Throws<DelimitedTextException>(() =>
        {
            while (reader.ReadChunk(chunk))
            {
            }
        });
    }
}
