using Olap.Query.Parsing;
using Olap.Query.Parsing.Ast;

namespace Olap.Query.Tests.Parsing;

public sealed class StatementParserTests
{
    private static T Single<T>(string sql)
        where T : SqlStatement
        => Assert.IsType<T>(Assert.Single(SqlParser.ParseScript(sql)));

    [Fact]
    public void Create_table_with_columns_types_and_a_sort_key()
    {
        var create = Single<CreateTableStatement>("""
            CREATE TABLE lineorder (lo_orderkey INTEGER, lo_revenue DECIMAL(15,2), lo_orderdate DATE, "Weird" VARCHAR)
            SORTED BY (lo_orderdate, lo_orderkey DESC)
            """);

        Assert.Equal(["lineorder"], create.Name);
        Assert.Equal(["lo_orderkey", "lo_revenue", "lo_orderdate", "Weird"], create.Columns.Select(c => c.Name));
        Assert.Equal([15, 2], create.Columns[1].Type.Parameters);
        Assert.Equal([("lo_orderdate", false), ("lo_orderkey", true)], create.SortedBy.Select(k => (k.Column, k.Descending)));
        Assert.Null(create.AsQuery);
    }

    [Fact]
    public void Create_table_as_a_query_and_create_view()
    {
        var ctas = Single<CreateTableStatement>("CREATE TABLE big SORTED BY (k) AS SELECT k FROM t WHERE k > 10");
        var view = Single<CreateViewStatement>("create view v as select 1");

        Assert.Empty(ctas.Columns);
        Assert.NotNull(ctas.AsQuery);
        Assert.Equal("k", Assert.Single(ctas.SortedBy).Column);
        Assert.Equal(["v"], view.Name);
    }

    [Fact]
    public void Drop_with_and_without_if_exists()
    {
        Assert.Equal((DropKind.Table, false), Kind(Single<DropStatement>("DROP TABLE t")));
        Assert.Equal((DropKind.View, true), Kind(Single<DropStatement>("drop view if exists v")));

        static (DropKind, bool) Kind(DropStatement drop) => (drop.Kind, drop.IfExists);
    }

    [Fact]
    public void Insert_values_rows_or_a_query_with_an_optional_column_list()
    {
        var values = Single<InsertStatement>("INSERT INTO t (a, b) VALUES (1, 'x'), (2, NULL)");
        var select = Single<InsertStatement>("INSERT INTO t SELECT * FROM u");
        var parenthesizedQuery = Single<InsertStatement>("INSERT INTO t (SELECT 1)");

        Assert.Equal(["a", "b"], values.Columns);
        Assert.Equal(2, values.Rows.Count);
        Assert.Equal(2, values.Rows[1].Count);
        Assert.Empty(select.Columns);
        Assert.NotNull(select.Query);
        Assert.NotNull(parenthesizedQuery.Query);
    }

    [Fact]
    public void Copy_from_a_dbgen_file_and_to_a_file_from_a_table_or_a_query()
    {
        var from = Single<CopyFromStatement>("COPY lineorder FROM '../shared/data/ssb-dbgen-sf0.1/lineorder.tbl.gz' (DELIMITER '|', HEADER false, NULL '')");
        var toTable = Single<CopyToStatement>("COPY t TO 'out.csv' (FORMAT csv, HEADER)");
        var toQuery = Single<CopyToStatement>("COPY (SELECT 1) TO 'one.olap' (FORMAT olap)");

        Assert.Equal("../shared/data/ssb-dbgen-sf0.1/lineorder.tbl.gz", from.Path);
        Assert.Equal(["delimiter", "header", "null"], from.Options.Select(o => o.Name));
        Assert.Equal(["t"], toTable.Table);
        Assert.Null(toTable.Options[1].Value);
        Assert.NotNull(toQuery.Query);
        Assert.Null(toQuery.Table);
    }

    [Fact]
    public void Explain_show_describe_and_set()
    {
        var explain = Single<ExplainStatement>("EXPLAIN ANALYZE SELECT count(*) FROM t");
        Single<ShowTablesStatement>("SHOW TABLES");
        var describe = Single<DescribeStatement>("DESCRIBE date");
        var set = Single<SetStatement>("SET threads = 2");
        var setTo = Single<SetStatement>("set use_cubes to false");

        Assert.True(explain.Analyze);
        Assert.IsType<SelectStatement>(explain.Statement);
        Assert.Equal(["date"], describe.Name);
        Assert.Equal("threads", set.Name);
        Assert.Equal("use_cubes", setTo.Name);
    }

    [Fact]
    public void A_script_mixes_statement_kinds()
    {
        var statements = SqlParser.ParseScript("""
            CREATE TABLE t (a INTEGER);
            INSERT INTO t VALUES (1), (2);
            SELECT sum(a) FROM t;
            DROP TABLE t
            """);

        Assert.Equal([typeof(CreateTableStatement), typeof(InsertStatement), typeof(SelectStatement), typeof(DropStatement)], statements.Select(s => s.GetType()));
    }

    [Theory]
    [InlineData("CREATE TABLE t (a)", "syntax error at or near \")\"", 1, 18)]
    [InlineData("CREATE TABLE t (a INTEGER", "unexpected end of input", 1, 26)]
    [InlineData("DROP t", "syntax error at or near \"t\"", 1, 6)]
    [InlineData("COPY t FROM lineorder.tbl", "syntax error at or near \"lineorder\"", 1, 13)]
    [InlineData("INSERT INTO t VALUES (1,)", "syntax error at or near \")\"", 1, 25)]
    [InlineData("SET threads", "unexpected end of input", 1, 12)]
    [InlineData("UPDATE t SET a = 1", "syntax error at or near \"UPDATE\"", 1, 1)]
    public void Bad_statements_are_reported_at_the_offending_token(string sql, string problem, int line, int column)
    {
        var error = Assert.Throws<SqlSyntaxException>(() => SqlParser.ParseScript(sql));

        Assert.StartsWith(problem, error.Problem, StringComparison.Ordinal);
        Assert.Equal((line, column), (error.Line, error.Column));
    }
}
