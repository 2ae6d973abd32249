using System.Data;

namespace Olap.Data.Tests;

public sealed class ReaderTests : IDisposable
{
    private readonly OlapConnection _connection = new("Data Source=:memory:");

    public ReaderTests()
    {
        _connection.Open();
        Run("CREATE TABLE every (b BOOLEAN, s SMALLINT, i INTEGER, l BIGINT, d DOUBLE, m DECIMAL(10,3), v VARCHAR, dt DATE, ts TIMESTAMP)");
        Run("INSERT INTO every VALUES (true, 2, 3, 4, 5.5, 6.125, 'seven', DATE '2008-08-08', TIMESTAMP '2009-09-09 09:09:09.123456'), (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)");
    }

    public void Dispose() => _connection.Dispose();

    [Fact]
    public void Field_types_follow_the_sql_types()
    {
        using var reader = Read("SELECT * FROM every", out _);
        Type[] expected = [typeof(bool), typeof(short), typeof(int), typeof(long), typeof(double), typeof(decimal), typeof(string), typeof(DateOnly), typeof(DateTime)];
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], reader.GetFieldType(i));
        }
    }

    [Fact]
    public void Typed_getters_read_each_type()
    {
        using var reader = Read("SELECT * FROM every WHERE b", out var hasRow);
        Assert.True(hasRow);
        Assert.True(reader.GetBoolean(0));
        Assert.Equal(2, reader.GetInt16(1));
        Assert.Equal(3, reader.GetInt32(2));
        Assert.Equal(4L, reader.GetInt64(3));
        Assert.Equal(5.5, reader.GetDouble(4));
        Assert.Equal(6.125m, reader.GetDecimal(5));
        Assert.Equal("seven", reader.GetString(6));
        Assert.Equal(new DateOnly(2008, 8, 8), reader.GetDateOnly(7));
        Assert.Equal(new DateTime(2008, 8, 8), reader.GetDateTime(7));
        Assert.Equal(new DateTime(2009, 9, 9, 9, 9, 9, 123).AddTicks(4560), reader.GetDateTime(8));
        Assert.Equal(3L, reader.GetInt64(2));
        Assert.Equal(2, reader.GetInt32(1));
        Assert.Equal(3.0, reader.GetDouble(2));
        Assert.Equal(6.125, reader.GetDouble(5));
    }

    [Fact]
    public void Get_field_value_reads_values_and_nullables()
    {
        using var reader = Read("SELECT i, m, dt, v FROM every ORDER BY i NULLS LAST", out _);
        Assert.Equal(3, reader.GetFieldValue<int>(0));
        Assert.Equal(3, reader.GetFieldValue<int?>(0));
        Assert.Equal(6.125m, reader.GetFieldValue<decimal>(1));
        Assert.Equal(new DateOnly(2008, 8, 8), reader.GetFieldValue<DateOnly?>(2));
        Assert.Equal("seven", reader.GetFieldValue<string>(3));
        Assert.True(reader.Read());
        Assert.Null(reader.GetFieldValue<int?>(0));
        Assert.Null(reader.GetFieldValue<DateOnly?>(2));
        Assert.Null(reader.GetFieldValue<string?>(3));
        Assert.True(reader.IsDBNull(0));
        Assert.Equal(DBNull.Value, reader.GetValue(0));
        Assert.Throws<InvalidCastException>(() => reader.GetFieldValue<int>(0));
        Assert.Throws<InvalidCastException>(() => reader.GetInt32(0));
    }

    [Fact]
    public void Reading_a_column_as_a_type_it_cannot_be_names_both_types()
    {
        using var reader = Read("SELECT v, l FROM every WHERE b", out _);
        var error = Assert.Throws<InvalidCastException>(() => reader.GetInt32(0));
        Assert.Contains("'v' is VARCHAR", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidCastException>(() => reader.GetString(1));
    }

    [Fact]
    public void Narrowing_that_overflows_throws_instead_of_wrapping()
    {
        using var reader = Read("SELECT 5000000000 AS big", out _);
        Assert.Equal(5_000_000_000L, reader.GetInt64(0));
        Assert.Throws<OverflowException>(() => reader.GetInt32(0));
    }

    [Fact]
    public void Sums_are_hugeints_readable_as_long_and_int128()
    {
        using var reader = Read("SELECT sum(l) AS total FROM every", out _);
        Assert.Equal(typeof(Int128), reader.GetFieldType(0));
        Assert.Equal(4L, reader.GetInt64(0));
        Assert.Equal((Int128)4, reader.GetFieldValue<Int128>(0));
    }

    [Fact]
    public void The_schema_table_describes_each_column()
    {
        using var reader = Read("SELECT i AS id, m FROM every", out _);
        var schema = reader.GetSchemaTable();
        Assert.Equal(2, schema.Rows.Count);
        Assert.Equal("id", schema.Rows[0]["ColumnName"]);
        Assert.Equal(0, schema.Rows[0]["ColumnOrdinal"]);
        Assert.Equal(typeof(int), schema.Rows[0]["DataType"]);
        Assert.Equal("DECIMAL(10,3)", schema.Rows[1]["DataTypeName"]);
        Assert.Equal((short)10, schema.Rows[1]["NumericPrecision"]);
        Assert.Equal((short)3, schema.Rows[1]["NumericScale"]);
    }

    [Fact]
    public void Columns_are_found_by_name_case_insensitively_after_an_exact_match()
    {
        using var reader = Read("SELECT 1 AS a, 2 AS \"A\", 3 AS b", out _);
        Assert.Equal(0, reader.GetOrdinal("a"));
        Assert.Equal(1, reader.GetOrdinal("A"));
        Assert.Equal(2, reader.GetOrdinal("B"));
        Assert.Throws<IndexOutOfRangeException>(() => reader.GetOrdinal("c"));
        Assert.Equal(3, reader["b"]);
    }

    [Fact]
    public void Reading_before_read_or_after_the_end_is_refused()
    {
        using var reader = new OlapCommand("SELECT 1 AS a", _connection).ExecuteReader();
        Assert.Throws<InvalidOperationException>(() => reader.GetInt32(0));
        Assert.True(reader.Read());
        Assert.False(reader.Read());
        Assert.Throws<InvalidOperationException>(() => reader.GetInt32(0));
    }

    [Fact]
    public void Close_connection_behaviour_closes_the_connection_with_the_reader()
    {
        using var connection = new OlapConnection("Data Source=:memory:");
        connection.Open();
        var reader = new OlapCommand("SELECT 1", connection).ExecuteReader(CommandBehavior.CloseConnection);
        reader.Close();
        Assert.Equal(ConnectionState.Closed, connection.State);
    }

    private OlapDataReader Read(string sql, out bool hasRow)
    {
        var reader = new OlapCommand(sql, _connection).ExecuteReader();
        hasRow = reader.Read();
        return reader;
    }

    private void Run(string sql) => new OlapCommand(sql, _connection).ExecuteNonQuery();
}
