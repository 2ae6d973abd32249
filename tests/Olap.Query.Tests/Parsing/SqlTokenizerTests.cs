using Olap.Query.Parsing;

namespace Olap.Query.Tests.Parsing;

public sealed class SqlTokenizerTests
{
    private static (SqlToken Kind, string Text)[] Tokens(string sql)
        => SqlLexer.Tokenize(sql).Select(t => (t.Kind, t.ToStringValue())).ToArray();

    [Fact]
    public void An_ssb_query_becomes_identifiers_literals_and_operators()
    {
        var tokens = Tokens("select sum(lo_extendedprice*lo_discount) as revenue from lineorder, date where lo_orderdate = d_datekey and d_year = 1993 and lo_discount between 1 and 3;");

        Assert.Equal((SqlToken.Identifier, "select"), tokens[0]);
        Assert.Equal((SqlToken.LeftParen, "("), tokens[2]);
        Assert.Equal((SqlToken.Star, "*"), tokens[4]);
        Assert.Contains((SqlToken.Identifier, "date"), tokens);
        Assert.Contains((SqlToken.IntegerLiteral, "1993"), tokens);
        Assert.Equal((SqlToken.Semicolon, ";"), tokens[^1]);
    }

    [Theory]
    [InlineData("<=", SqlToken.LessThanOrEqual)]
    [InlineData("<>", SqlToken.NotEqual)]
    [InlineData("!=", SqlToken.NotEqual)]
    [InlineData(">=", SqlToken.GreaterThanOrEqual)]
    [InlineData("||", SqlToken.Concat)]
    [InlineData("::", SqlToken.DoubleColon)]
    [InlineData("//", SqlToken.DoubleSlash)]
    [InlineData("%", SqlToken.Percent)]
    [InlineData("=", SqlToken.Equal)]
    [InlineData(".", SqlToken.Dot)]
    public void Operators_are_read_longest_first(string text, SqlToken kind)
        => Assert.Equal([(kind, text)], Tokens(text));

    [Theory]
    [InlineData("42", SqlToken.IntegerLiteral)]
    [InlineData("3.25", SqlToken.DecimalLiteral)]
    [InlineData(".5", SqlToken.DecimalLiteral)]
    [InlineData("1e8", SqlToken.DecimalLiteral)]
    [InlineData("2.5E-3", SqlToken.DecimalLiteral)]
    [InlineData("'it''s'", SqlToken.StringLiteral)]
    [InlineData("''", SqlToken.StringLiteral)]
    [InlineData("\"Weird \"\"Name\"\"\"", SqlToken.QuotedIdentifier)]
    [InlineData("$1", SqlToken.Parameter)]
    [InlineData("?", SqlToken.Parameter)]
    [InlineData("@ids", SqlToken.Parameter)]
    [InlineData("naïve_名前", SqlToken.Identifier)]
    public void Literals_quoted_names_and_parameters_are_single_tokens(string text, SqlToken kind)
        => Assert.Equal([(kind, text)], Tokens(text));

    [Fact]
    public void A_qualified_name_splits_at_the_dot_and_a_number_keeps_its_fraction()
    {
        Assert.Equal([(SqlToken.Identifier, "t"), (SqlToken.Dot, "."), (SqlToken.Identifier, "c")], Tokens("t.c"));
        Assert.Equal([(SqlToken.IntegerLiteral, "1"), (SqlToken.Dot, "."), (SqlToken.DecimalLiteral, ".2")], Tokens("1..2"));
        Assert.Equal([(SqlToken.DecimalLiteral, "1."), (SqlToken.Identifier, "x")], Tokens("1. x"));
    }

    [Fact]
    public void Comments_and_white_space_are_skipped_but_positions_kept()
    {
        var tokens = SqlLexer.Tokenize("-- the answer\nSELECT /* a\nblock */ 42 --trailing").ToArray();

        Assert.Equal(2, tokens.Length);
        Assert.Equal("SELECT", tokens[0].ToStringValue());
        Assert.Equal(2, tokens[0].Position.Line);
        Assert.Equal(1, tokens[0].Position.Column);
        Assert.Equal(3, tokens[1].Position.Line);
        Assert.Equal(10, tokens[1].Position.Column);
    }

    [Theory]
    [InlineData("SELECT 'open", "unterminated string", 1, 8)]
    [InlineData("SELECT \"open", "unterminated quoted identifier", 1, 8)]
    [InlineData("SELECT 1e+", "missing digits in the exponent", 1, 9)]
    [InlineData("SELECT 12abc", "unexpected 'a' after a number", 1, 10)]
    [InlineData("SELECT a\n  FROM t # x", "unexpected character '#'", 2, 10)]
    [InlineData("SELECT $", "$ must be followed by a parameter number", 1, 8)]
    public void Bad_text_is_reported_with_its_line_and_column(string sql, string problem, int line, int column)
    {
        var error = Assert.Throws<SqlSyntaxException>(() => SqlLexer.Tokenize(sql));

        Assert.StartsWith(problem, error.Problem, StringComparison.Ordinal);
        Assert.Equal(line, error.Line);
        Assert.Equal(column, error.Column);
    }

    [Fact]
    public void An_error_message_shows_the_line_and_a_caret_under_the_column()
    {
        var error = Assert.Throws<SqlSyntaxException>(() => SqlLexer.Tokenize("SELECT 1\nFROM t WHERE x = #"));

        Assert.Equal(
            "unexpected character '#' (line 2, column 18)\n" +
            "LINE 2: FROM t WHERE x = #\n" +
            "                         ^",
            error.Message);
    }

    [Theory]
    [InlineData("select", true)]
    [InlineData("SELECT", true)]
    [InlineData("date", false)]
    [InlineData("tables", false)]
    [InlineData("lineorder", false)]
    public void Only_reserved_keywords_need_quotes_to_be_names(string word, bool reserved)
        => Assert.Equal(reserved, SqlKeywords.IsReserved(word));
}
