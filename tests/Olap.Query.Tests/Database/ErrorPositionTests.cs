using Olap.Query.Binding;
using Olap.Query.Parsing;

namespace Olap.Query.Tests.Database;

/// <summary>Errors from the public API say where the problem is: line, column and a caret under it, with a suggestion for a misspelled name.</summary>
public sealed class ErrorPositionTests : IDisposable
{
    private readonly OlapDatabase _db = OlapDatabase.OpenInMemory();

    public ErrorPositionTests()
    {
        _db.Execute("CREATE TABLE orders (order_id INTEGER, customer VARCHAR)");
    }

    public void Dispose() => _db.Dispose();

    /// <summary>The message's line that holds the caret, and the caret's column (1-based) within the SQL line above it.</summary>
    private static int CaretColumn(string message)
    {
        var lines = message.Split('\n');
        var caretLine = Array.FindIndex(lines, l => l.TrimEnd().EndsWith('^') && l.Trim() == "^");
        Assert.True(caretLine > 0, message);
        var sqlLine = lines[caretLine - 1];
        var prefix = sqlLine.IndexOf(':', StringComparison.Ordinal) + 2;
        Assert.StartsWith("LINE ", sqlLine, StringComparison.Ordinal);
        return lines[caretLine].IndexOf('^', StringComparison.Ordinal) - prefix + 1;
    }

    [Fact]
    public void An_unknown_column_suggests_the_nearest_name_and_points_at_it()
    {
        var error = Assert.Throws<BindException>(() => _db.Execute("SELECT order_id, custmer FROM orders"));

        Assert.Contains("custmer", error.Message, StringComparison.Ordinal);
        Assert.Contains("did you mean customer?", error.Message, StringComparison.Ordinal);
        Assert.Contains("(line 1, column 18)", error.Message, StringComparison.Ordinal);
        Assert.Equal(18, CaretColumn(error.Message));
    }

    [Fact]
    public void An_unknown_table_suggests_the_nearest_name_and_points_at_it()
    {
        var error = Assert.Throws<BindException>(() => _db.Execute("SELECT 1\nFROM orderz"));

        Assert.Contains("did you mean orders?", error.Message, StringComparison.Ordinal);
        Assert.Contains("(line 2, column 6)", error.Message, StringComparison.Ordinal);
        Assert.Contains("LINE 2: FROM orderz", error.Message, StringComparison.Ordinal);
        Assert.Equal(6, CaretColumn(error.Message));
    }

    [Fact]
    public void An_error_in_the_second_statement_of_a_script_points_into_that_statement()
    {
        var error = Assert.Throws<BindException>(() => _db.Execute("SELECT 1;\nSELECT customer FROM orders WHERE order_idd = 1"));

        Assert.Contains("did you mean order_id?", error.Message, StringComparison.Ordinal);
        Assert.Contains("(line 2, column 35)", error.Message, StringComparison.Ordinal);
        Assert.Equal(35, CaretColumn(error.Message));
    }

    [Fact]
    public void A_syntax_error_carries_its_position()
    {
        var error = Assert.Throws<SqlSyntaxException>(() => _db.Execute("SELECT order_id FROM orders WHERE"));

        Assert.Contains("line 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("^", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bind_exception_keeps_the_problem_apart_from_the_rendering()
    {
        var error = Assert.Throws<BindException>(() => _db.Execute("SELECT nope FROM orders"));

        Assert.Equal("column nope not found", error.Problem.Split(';')[0]);
        Assert.Equal(1, error.Position.Line);
        Assert.Equal(8, error.Position.Column);
    }
}
