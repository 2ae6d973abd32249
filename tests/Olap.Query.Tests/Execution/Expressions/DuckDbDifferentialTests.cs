using Olap.Query.Binding;
using Olap.Query.Execution.Expressions;
using Olap.Query.Tests.Binding.Expressions;

namespace Olap.Query.Tests.Execution.Expressions;

/// <summary>
/// Each expression is evaluated over the same table by DuckDB and here: the result type (DuckDB's typeof), every
/// row's value as text, or the fact of an error must agree. Then the engine must give the same answers whatever the
/// vector form (dictionary strings) and under a selection.
/// </summary>
public sealed class DuckDbDifferentialTests(DuckDbOracle duckDb) : IClassFixture<DuckDbOracle>
{
    public static TheoryData<string> Expressions() =>
    [
        // Arithmetic and its types.
        "i + 1", "sm + 1", "sm + sm", "i + big", "sm * 2", "i - sm", "big * 3", "i * i", "i // 2", "i % 3", "-i", "-dec", "-db",
        "i / 2", "i // 0", "i % 0", "db // 2", "db % 2", "dec + 1", "dec + big", "dec + sm", "dec + 1.5", "dec * dec", "dec * 2",
        "dec * big", "dec / 2", "dec // 2", "dec % 2", "dec - 0.001", "dec + db", "db * 2", "1.5 + 1", "1.25 * 1.25",
        "big + big", "sm * sm", "i * 2", "d + 1", "d - 1", "d - d", "1 + d", "d + i % 1000", "d + sm",
        // Comparisons and coercions.
        "i = 7", "i < big", "sm = 3", "dec = 12.34", "dec > i", "db < dec", "d = '1997-03-15'", "d < ts", "d = ts",
        "s = 'abc'", "s < 'b'", "s >= n", "i = '7'", "b = true", "b = i", "n = 12", "s <> 'abc'", "ts > '1997-01-01'",
        "dec = db", "i = 1.5", "b = dec",
        // Logic with three values.
        "b AND i > 0", "b OR i > 0", "NOT b", "b AND NULL", "b OR NULL", "NOT (i > 0)", "i > 0 AND dec > 0 AND b",
        "i > 0 OR dec > 0 OR b", "i IS NULL", "s IS NOT NULL", "NOT i", "i AND b",
        // IN, BETWEEN, LIKE.
        "i IN (1, 7, 0)", "i NOT IN (1, 7)", "i IN (1, NULL)", "i NOT IN (1, NULL)", "s IN ('abc', 'ABC')", "s NOT IN ('abc', NULL)",
        "i IN (sm, big)", "dec IN (12.34, 0)", "d IN ('1997-03-15', '2000-02-29')", "i BETWEEN 0 AND 7", "i NOT BETWEEN 0 AND 7",
        "d BETWEEN '1997-01-01' AND '1999-12-31'", "s BETWEEN 'a' AND 'b'", "s LIKE 'a%'", "s NOT LIKE '%b%'", "s LIKE '_b_'",
        "s LIKE n", "s LIKE 'h_llo%'",
        // CASE.
        "CASE WHEN i > 0 THEN 'pos' WHEN i < 0 THEN 'neg' END", "CASE WHEN b THEN dec ELSE db END", "CASE i WHEN 7 THEN 1 ELSE 2 END",
        "CASE WHEN b THEN d ELSE ts END", "CASE WHEN b THEN 1 ELSE 1.5 END", "CASE WHEN i THEN 1 ELSE 2 END",
        "CASE WHEN b THEN sm ELSE big END", "CASE s WHEN 'abc' THEN s ELSE 'other' END", "CASE WHEN b THEN d ELSE '1997-01-01' END",
        "CASE WHEN i <> 0 THEN 10 // i ELSE -1 END",
        // Casts.
        "i::VARCHAR", "dec::VARCHAR", "db::VARCHAR", "b::VARCHAR", "d::VARCHAR", "ts::VARCHAR", "CAST(i AS BIGINT)", "CAST(big AS INTEGER)",
        "CAST(dec AS INTEGER)", "CAST(dec AS DECIMAL(4,1))", "CAST(dec AS DECIMAL(12,4))", "CAST(db AS INTEGER)", "CAST(db AS DECIMAL(18,2))",
        "CAST(i AS DOUBLE)", "CAST(dec AS DOUBLE)", "CAST(i AS BOOLEAN)", "CAST(b AS INTEGER)", "CAST(d AS TIMESTAMP)", "CAST(ts AS DATE)",
        "CAST(n AS INTEGER)", "CAST(n AS DOUBLE)", "CAST(s AS INTEGER)", "CAST('12.5' AS INTEGER)", "CAST('12.345' AS DECIMAL(10,2))",
        "CAST('1997-1-5' AS DATE)", "CAST(sm AS SMALLINT)", "CAST(i AS SMALLINT)", "CAST(d AS INTEGER)", "CAST(2.5 AS INTEGER)",
        "CAST(-2.5 AS INTEGER)",
        // Functions.
        "abs(i)", "abs(sm)", "abs(dec)", "abs(db)", "abs(big)", "round(dec)", "round(dec, 1)", "round(dec, 3)", "round(dec, -1)",
        "round(db)", "round(db, 1)", "round(i, -1)", "round(big, -2)", "floor(dec)", "ceil(dec)", "floor(db)", "ceiling(db)", "floor(i)",
        "ceil(sm)", "coalesce(i, big)", "coalesce(s, n)", "coalesce(i, 5)", "coalesce(dec, 1)", "coalesce(NULL, i, 0)", "coalesce(s, 'x')",
        "nullif(i, 7)", "nullif(s, 'abc')", "nullif(i, big)", "length(s)", "length(n)", "upper(s)", "lower(s)", "substring(s, 2)",
        "substring(s, 2, 3)", "substring(s, 0, 2)", "substring(s, -3)", "substring(s, -3, 2)", "substring(s, 3, -2)", "substring(s, i)",
        "substr(s, 1, sm)", "concat(s, '-', i, '-', dec)", "concat(s, NULL)", "s || '!'", "s || n", "i || sm", "trim(n)", "ltrim(n)",
        "rtrim(n)", "trim(s, 'a')", "extract(year from d)", "extract(month from d)", "extract(day from d)", "extract(quarter from d)",
        "extract(dow from d)", "extract(doy from d)", "extract(year from ts)", "extract(day from ts)", "year(d)", "month(ts)", "day(d)",
        "date_trunc('year', d)", "date_trunc('quarter', d)", "date_trunc('month', d)", "date_trunc('week', d)", "date_trunc('day', ts)",
        "date_trunc('hour', ts)", "date_trunc('month', ts)",
    ];

