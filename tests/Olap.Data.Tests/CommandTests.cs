using System.Data;

namespace Olap.Data.Tests;

public sealed class CommandTests : IDisposable
{
    private readonly OlapConnection _connection = new("Data Source=:memory:");

    public CommandTests()
    {
        _connection.Open();
        Run("CREATE TABLE items (id INTEGER, name VARCHAR, price DECIMAL(9,2), added DATE)");
        Run("INSERT INTO items VALUES (1, 'apple', 0.50, DATE '2024-01-02'), (2, 'pear', 0.75, DATE '2024-02-03'), (3, 'plum', 1.25, NULL)");
    }

    public void Dispose() => _connection.Dispose();

    [Fact]
    public void Parameters_bind_by_number_by_question_mark_and_by_name_in_every_spelling()
    {
        Assert.Equal("pear", Scalar("SELECT name FROM items WHERE id = $1", (null, 2)));
        Assert.Equal("plum", Scalar("SELECT name FROM items WHERE id = ? AND name <> ?", (null, 3), (null, "x")));
        Assert.Equal("apple", Scalar("SELECT name FROM items WHERE id = @id", ("id", 1)));
        Assert.Equal("apple", Scalar("SELECT name FROM items WHERE id = @id", ("@id", 1)));
        Assert.Equal("pear", Scalar("SELECT name FROM items WHERE id = :id", ("id", 2)));
        Assert.Equal("plum", Scalar("SELECT name FROM items WHERE id = $id", ("id", 3)));
        Assert.Equal(2, Scalar("SELECT $2 - $1", (null, 1), (null, 3)));
    }

    [Fact]
    public void The_cast_operator_is_not_a_parameter()
    {
        Assert.Equal(7L, Scalar("SELECT 7::BIGINT"));
        Assert.Equal(8L, Scalar("SELECT :n::BIGINT + 1", ("n", 7)));
    }

    [Fact]
    public void Parameter_types_come_from_the_clr_value()
    {
        Assert.Equal("INTEGER", TypeOf(1));
        Assert.Equal("BIGINT", TypeOf(1L));
        Assert.Equal("SMALLINT", TypeOf((short)1));
        Assert.Equal("DOUBLE", TypeOf(1.5));
        Assert.Equal("DECIMAL(3,2)", TypeOf(1.25m));
        Assert.Equal("VARCHAR", TypeOf("x"));
        Assert.Equal("BOOLEAN", TypeOf(true));
        Assert.Equal("DATE", TypeOf(new DateOnly(2024, 1, 2)));
        Assert.Equal("TIMESTAMP", TypeOf(new DateTime(2024, 1, 2, 3, 4, 5)));
    }

    [Fact]
    public void A_db_type_converts_the_value_before_it_is_bound()
    {
        using (var command = new OlapCommand("SELECT $1", _connection))
        {
            command.Parameters.Add(new OlapParameter(null, DbType.Int64, 5));
            using var reader = command.ExecuteReader();
            Assert.True(reader.Read());
            Assert.Equal("BIGINT", reader.GetDataTypeName(0));
            Assert.Equal(5L, reader.GetInt64(0));
        }

        using var date = new OlapCommand("SELECT $1", _connection);
        date.Parameters.Add(new OlapParameter(null, DbType.Date, new DateTime(2024, 5, 6, 7, 8, 9)));
        using var dateReader = date.ExecuteReader();
        Assert.True(dateReader.Read());
        Assert.Equal("DATE", dateReader.GetDataTypeName(0));
        Assert.Equal(new DateOnly(2024, 5, 6), dateReader.GetFieldValue<DateOnly>(0));
    }

    [Fact]
    public void Values_round_trip_through_parameters_and_rows()
    {
        Run("CREATE TABLE every (b BOOLEAN, s SMALLINT, i INTEGER, l BIGINT, d DOUBLE, m DECIMAL(18,4), v VARCHAR, dt DATE, ts TIMESTAMP)");
        var values = new object?[] { true, (short)-7, 123456, 1L << 40, 2.5, 12345678901234.5678m, "héllo", new DateOnly(1999, 12, 31), new DateTime(2020, 2, 29, 23, 59, 58, 123).AddTicks(4560) };
        using (var insert = new OlapCommand("INSERT INTO every VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)", _connection))
        {
            foreach (var value in values)
            {
                insert.Parameters.AddWithValue(value);
            }

            Assert.Equal(1, insert.ExecuteNonQuery());
        }

        using var reader = new OlapCommand("SELECT * FROM every", _connection).ExecuteReader();
        Assert.True(reader.Read());
        for (var i = 0; i < values.Length; i++)
        {
            Assert.Equal(values[i], reader.GetValue(i));
        }
    }

