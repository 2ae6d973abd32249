using Olap.Query.Parsing;
using Olap.Query.Parsing.Ast;

namespace Olap.Query.Tests.Parsing;

public sealed class QueryParserTests
{
    public static TheoryData<string> SsbQueries()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(RepositoryFiles.PathOf("benchmarks", "ssb", "queries"), "*.sql").Order())
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Fact]
    public void The_thirteen_ssb_queries_are_in_the_repository()
        => Assert.Equal(13, SsbQueries().Count);

    [Theory]
    [MemberData(nameof(SsbQueries))]
    public void Every_ssb_query_parses_unchanged_with_comma_joins_and_a_table_named_date(string file)
    {
        var statements = SqlParser.ParseScript(File.ReadAllText(RepositoryFiles.PathOf("benchmarks", "ssb", "queries", file)));

        var select = Assert.IsType<SelectStatement>(Assert.Single(statements));
        var core = Assert.IsType<SelectCore>(select.Query.Body);
        Assert.NotNull(core.Where);
        Assert.Contains("date", TableNames(core.From!));
        Assert.Contains("lineorder", TableNames(core.From!));
    }

    [Fact]
    public void Q3_1_has_its_joins_filters_grouping_and_ordering()
    {
        var query = QueryParser.ParseQuery(File.ReadAllText(RepositoryFiles.PathOf("benchmarks", "ssb", "queries", "q3.1.sql")).TrimEnd().TrimEnd(';'));

        var core = Assert.IsType<SelectCore>(query.Body);
        Assert.Equal(["customer", "lineorder", "supplier", "date"], TableNames(core.From!));
        Assert.Equal("revenue", core.Items[3].Alias);
        Assert.Equal(3, core.GroupBy.Count);
        Assert.Equal([false, true], query.OrderBy.Select(o => o.Descending));
        Assert.Equal("d_year", Assert.IsType<ColumnReferenceExpression>(query.OrderBy[0].Expression).Name);
    }

    [Fact]
    public void Explicit_joins_subqueries_ctes_union_all_limit_and_offset()
    {
        var query = QueryParser.ParseQuery("""
            WITH big AS (SELECT * FROM lineorder WHERE lo_quantity > 40)
            SELECT DISTINCT b.lo_orderkey AS k, c.c_name name, t.*
            FROM big AS b
              JOIN customer c ON b.lo_custkey = c.c_custkey
              LEFT OUTER JOIN (SELECT s_suppkey FROM supplier) s ON b.lo_suppkey = s.s_suppkey
              INNER JOIN 'extra/t.olap' t ON t.id = b.lo_orderkey
            WHERE c.c_region IN (SELECT r FROM regions) AND b.lo_tax = (SELECT max(lo_tax) FROM lineorder)
            GROUP BY 1, 2
            HAVING count(*) > 1
            UNION ALL
            SELECT 1, 'x', NULL
            ORDER BY 1 DESC NULLS LAST, 2
            LIMIT 10 OFFSET 5
            """);

        Assert.Equal("big", Assert.Single(query.With).Name);
        var union = Assert.IsType<UnionAllBody>(query.Body);
        var core = Assert.IsType<SelectCore>(union.Left);
        Assert.True(core.Distinct);
        Assert.Equal(["k", "name", null], core.Items.Select(i => i.Alias));
        Assert.Equal("t", Assert.IsType<StarExpression>(core.Items[2].Expression).Qualifier);

        var joins = Assert.IsType<JoinReference>(core.From);
        Assert.Equal(JoinKind.Inner, joins.Kind);
        Assert.Equal("extra/t.olap", Assert.IsType<FileReference>(joins.Right).Path);
        var left = Assert.IsType<JoinReference>(joins.Left);
        Assert.Equal(JoinKind.Left, left.Kind);
        Assert.Equal("s", Assert.IsType<SubqueryReference>(left.Right).Alias);

        var where = Assert.IsType<BinaryExpression>(core.Where);
        Assert.IsType<InSubqueryExpression>(where.Left);
        Assert.IsType<SubqueryExpression>(Assert.IsType<BinaryExpression>(where.Right).Right);
        Assert.NotNull(core.Having);
        Assert.Equal([true, false], query.OrderBy.Select(o => o.Descending));
        Assert.Equal([(bool?)false, null], query.OrderBy.Select(o => o.NullsFirst));
        Assert.Equal("10", Assert.IsType<LiteralExpression>(query.Limit).Text);
        Assert.Equal("5", Assert.IsType<LiteralExpression>(query.Offset).Text);
    }

    [Fact]
    public void A_script_holds_several_statements_and_stray_semicolons()
    {
        var statements = SqlParser.ParseScript(";SELECT 1; SELECT 2;; -- done\n");

        Assert.Equal(2, statements.Count);
    }

    [Theory]
    [InlineData("SELECT a FORM t", "syntax error at or near \"t\"", 1, 15)]
    [InlineData("SELECT a FROM t WHERE", "unexpected end of input", 1, 22)]
    [InlineData("SELECT a FROM t\nWHERE b = = 1", "syntax error at or near \"=\"", 2, 11)]
    [InlineData("SELECT FROM t", "syntax error at or near \"FROM\"", 1, 8)]
    [InlineData("SELECT a FROM t JOIN u", "unexpected end of input", 1, 23)]
    [InlineData("SELECT a FROM t WHERE x IN (SELECT FROM u)", "syntax error at or near \"FROM\"", 1, 36)]
    [InlineData("SELECT 1; SELEC 2", "syntax error at or near \"SELEC\"", 1, 11)]
    public void A_bad_query_is_reported_at_the_offending_token(string sql, string problem, int line, int column)
    {
        var error = Assert.Throws<SqlSyntaxException>(() => SqlParser.ParseScript(sql));

        Assert.StartsWith(problem, error.Problem, StringComparison.Ordinal);
        Assert.Equal((line, column), (error.Line, error.Column));
    }

    private static List<string> TableNames(FromItem from) => from switch
    {
        TableReference table => [table.Names[^1]],
        JoinReference join => [.. TableNames(join.Left), .. TableNames(join.Right)],
        _ => [],
    };
}
