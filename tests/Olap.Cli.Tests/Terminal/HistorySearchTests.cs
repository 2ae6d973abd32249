using Olap.Cli.Terminal;

namespace Olap.Cli.Tests.Terminal;

public sealed class HistorySearchTests
{
    private static readonly string[] s_history = ["SELECT 1;", ".mode csv", "select count(*) from lineorder;", "SELECT d_year FROM date;"];

    [Fact]
    public void The_newest_line_containing_the_text_comes_first_whatever_its_case()
    {
        Assert.Equal((3, "SELECT d_year FROM date;"), HistorySearch.Previous(s_history, "select", s_history.Length));
    }

    [Fact]
    public void Searching_again_from_a_match_steps_to_older_lines_and_then_finds_nothing()
    {
        Assert.Equal((2, "select count(*) from lineorder;"), HistorySearch.Previous(s_history, "select", 3));
        Assert.Equal((0, "SELECT 1;"), HistorySearch.Previous(s_history, "select", 2));
        Assert.Null(HistorySearch.Previous(s_history, "select", 0));
    }

    [Fact]
    public void Text_in_no_line_finds_nothing()
    {
        Assert.Null(HistorySearch.Previous(s_history, "insert", s_history.Length));
    }
}
