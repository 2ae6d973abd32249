using Olap.Cli.Rendering;

namespace Olap.Cli.Tests.Rendering;

public sealed class BoxRendererTests
{
    [Fact]
    public void A_box_has_names_and_types_in_the_header_numbers_on_the_right_and_NULL_spelled_out()
    {
        var text = ShellHarness.Render("CREATE TABLE t (n INTEGER, s VARCHAR); INSERT INTO t VALUES (1, 'a'), (NULL, NULL), (100, 'ccc'); SELECT * FROM t", OutputMode.Box);

        Assert.Equal(
            """
            ┌─────────┬─────────┐
            │    n    │    s    │
            │ integer │ varchar │
            ├─────────┼─────────┤
            │       1 │ a       │
            │    NULL │ NULL    │
            │     100 │ ccc     │
            └─────────┴─────────┘

            """.ReplaceLineEndings("\n"),
            text.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Wide_characters_take_two_cells_so_the_borders_still_line_up()
    {
        var text = ShellHarness.Render("SELECT '日本語' AS word, 1 AS n UNION ALL SELECT 'é', 2", OutputMode.Box);

        var lines = text.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Contains("│ 日本語  │       1 │", lines);
        Assert.Contains("│ é       │       2 │", lines);
        Assert.All(lines, line => Assert.Equal(DisplayWidth.Of(lines[0]), DisplayWidth.Of(line)));
    }

    [Fact]
    public void A_long_result_shows_its_first_and_last_rows_and_says_how_many_there_are()
    {
        var values = string.Join(", ", Enumerable.Range(1, 100).Select(i => $"({i})"));

        var text = ShellHarness.Render($"CREATE TABLE t (n INTEGER); INSERT INTO t VALUES {values}; SELECT n FROM t", OutputMode.Box, new RenderOptions { MaxRows = 6 });

        var rows = text.Split('\n').Where(l => l.StartsWith("│ ", StringComparison.Ordinal) && l.Any(char.IsDigit)).Select(l => l.Trim('│', ' ', '\r')).ToList();
        Assert.Equal(["1", "2", "3", "98", "99", "100"], rows);
        Assert.Equal(3, text.Split('\n').Count(l => l.Contains('·')));
        Assert.Contains("100 rows (6 shown)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Columns_that_do_not_fit_the_width_are_dropped_from_the_right_and_named()
    {
        var text = ShellHarness.Render("SELECT 1 AS first_column, 2 AS second_column, 3 AS third_column, 4 AS fourth_column", OutputMode.Box, new RenderOptions { Width = 40 });

        var lines = text.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.All(lines.Where(l => l.StartsWith('│') || l.StartsWith('┌')), line => Assert.True(DisplayWidth.Of(line) <= 40, line));
        Assert.Contains("first_column", lines[1], StringComparison.Ordinal);
        Assert.Contains("second_column", lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain("third_column", lines[1], StringComparison.Ordinal);
        Assert.Equal("4 columns (2 shown); not shown: third_column, fourth_column", lines[^1]);
    }

    [Fact]
    public void Text_longer_than_a_cell_may_be_ends_in_an_ellipsis()
    {
        var text = ShellHarness.Render($"SELECT '{new string('x', 100)}' AS s", OutputMode.Box);

        Assert.Contains(new string('x', BoxRenderer.MaxCellWidth - 1) + "…", text, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('x', BoxRenderer.MaxCellWidth), text, StringComparison.Ordinal);
    }

    [Fact]
    public void Table_mode_draws_the_same_layout_in_ASCII()
    {
        var text = ShellHarness.Render("SELECT 1 AS n, 'a' AS s", OutputMode.Table);

        Assert.Equal(
            """
            +---------+---------+
            |    n    |    s    |
            | integer | varchar |
            +---------+---------+
            |       1 | a       |
            +---------+---------+

            """.ReplaceLineEndings("\n"),
            text.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void An_empty_result_still_shows_its_header()
    {
        var text = ShellHarness.Render("SELECT 1 AS n WHERE 1 = 0", OutputMode.Box);

        Assert.Contains("│    n    │", text, StringComparison.Ordinal);
        Assert.Equal(5, text.TrimEnd().Split('\n').Length);
    }

    [Fact]
    public void With_colours_NULL_is_dimmed_but_the_layout_is_measured_without_the_escape_codes()
    {
        var text = ShellHarness.Render("SELECT NULL AS n, 1 AS m", OutputMode.Box, new RenderOptions { Palette = Palette.Ansi });

        Assert.Contains("\u001b[2;3m", text, StringComparison.Ordinal);
        var plain = System.Text.RegularExpressions.Regex.Replace(text, "\u001b\\[[0-9;]*m", string.Empty);
        Assert.Equal(ShellHarness.Render("SELECT NULL AS n, 1 AS m", OutputMode.Box), plain);
    }
}
