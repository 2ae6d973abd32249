using Olap.Cli.Session;

namespace Olap.Cli.Tests.Session;

public sealed class StatementSplitterTests
{
    [Fact]
    public void Statements_end_at_each_semicolon_and_remember_where_they_start()
    {
        var (statements, remainder, _) = StatementSplitter.Split("SELECT 1; SELECT 2;SELECT 3");

        Assert.Equal(["SELECT 1", " SELECT 2"], statements.Select(s => s.Sql));
        Assert.Equal([0, 9], statements.Select(s => s.Start));
        Assert.Equal("SELECT 3", remainder);
    }

    [Theory]
    [InlineData("SELECT 'a;b'")]
    [InlineData("SELECT 'it''s; here'")]
    [InlineData("SELECT \"odd;name\" FROM t")]
    [InlineData("SELECT 1 -- a comment; not the end")]
    [InlineData("SELECT 1 /* a comment; not the end */")]
    [InlineData("SELECT 'open string;")]
    [InlineData("SELECT 1 /* open comment;")]
    public void A_semicolon_inside_a_string_a_quoted_name_or_a_comment_does_not_end_the_statement(string text)
    {
        Assert.False(StatementSplitter.IsComplete(text));
        Assert.Empty(StatementSplitter.Split(text).Statements);
    }

    [Theory]
    [InlineData("SELECT 1;")]
    [InlineData("SELECT 1;   ")]
    [InlineData("SELECT 1; -- done")]
    [InlineData("SELECT 1; /* done */")]
    [InlineData("SELECT 'a''b';\n")]
    [InlineData("")]
    [InlineData("-- only a comment")]
    public void Text_that_ends_after_a_semicolon_or_holds_only_comments_is_complete(string text)
    {
        Assert.True(StatementSplitter.IsComplete(text));
    }

    [Fact]
    public void Empty_statements_between_semicolons_are_skipped()
    {
        var (statements, _, _) = StatementSplitter.Split(";; SELECT 1;;");

        Assert.Equal([" SELECT 1"], statements.Select(s => s.Sql));
    }
}
