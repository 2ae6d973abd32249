namespace Olap.Datasets.Tests.Ssb;

public sealed class SsbCommandTests
{
    [Fact]
    public void A_full_command_line_is_understood()
    {
        var command = SsbCommand.Parse(["ssb", "--sf", "0.1", "--out", "x", "--format", "csv", "--seed", "5", "--threads", "1"]);
        Assert.Equal(new SsbCommand(0.1, "x", "csv", 5, 1, ShowHelp: false), command);
    }

    [Theory]
    [InlineData("", "missing the dataset name")]
    [InlineData("tpch --sf 1 --out x", "unknown dataset 'tpch'")]
    [InlineData("ssb --out x", "--sf is required")]
    [InlineData("ssb --sf 1", "--out is required")]
    [InlineData("ssb --sf abc --out x", "--sf must be a number")]
    [InlineData("ssb --sf 0 --out x", "--sf must be a number greater than 0")]
    [InlineData("ssb --sf 1 --out x --format arrow", "--format must be tbl, csv, olap or parquet")]
    [InlineData("ssb --sf 1 --out x --seed 1.5", "--seed must be an integer")]
    [InlineData("ssb --sf 1 --out x --bogus 1", "unknown option '--bogus'")]
    [InlineData("ssb --sf 1 --out", "option '--out' needs a value")]
    public void Bad_arguments_say_what_is_wrong(string line, string message)
    {
        var error = Assert.Throws<FormatException>(() => SsbCommand.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
