using Olap.Cli.Rendering;

namespace Olap.Cli.Tests.Rendering;

public sealed class DelimitedRendererTests
{
    [Fact]
    public void Csv_follows_RFC_4180_with_a_header_CRLF_lines_and_quotes_only_where_needed()
    {
        var text = ShellHarness.Render("CREATE TABLE t (n INTEGER, s VARCHAR); INSERT INTO t VALUES (1, 'plain'), (2, 'a,b'), (3, 'say \"hi\"'), (4, 'two\nlines'); SELECT * FROM t ORDER BY n", OutputMode.Csv);

        Assert.Equal("n,s\r\n1,plain\r\n2,\"a,b\"\r\n3,\"say \"\"hi\"\"\"\r\n4,\"two\nlines\"\r\n", text);
    }

    [Fact]
    public void Csv_writes_NULL_as_an_empty_field_and_the_empty_string_as_two_quotes()
    {
        var text = ShellHarness.Render("SELECT CAST(NULL AS VARCHAR) AS a, '' AS b, 'é' AS c", OutputMode.Csv);

        Assert.Equal("a,b,c\r\n,\"\",é\r\n", text);
    }

    [Fact]
    public void Tsv_separates_with_tabs_and_ends_lines_with_LF()
    {
        var text = ShellHarness.Render("SELECT 1 AS a, 'x y' AS b, NULL AS c", OutputMode.Tsv);

        Assert.Equal("a\tb\tc\n1\tx y\t\n", text);
    }
}
