using Olap.Columnar.Types;
using Olap.Query.Binding;
using Olap.Query.Binding.Expressions;
using Olap.Query.Planning;

namespace Olap.Query.Tests.Binding.Expressions;

public sealed class ExpressionTypingTests
{
    private static readonly TestExpressionBinder s_binder = new(Execution.Expressions.ExpressionTestTable.Columns);

    public static TheoryData<string, string, string> CommonTypes() => new()
    {
        { "SMALLINT", "BIGINT", "BIGINT" },
        { "INTEGER", "HUGEINT", "HUGEINT" },
        { "INTEGER", "DECIMAL(5,2)", "DECIMAL(12,2)" },
        { "BIGINT", "DECIMAL(10,2)", "DECIMAL(21,2)" },
        { "HUGEINT", "DECIMAL(10,2)", "DECIMAL(38,2)" },
        { "DECIMAL(10,2)", "DECIMAL(5,4)", "DECIMAL(12,4)" },
        { "DECIMAL(10,2)", "DOUBLE", "DOUBLE" },
        { "DATE", "TIMESTAMP", "TIMESTAMP" },
        { "BOOLEAN", "INTEGER", "INTEGER" },
    };

    [Theory]
    [MemberData(nameof(CommonTypes))]
    public void Common_types_follow_DuckDB(string a, string b, string expected)
    {
        var left = Parse(a);
        var right = Parse(b);
        Assert.True(ExpressionTyping.TryGetCommonType(left, right, out var common));
        Assert.Equal(expected, common.ToString());
        Assert.True(ExpressionTyping.TryGetCommonType(right, left, out common));
        Assert.Equal(expected, common.ToString());
    }

    [Theory]
    [InlineData("VARCHAR", "INTEGER")]
    [InlineData("BOOLEAN", "DOUBLE")]
    [InlineData("DATE", "INTEGER")]
    public void Some_types_have_no_common_type(string a, string b)
        => Assert.False(ExpressionTyping.TryGetCommonType(Parse(a), Parse(b), out _));

    [Theory]
    [InlineData("flor(i)", "function flor does not exist; did you mean floor?")]
    [InlineData("d = i", "cannot compare DATE with INTEGER")]
    [InlineData("i + s", "no operator + for INTEGER and VARCHAR")]
    [InlineData("i LIKE 'a'", "LIKE needs VARCHAR operands")]
    [InlineData("d = 'x'", "invalid date field format")]
    [InlineData("CAST(d AS INTEGER)", "cannot cast DATE to INTEGER")]
    [InlineData("CASE WHEN b THEN i ELSE s END", "Cannot mix values of type INTEGER and VARCHAR in CASE expression")]
    [InlineData("substring(i, 1)", "no function matches substring(INTEGER")]
    [InlineData("upper(s, s)", "function upper takes 1 arguments, not 2")]
    [InlineData("date_trunc('decade', d)", "date_trunc specifier \"decade\" not recognized")]
    [InlineData("s AND b", "AND needs a BOOLEAN operand, not VARCHAR")]
    public void Type_errors_are_reported_at_bind_time(string expression, string message)
    {
        var error = Assert.Throws<BindException>(() => s_binder.Bind(expression));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_string_literal_compared_with_a_date_becomes_a_date_constant()
    {
        var bound = Assert.IsType<BoundComparison>(s_binder.Bind("d = '1997-01-01'"));
        Assert.IsType<BoundColumn>(bound.Left);
        var constant = Assert.IsType<BoundConstant>(bound.Right);
        Assert.Equal(ColumnType.Date, constant.Type);
    }

    [Fact]
    public void Between_is_a_conjunction_of_two_comparisons_on_the_column()
    {
        var bound = Assert.IsType<BoundConjunction>(s_binder.Bind("i BETWEEN 1 AND 5"));
        Assert.True(bound.IsAnd);
        Assert.All(bound.Operands, o => Assert.IsType<BoundColumn>(Assert.IsType<BoundComparison>(o).Left));
    }

    [Fact]
    public void In_with_constants_is_an_in_list_and_with_columns_ored_equalities()
    {
        var list = Assert.IsType<BoundInList>(s_binder.Bind("big IN (1, 2, NULL)"));
        Assert.True(list.ListHasNull);
        Assert.Equal(2, list.Values.Count);
        var ored = Assert.IsType<BoundConjunction>(s_binder.Bind("i IN (sm, big)"));
        Assert.False(ored.IsAnd);
    }

    [Fact]
    public void Nested_ands_flatten()
    {
        var bound = Assert.IsType<BoundConjunction>(s_binder.Bind("i > 1 AND i < 5 AND b"));
        Assert.Equal(3, bound.Operands.Count);
    }

    private static ColumnType Parse(string type)
        => TypeName(type);

    private static ColumnType TypeName(string text)
    {
        var open = text.IndexOf('(', StringComparison.Ordinal);
        if (open < 0)
        {
            return text switch
            {
                "SMALLINT" => ColumnType.SmallInt,
                "INTEGER" => ColumnType.Integer,
                "BIGINT" => ColumnType.BigInt,
                "HUGEINT" => ColumnType.HugeInt,
                "DOUBLE" => ColumnType.Double,
                "DATE" => ColumnType.Date,
                "TIMESTAMP" => ColumnType.Timestamp,
                "BOOLEAN" => ColumnType.Boolean,
                _ => ColumnType.Varchar,
            };
        }

        var parts = text[(open + 1)..^1].Split(',');
        return ColumnType.Decimal(int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }
}
