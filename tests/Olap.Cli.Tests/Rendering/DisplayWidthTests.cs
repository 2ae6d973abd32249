using Olap.Cli.Rendering;

namespace Olap.Cli.Tests.Rendering;

public sealed class DisplayWidthTests
{
    [Theory]
    [InlineData("abc", 3)]
    [InlineData("é", 1)]
    [InlineData("e\u0301", 1)]
    [InlineData("日本", 4)]
    [InlineData("한국어", 6)]
    [InlineData("😀", 2)]
    [InlineData("", 0)]
    public void Text_takes_as_many_cells_as_a_terminal_gives_it(string text, int cells)
    {
        Assert.Equal(cells, DisplayWidth.Of(text));
    }

    [Fact]
    public void Truncation_counts_cells_and_marks_the_cut()
    {
        Assert.Equal("日本…", DisplayWidth.Truncate("日本語です", 5));
        Assert.Equal("short", DisplayWidth.Truncate("short", 5));
    }
}
