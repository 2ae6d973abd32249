using Olap.Cli.Rendering;

namespace Olap.Cli.Tests.Rendering;

public sealed class MarkdownAndLineRendererTests
{
    [Fact]
    public void Markdown_aligns_numbers_right_and_escapes_pipes()
    {
        var text = ShellHarness.Render("SELECT 1 AS n, 'a|b' AS s, NULL AS z", OutputMode.Markdown);

        Assert.Equal("| n | s | z |\n| ---: | --- | ---: |\n| 1 | a\\|b | NULL |\n", text.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Line_mode_prints_one_name_equals_value_line_per_column_and_a_blank_line_between_rows()
    {
        var text = ShellHarness.Render("CREATE TABLE t (n INTEGER, long_name VARCHAR); INSERT INTO t VALUES (1, 'x'), (2, NULL); SELECT * FROM t", OutputMode.Line);

        Assert.Equal("        n = 1\nlong_name = x\n\n        n = 2\nlong_name = NULL\n", text.ReplaceLineEndings("\n"));
    }
}
