using Olap.Columnar.Types;
using Olap.Query.Binding;
using Olap.Query.Parsing;
using Olap.Query.Parsing.Ast;

namespace Olap.Query.Tests.Binding;

public sealed class LiteralBinderTests
{
    private static BoundLiteral Bind(string sql) => LiteralBinder.Bind(Assert.IsType<LiteralExpression>(ExpressionParser.ParseExpression(sql)));

    [Theory]
    [InlineData("42", "INTEGER", "42")]
    [InlineData("2147483647", "INTEGER", "2147483647")]
    [InlineData("2147483648", "BIGINT", "2147483648")]
    [InlineData("9223372036854775807", "BIGINT", "9223372036854775807")]
    [InlineData("4.25", "DECIMAL(3,2)", "4.25")]
    [InlineData("0.5", "DECIMAL(2,1)", "0.5")]
    [InlineData("99999999999999999999", "HUGEINT", "99999999999999999999")]
    [InlineData("999999999999999999999999999999999999999", "DOUBLE", "1E+39")]
    [InlineData("00.5", "DECIMAL(3,1)", "0.5")]
    [InlineData("0.001", "DECIMAL(4,3)", "0.001")]
    [InlineData(".05", "DECIMAL(2,2)", "0.05")]
    [InlineData("100.", "DECIMAL(3,0)", "100")]
    [InlineData("1e8", "DOUBLE", "100000000")]
    [InlineData("1234567890.1234567890", "DOUBLE", "1234567890.1234567")]
    [InlineData("'MFGR#12'", "VARCHAR", "MFGR#12")]
    [InlineData("TRUE", "BOOLEAN", "true")]
    [InlineData("DATE '1992-01-01'", "DATE", "1992-01-01")]
    [InlineData("TIMESTAMP '1998-08-02 12:30:00.25'", "TIMESTAMP", "1998-08-02 12:30:00.25")]
    public void Literals_get_duckdbs_types(string sql, string type, string value)
    {
        var bound = Bind(sql);

        Assert.Equal(type, bound.Type!.Value.ToString());
        Assert.Equal(value, ValueFormatter.Format(bound.Value, bound.Type.Value));
    }

    [Fact]
    public void Null_has_no_type_of_its_own()
    {
        var bound = Bind("NULL");

        Assert.Null(bound.Type);
        Assert.True(bound.Value.IsNull);
    }

    [Theory]
    [InlineData("DATE '1992-13-01'", "'1992-13-01' is not a valid DATE")]
    [InlineData("DATE 'yesterday'", "'yesterday' is not a valid DATE")]
    [InlineData("TIMESTAMP '1992-01-01 25:00:00'", "'1992-01-01 25:00:00' is not a valid TIMESTAMP")]
    public void Impossible_literals_are_reported_where_they_are_written(string sql, string problem)
    {
        var error = Assert.Throws<BindException>(() => Bind(sql));

        Assert.StartsWith(problem, error.Problem, StringComparison.Ordinal);
        Assert.Equal(new SqlPosition(1, 1), error.Position);
    }
}
