using Olap.Columnar.Types;
using Olap.Columnar.Vectors;
using Olap.Query.Execution.Expressions;
using Olap.Query.Tests.Binding.Expressions;

namespace Olap.Query.Tests.Execution.Expressions;

public sealed class ExpressionExecutorTests
{
    private static readonly (string, ColumnType)[] s_logicColumns = [("x", ColumnType.Boolean), ("y", ColumnType.Boolean)];

    /// <summary>All nine pairs of TRUE, FALSE and NULL.</summary>
    private static DataChunk TruthTable()
    {
        var chunk = new DataChunk([ColumnType.Boolean, ColumnType.Boolean]);
        var x = new ColumnBuilder(ColumnType.Boolean);
        var y = new ColumnBuilder(ColumnType.Boolean);
        long?[] values = [1, 0, null];
        foreach (var a in values)
        {
            foreach (var b in values)
            {
                Append(x, a);
                Append(y, b);
            }
        }

        chunk.Columns[0] = x.ToVector();
        chunk.Columns[1] = y.ToVector();
        chunk.SetCount(9);
        return chunk;

        static void Append(ColumnBuilder builder, long? value)
        {
            if (value is { } v)
            {
                builder.AppendInt64(v);
            }
            else
            {
                builder.AppendNull();
            }
        }
    }

    [Theory]
    // Rows: (T,T) (T,F) (T,N) (F,T) (F,F) (F,N) (N,T) (N,F) (N,N)
    [InlineData("x AND y", "true | false | NULL | false | false | false | NULL | false | NULL")]
    [InlineData("x OR y", "true | true | true | true | false | NULL | true | NULL | NULL")]
    [InlineData("NOT x", "false | false | false | true | true | true | NULL | NULL | NULL")]
    [InlineData("x IS NULL", "false | false | false | false | false | false | true | true | true")]
    public void Three_valued_logic_follows_SQL(string expression, string expected)
    {
        var bound = new TestExpressionBinder(s_logicColumns).Bind(expression);
        Assert.Equal(expected, string.Join(" | ", ExpressionTestTable.EvaluateAsText(bound, TruthTable())));
    }

    [Theory]
    [InlineData("x AND y", new[] { 0 })]
    [InlineData("x OR y", new[] { 0, 1, 2, 3, 6 })]
    [InlineData("NOT x OR NOT y", new[] { 1, 3, 4, 5, 7 })]
    public void Select_keeps_only_true_rows(string expression, int[] expected)
    {
        var executor = ExpressionExecutor.Create(new TestExpressionBinder(s_logicColumns).Bind(expression));
        var result = new SelectionVector();
        executor.Select(TruthTable(), result);
        Assert.Equal(expected, result.Indices.ToArray());
    }

    [Fact]
    public void Select_respects_the_chunk_selection()
    {
        var executor = ExpressionExecutor.Create(new TestExpressionBinder(s_logicColumns).Bind("x OR y"));
        var chunk = TruthTable();
        chunk.Select([0b1_0100_0110UL]);
        var result = new SelectionVector();
        executor.Select(chunk, result);
        Assert.Equal(new[] { 1, 2, 6 }, result.Indices.ToArray());
    }

    [Theory]
    [InlineData("i + i", "Overflow in addition of INT32 (2000000000 + 2000000000)!")]
    [InlineData("big * big", "Overflow in multiplication of INT64")]
    [InlineData("sm - 32767 - sm", "Overflow in subtraction of INT16")]
    [InlineData("abs(sm)", "Overflow on abs(-32768)")]
    [InlineData("CAST(s AS INTEGER)", "Could not convert string 'abc' to INT32")]
    [InlineData("CAST(big AS INTEGER)", "out of range for the destination type INT32")]
    public void Runtime_errors_carry_DuckDB_messages(string expression, string message)
    {
        var bound = new TestExpressionBinder(ExpressionTestTable.Columns).Bind(expression);
        var error = Assert.Throws<QueryExecutionException>(() => ExpressionExecutor.Create(bound).Evaluate(ExpressionTestTable.Chunk()));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("i < 1000 AND i * i > 0")]
    [InlineData("CASE WHEN i < 1000 THEN i * i ELSE 0 END > 0")]
    [InlineData("coalesce(NULL, i < 1000)")]
    public void Operands_run_only_on_rows_still_undecided(string expression)
    {
        // i = 2000000000 would overflow in i * i; AND and CASE never compute it for that row.
        var executor = ExpressionExecutor.Create(new TestExpressionBinder(ExpressionTestTable.Columns).Bind(expression));
        executor.Evaluate(ExpressionTestTable.Chunk());
        executor.Select(ExpressionTestTable.Chunk(), new SelectionVector());
    }

    [Theory]
    [InlineData("1 + 2", 3L)]
    [InlineData("abs(-5)", 5L)]
    [InlineData("length('héllo')", 5L)]
    [InlineData("extract(year FROM DATE '1997-03-15')", 1997L)]
    public void Constant_expressions_fold(string expression, long expected)
    {
        var bound = new TestExpressionBinder([]).Bind(expression);
        Assert.True(bound.IsConstant);
        Assert.Equal(expected, ExpressionExecutor.EvaluateConstant(bound).Int64);
    }

    [Fact]
    public void A_function_of_a_dictionary_column_is_computed_per_entry_and_stays_a_dictionary()
    {
        var bound = new TestExpressionBinder(ExpressionTestTable.Columns).Bind("upper(s)");
        var vector = ExpressionExecutor.Create(bound).Evaluate(ExpressionTestTable.Chunk(dictionaryStrings: true));
        Assert.Equal(VectorForm.Dictionary, vector.Form);
        Assert.Equal("HÉLLO WÖRLD", System.Text.Encoding.UTF8.GetString(vector.GetString(1)));
        Assert.True(vector.IsNull(2));
    }

    [Fact]
    public void Constant_operands_give_constant_results()
    {
        var vector = ExpressionExecutor.Create(new TestExpressionBinder([]).Bind("1 + 2 * 3")).Evaluate(ExpressionTestTable.Chunk());
        Assert.Equal(VectorForm.Constant, vector.Form);
        Assert.Equal(7, vector.GetValue<int>(4));
    }

    [Fact]
    public void Steady_state_evaluation_does_not_allocate()
    {
        var bound = new TestExpressionBinder(ExpressionTestTable.Columns)
            .Bind("(i // 2 + sm > 5 AND s LIKE 'a%') OR dec + 1 > 3 OR upper(s) = 'ABC' OR d BETWEEN '1997-01-01' AND '1998-01-01'");
        var executor = ExpressionExecutor.Create(bound);
        var chunk = ExpressionTestTable.Chunk(dictionaryStrings: true);
        var selection = new SelectionVector();
        for (var i = 0; i < 10; i++)
        {
            executor.Evaluate(chunk);
            executor.Select(chunk, selection);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            executor.Evaluate(chunk);
            executor.Select(chunk, selection);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