    [Theory]
    [MemberData(nameof(Expressions))]
    public void Agrees_with_DuckDB(string expression)
    {
        var expected = duckDb.Evaluate(expression);
        var chunk = ExpressionTestTable.Chunk();
        string? type = null;
        string[]? values = null;
        string? error = null;
        try
        {
            var bound = new TestExpressionBinder(ExpressionTestTable.Columns).Bind(expression);
            type = bound.Type.ToString();
            values = ExpressionTestTable.EvaluateAsText(bound, chunk);
        }
        catch (Exception e) when (e is BindException or QueryExecutionException)
        {
            error = e.Message;
        }

        if (expected.Error is not null)
        {
            Assert.True(error is not null, $"DuckDB fails ({expected.Error}) but the engine answered {type}: {string.Join(" | ", values ?? [])}");
            return;
        }

        Assert.True(error is null, $"The engine fails ({error}) but DuckDB answers {expected.Type}: {string.Join(" | ", expected.Values!)}");
        Assert.Equal(expected.Type, type);
        Assert.Equal(string.Join(" | ", expected.Values!), string.Join(" | ", values!));
    }

    [Theory]
    [MemberData(nameof(Expressions))]
    public void Answers_do_not_depend_on_vector_form_or_selection(string expression)
    {
        Olap.Query.Planning.BoundExpression bound;
        string[] flat;
        try
        {
            bound = new TestExpressionBinder(ExpressionTestTable.Columns).Bind(expression);
            flat = ExpressionTestTable.EvaluateAsText(bound, ExpressionTestTable.Chunk());
        }
        catch (Exception e) when (e is BindException or QueryExecutionException)
        {
            return;
        }

        Assert.Equal(flat, ExpressionTestTable.EvaluateAsText(bound, ExpressionTestTable.Chunk(dictionaryStrings: true)));
        int[] selected = [0, 2, 3, 5];
        foreach (var dictionary in new[] { false, true })
        {
            var chunk = ExpressionTestTable.Chunk(dictionary);
            chunk.Select([0b101101UL]);
            Assert.Equal(selected.Select(r => flat[r]).ToArray(), ExpressionTestTable.EvaluateAsText(bound, chunk));
        }
    }
}
