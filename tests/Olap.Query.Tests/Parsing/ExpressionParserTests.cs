using Olap.Query.Parsing;
using Olap.Query.Parsing.Ast;

namespace Olap.Query.Tests.Parsing;

public sealed class ExpressionParserTests
{
    private static string Parsed(string sql) => AstText.Render(ExpressionParser.ParseExpression(sql));

    [Theory]
    [InlineData("1 + 2 * 3", "(1 + (2 * 3))")]
    [InlineData("1 - 2 - 3", "((1 - 2) - 3)")]
    [InlineData("a / b // c % d", "(((a / b) // c) % d)")]
    [InlineData("-a * b", "((-a) * b)")]
    [InlineData("- - 5", "(-(-5))")]
    [InlineData("'a' || 'b' || c", "(('a' || 'b') || c)")]
    [InlineData("a + 1 = b * 2", "((a + 1) = (b * 2))")]
    [InlineData("a = 1 OR b = 2 AND c = 3", "((a = 1) OR ((b = 2) AND (c = 3)))")]
    [InlineData("NOT a = 1 AND b", "((NOT (a = 1)) AND b)")]
    [InlineData("NOT NOT a", "(NOT (NOT a))")]
    [InlineData("(a OR b) AND c", "((a OR b) AND c)")]
    [InlineData("x::INTEGER + 1", "(CAST(x AS INTEGER) + 1)")]
    [InlineData("-x::DOUBLE", "(-CAST(x AS DOUBLE))")]
    public void Precedence_follows_the_ladder_and_binary_operators_associate_left(string sql, string expected)
        => Assert.Equal(expected, Parsed(sql));

    [Theory]
    [InlineData("lo_discount BETWEEN 1 AND 3 AND lo_quantity < 25", "((lo_discount BETWEEN 1 AND 3) AND (lo_quantity < 25))")]
    [InlineData("x NOT BETWEEN a + 1 AND b", "(x NOT BETWEEN (a + 1) AND b)")]
    [InlineData("c_city IN ('UNITED KI1', 'UNITED KI5')", "(c_city IN ['UNITED KI1', 'UNITED KI5'])")]
    [InlineData("x NOT IN (1, 2, 3)", "(x NOT IN [1, 2, 3])")]
    [InlineData("p_brand1 LIKE 'MFGR#22%'", "(p_brand1 LIKE 'MFGR#22%')")]
    [InlineData("name NOT LIKE '_a%'", "(name NOT LIKE '_a%')")]
    [InlineData("x IS NULL OR y IS NOT NULL", "((x IS NULL) OR (y IS NOT NULL))")]
    [InlineData("a <> b AND a != c", "((a <> b) AND (a <> c))")]
    [InlineData("a >= 1 AND a <= 2 AND a > 0 AND a < 3", "((((a >= 1) AND (a <= 2)) AND (a > 0)) AND (a < 3))")]
    public void Comparisons_ranges_sets_patterns_and_null_tests(string sql, string expected)
        => Assert.Equal(expected, Parsed(sql));

    [Theory]
    [InlineData("42", "42")]
    [InlineData("4.25", "4.25")]
    [InlineData("'it''s'", "'it's'")]
    [InlineData("TRUE AND false", "(true AND false)")]
    [InlineData("NULL", "NULL")]
    [InlineData("DATE '1992-01-01'", "DATE '1992-01-01'")]
    [InlineData("timestamp '1992-01-01 10:00:00'", "TIMESTAMP '1992-01-01 10:00:00'")]
    [InlineData("date", "date")]
    [InlineData("date.d_year", "date.d_year")]
    [InlineData("\"Select\" + \"a \"\"b\"\"\"", "(Select + a \"b\")")]
    [InlineData("$1 + ? + @id", "(($1 + ?) + @id)")]
    public void Literals_names_and_parameters(string sql, string expected)
        => Assert.Equal(expected, Parsed(sql));

    [Theory]
    [InlineData("SUM(lo_extendedprice * lo_discount)", "sum((lo_extendedprice * lo_discount))")]
    [InlineData("count(*)", "count(*)")]
    [InlineData("COUNT(DISTINCT lo_custkey)", "count(DISTINCT lo_custkey)")]
    [InlineData("coalesce(a, b, 0)", "coalesce(a, b, 0)")]
    [InlineData("now()", "now()")]
    [InlineData("EXTRACT(YEAR FROM d_date)", "extract('year', d_date)")]
    [InlineData("CAST(lo_revenue AS DECIMAL(15, 2))", "CAST(lo_revenue AS DECIMAL(15,2))")]
    [InlineData("CASE WHEN a > 1 THEN 'big' WHEN a > 0 THEN 'small' ELSE 'none' END", "CASE WHEN (a > 1) THEN 'big' WHEN (a > 0) THEN 'small' ELSE 'none' END")]
    [InlineData("CASE a WHEN 1 THEN 'one' END", "CASE a WHEN 1 THEN 'one' END")]
    [InlineData("t.*", "t.*")]
    public void Calls_casts_case_and_stars(string sql, string expected)
        => Assert.Equal(expected, Parsed(sql));

    [Fact]
    public void Nodes_remember_where_they_start()
    {
        var expression = (BinaryExpression)ExpressionParser.ParseExpression("a\n  + b");

        Assert.Equal(new SqlPosition(2, 3), expression.Position);
        Assert.Equal(new SqlPosition(1, 1), expression.Left.Position);
        Assert.Equal(new SqlPosition(2, 5), expression.Right.Position);
    }

    [Theory]
    [InlineData("a +", "unexpected end of input", 1, 4)]
    [InlineData("a + * b", "syntax error at or near \"*\"", 1, 5)]
    [InlineData("a b", "syntax error at or near \"b\"", 1, 3)]
    [InlineData("(a + b", "unexpected end of input", 1, 7)]
    [InlineData("x IN ()", "syntax error at or near \")\"", 1, 7)]
    [InlineData("CASE WHEN a THEN b", "unexpected end of input", 1, 19)]
    [InlineData("select + 1", "syntax error at or near \"select\"", 1, 1)]
    public void Malformed_expressions_are_reported_at_the_offending_token(string sql, string problem, int line, int column)
    {
        var error = Assert.Throws<SqlSyntaxException>(() => ExpressionParser.ParseExpression(sql));

        Assert.StartsWith(problem, error.Problem, StringComparison.Ordinal);
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Contains("^", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_syntax_error_lists_what_was_expected()
    {
        var error = Assert.Throws<SqlSyntaxException>(() => ExpressionParser.ParseExpression("a BETWEEN 1 OR 2"));

        Assert.Contains("expected", error.Problem, StringComparison.Ordinal);
        Assert.Contains("AND", error.Problem, StringComparison.Ordinal);
    }
}
