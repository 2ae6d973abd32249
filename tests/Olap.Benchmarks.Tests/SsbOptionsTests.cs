using Olap.Benchmarks.Ssb;

namespace Olap.Benchmarks.Tests;

/// <summary>The ssb command line: defaults for everything but --sf, and a message naming the mistake otherwise.</summary>
public sealed class SsbOptionsTests
{
    [Fact]
    public void Only_the_scale_factor_is_required()
    {
        var options = SsbOptions.Parse(["--sf", "1"]);

        Assert.Equal(1, options.ScaleFactor);
        Assert.Equal(2, options.Threads);
        Assert.Equal(5, options.Runs);
        Assert.False(options.Explain);
        Assert.False(options.Cubes);
    }

    [Theory]
    [InlineData("on", true)]
    [InlineData("off", false)]
    public void Cubes_are_on_or_off(string value, bool cubes)
        => Assert.Equal(cubes, SsbOptions.Parse(["--sf", "1", "--cubes", value]).Cubes);

    [Fact]
    public void Every_option_is_read()
    {
        var options = SsbOptions.Parse(["--sf", "0.5", "--threads", "4", "--runs", "3", "--out", "o", "--seed", "7", "--cache", "c", "--explain"]);

        Assert.Equal(new SsbOptions(0.5, 4, 3, "o", 7, "c", Explain: true), options);
    }

    [Theory]
    [InlineData("--sf is required", new string[0])]
    [InlineData("--sf must be a number", new[] { "--sf", "x" })]
    [InlineData("--sf must be a number", new[] { "--sf", "0" })]
    [InlineData("--threads must be a positive integer", new[] { "--sf", "1", "--threads", "0" })]
    [InlineData("--runs must be a positive integer", new[] { "--sf", "1", "--runs", "two" })]
    [InlineData("option '--seed' needs a value", new[] { "--sf", "1", "--seed" })]
    [InlineData("unknown option '--scale'", new[] { "--scale", "1" })]
    [InlineData("--cubes is on or off, not 'yes'", new[] { "--sf", "1", "--cubes", "yes" })]
    public void A_bad_argument_is_named_in_the_message(string message, string[] args)
    {
        var error = Assert.Throws<FormatException>(() => SsbOptions.Parse(args));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_command_exits_with_2_and_the_usage_on_a_bad_argument()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = SsbBenchmark.Run(["--sf", "-1"], output, error);

        Assert.Equal(2, exitCode);
        Assert.Contains("usage: ssb --sf", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(output.ToString());
    }
}
