using Olap.Columnar.Types;
using Olap.Query.Binding;
using Olap.Query.Parsing;

namespace Olap.Query.Tests.Binding;

public sealed class TypeResolverTests
{
    private static ColumnType Resolve(string sql)
        => TypeResolver.Resolve(SqlParseErrors.ParseAll(ExpressionParser.TypeName, sql));

    [Theory]
    [InlineData("INTEGER", "INTEGER")]
    [InlineData("int", "INTEGER")]
    [InlineData("INT4", "INTEGER")]
    [InlineData("BIGINT", "BIGINT")]
    [InlineData("long", "BIGINT")]
    [InlineData("SMALLINT", "SMALLINT")]
    [InlineData("BOOL", "BOOLEAN")]
    [InlineData("DOUBLE", "DOUBLE")]
    [InlineData("TEXT", "VARCHAR")]
    [InlineData("VARCHAR(25)", "VARCHAR")]
    [InlineData("DATE", "DATE")]
    [InlineData("DATETIME", "TIMESTAMP")]
    [InlineData("DECIMAL", "DECIMAL(18,3)")]
    [InlineData("DECIMAL(15,2)", "DECIMAL(15,2)")]
    [InlineData("NUMERIC(9)", "DECIMAL(9,0)")]
    public void Names_and_aliases_resolve_as_in_duckdb(string sql, string expected)
        => Assert.Equal(expected, Resolve(sql).ToString());

    [Theory]
    [InlineData("INTEGR", "type INTEGR does not exist; did you mean INTEGER?")]
    [InlineData("BLOB", "type BLOB does not exist")]
    [InlineData("DECIMAL(38,2)", "DECIMAL precision 38 is outside 1..18")]
    [InlineData("DECIMAL(5,6)", "DECIMAL scale 6 is larger than its precision 5")]
    [InlineData("INTEGER(4)", "INTEGER takes no parameters")]
    [InlineData("DECIMAL(1,2,3)", "DECIMAL takes a precision and a scale, not 3 parameters")]
    public void Unknown_or_impossible_types_are_errors_with_a_position(string sql, string problem)
    {
        var error = Assert.Throws<BindException>(() => Resolve(sql));

        Assert.StartsWith(problem, error.Problem, StringComparison.Ordinal);
        Assert.Equal(1, error.Position.Line);
        Assert.Equal(1, error.Position.Column);
    }
}