    [Fact]
    public void Null_parameters_are_sql_null()
    {
        Assert.Equal(3L, Scalar("SELECT count(*) FROM items WHERE $1 IS NULL", (null, DBNull.Value)));
        Assert.Equal(DBNull.Value, Scalar("SELECT $1", (null, null)));
    }

    [Fact]
    public void A_missing_parameter_is_an_olap_exception_pointing_at_it()
    {
        var error = Assert.Throws<OlapException>(() => Scalar("SELECT name\nFROM items WHERE id = @id", ("other", 1)));
        Assert.Equal(2, error.Line);
        Assert.Equal(23, error.Column);
        Assert.Contains("parameter @id has no value", error.Message, StringComparison.Ordinal);
        Assert.Contains("^", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unsupported_parameter_type_is_named()
    {
        var error = Assert.Throws<OlapException>(() => Scalar("SELECT $1", (null, new byte[] { 1 })));
        Assert.Contains("Byte[] has no SQL type", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Syntax_errors_carry_line_and_column_and_change_nothing()
    {
        var error = Assert.Throws<OlapException>(() => Run("INSERT INTO items VALUES (4, 'fig', 1.00, NULL);\nSELEC 1"));
        Assert.Equal(2, error.Line);
        Assert.Equal(1, error.Column);
        Assert.Equal(3L, Scalar("SELECT count(*) FROM items"));
    }

    [Fact]
    public void A_failing_statement_leaves_the_table_as_it_was()
    {
        Assert.Throws<OlapException>(() => Run("INSERT INTO items SELECT id, name, price / 0, added FROM items"));
        Assert.Equal(3L, Scalar("SELECT count(*) FROM items"));
    }

    [Fact]
    public void Execute_non_query_counts_the_rows_every_statement_changed()
    {
        Assert.Equal(3, Run("CREATE TABLE t (a INTEGER); INSERT INTO t VALUES (1), (2); INSERT INTO t VALUES (3)"));
        Assert.Equal(-1, Run("SELECT * FROM t"));
    }

    [Fact]
    public void A_script_gives_one_result_set_per_statement_that_returns_rows()
    {
        using var reader = new OlapCommand("CREATE TABLE t (a INTEGER); INSERT INTO t VALUES (1); SELECT a FROM t; SELECT 'x' AS b, 2 AS c", _connection).ExecuteReader();
        Assert.Equal("a", reader.GetName(0));
        Assert.True(reader.HasRows);
        Assert.True(reader.Read());
        Assert.Equal(1, reader.GetInt32(0));
        Assert.False(reader.Read());

        Assert.True(reader.NextResult());
        Assert.Equal(2, reader.FieldCount);
        Assert.True(reader.Read());
        Assert.Equal("x", reader.GetString(0));
        Assert.False(reader.NextResult());
        reader.Close();
        Assert.Equal(1, reader.RecordsAffected);
    }

    [Fact]
    public void An_error_in_a_later_statement_surfaces_when_the_reader_reaches_it()
    {
        using var reader = new OlapCommand("SELECT 1 AS a; SELECT nosuch FROM items", _connection).ExecuteReader();
        Assert.True(reader.Read());
        var error = Assert.Throws<OlapException>(() => reader.NextResult());
        Assert.Contains("nosuch", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Execute_scalar_returns_null_when_there_is_no_row()
    {
        Assert.Null(Scalar("SELECT id FROM items WHERE id > 100"));
    }

    private string TypeOf(object value)
    {
        using var command = new OlapCommand("SELECT $1", _connection);
        command.Parameters.AddWithValue(value);
        using var reader = command.ExecuteReader();
        return reader.GetDataTypeName(0);
    }

    private int Run(string sql)
    {
        using var command = new OlapCommand(sql, _connection);
        return command.ExecuteNonQuery();
    }

    private object? Scalar(string sql, params (string? Name, object? Value)[] parameters)
    {
        using var command = new OlapCommand(sql, _connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(name ?? "", value);
        }

        return command.ExecuteScalar();
    }
}
