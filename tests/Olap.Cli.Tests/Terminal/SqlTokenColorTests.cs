using Olap.Cli.Terminal;

namespace Olap.Cli.Tests.Terminal;

public sealed class SqlTokenColorTests
{
    [Theory]
    [InlineData("SELECT", "Keyword")]
    [InlineData("from", "Keyword")]
    [InlineData("lo_revenue", "Plain")]
    [InlineData("42", "Number")]
    [InlineData("'", "String")]
    [InlineData(",", "Plain")]
    public void Keywords_numbers_and_quotes_are_coloured_and_names_are_not(string token, string kind)
    {
        Assert.Equal(Enum.Parse<SqlSpanKind>(kind), SqlTokenColor.KindOf(token));
    }
}
