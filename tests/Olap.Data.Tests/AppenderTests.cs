namespace Olap.Data.Tests;

public sealed class AppenderTests : IDisposable
{
    private readonly TempDatabase _database = new();
    private readonly OlapConnection _connection;

    public AppenderTests()
    {
        _connection = _database.Open();
        new OlapCommand("CREATE TABLE t (id INTEGER, name VARCHAR, amount DECIMAL(9,2), day DATE, at TIMESTAMP, ok BOOLEAN, score DOUBLE)", _connection).ExecuteNonQuery();
    }

    public void Dispose()
    {
        _connection.Dispose();
        _database.Dispose();
    }

    [Fact]
    public void Appended_rows_appear_together_at_commit()
    {
        using (var appender = _connection.CreateAppender("t"))
        {
            for (var i = 0; i < 50_000; i++)
            {
                appender.Append(i).Append($"n{i}").Append(i / 100m).Append(new DateOnly(2024, 1, 1).AddDays(i % 365)).Append(new DateTime(2024, 1, 1).AddSeconds(i)).Append(i % 2 == 0).Append(i * 0.5).EndRow();
            }

            Assert.Equal(0L, Count());
            Assert.Equal(50_000L, appender.Commit());
        }

        Assert.Equal(50_000L, Count());
        using var reader = new OlapCommand("SELECT * FROM t WHERE id = 12345", _connection).ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal("n12345", reader.GetString(1));
        Assert.Equal(123.45m, reader.GetDecimal(2));
        Assert.Equal(new DateOnly(2024, 1, 1).AddDays(12345 % 365), reader.GetDateOnly(3));
        Assert.Equal(new DateTime(2024, 1, 1).AddSeconds(12345), reader.GetDateTime(4));
        Assert.False(reader.GetBoolean(5));
        Assert.Equal(6172.5, reader.GetDouble(6));
    }

    [Fact]
    public void Append_row_takes_boxed_values_and_nulls()
    {
        using (var appender = _connection.CreateAppender("t"))
        {
            appender.AppendRow(1, "a", 1.5m, new DateOnly(2020, 1, 1), null, true, 2.0);
            appender.AppendRow(2, null, null, null, null, null, null);
            appender.Commit();
        }

        Assert.Equal(2L, Count());
        Assert.Equal(1L, new OlapCommand("SELECT count(*) FROM t WHERE id = 2 AND name IS NULL AND amount IS NULL AND day IS NULL AND at IS NULL AND ok IS NULL AND score IS NULL", _connection).ExecuteScalar());
        Assert.Equal(1L, new OlapCommand("SELECT count(*) FROM t WHERE id = 1 AND name = 'a' AND amount = 1.5 AND day = DATE '2020-01-01' AND at IS NULL AND ok AND score = 2", _connection).ExecuteScalar());
    }

    [Fact]
    public void A_row_with_a_bad_value_is_refused_whole_and_the_next_rows_line_up()
    {
        using (var appender = _connection.CreateAppender("t"))
        {
            appender.AppendRow(1, "one", 1m, null, null, true, 1.0);
            Assert.Throws<InvalidCastException>(() => appender.AppendRow(2, "two", 2m, "not a date", null, true, 2.0));
            Assert.Throws<OverflowException>(() => appender.AppendRow(3, "three", 123456789m, null, null, true, 3.0));
            appender.AppendRow(4, "four", 4m, null, null, false, 4.0);
            Assert.Equal(2L, appender.Commit());
        }

        using var reader = new OlapCommand("SELECT id, name, amount, ok, score FROM t ORDER BY id", _connection).ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add($"{reader.GetInt32(0)}|{reader.GetString(1)}|{reader.GetDecimal(2)}|{reader.GetBoolean(3)}|{reader.GetDouble(4)}");
        }

        Assert.Equal(["1|one|1.00|True|1", "4|four|4.00|False|4"], rows);
    }

    [Fact]
    public void Disposing_without_commit_adds_nothing()
    {
        using (var appender = _connection.CreateAppender("t"))
        {
            appender.AppendRow(1, "a", 1m, null, null, null, null);
        }

        Assert.Equal(0L, Count());
        Assert.Empty(Directory.GetFiles(_database.Folder, "*.olap"));
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_refused_with_the_column_named()
    {
        using var appender = _connection.CreateAppender("t");
        var error = Assert.Throws<InvalidCastException>(() => appender.Append("not a number"));
        Assert.Contains("'id'", error.Message, StringComparison.Ordinal);
        Assert.Contains("INTEGER", error.Message, StringComparison.Ordinal);
        Assert.Throws<OverflowException>(() => appender.Append(1).Append("x").Append(12345678.9m));

        // The refused value left nothing behind: the row goes on from the same column.
        appender.Append(1.5m).Append(new DateOnly(2024, 1, 1)).Append(new DateTime(2024, 1, 1)).Append(true).Append(2.5).EndRow();
        Assert.Equal(1L, appender.Commit());
        Assert.Equal(1L, Count());
    }

    [Fact]
    public void A_row_with_too_few_or_too_many_values_is_refused()
    {
        using var appender = _connection.CreateAppender("t");
        appender.Append(1);
        Assert.Contains("has 7 columns", Assert.Throws<InvalidOperationException>(appender.EndRow).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => _connection.CreateAppender("t").AppendRow(1, 2));
    }

    [Fact]
    public void An_unknown_table_is_an_olap_exception()
    {
        var error = Assert.Throws<OlapException>(() => _connection.CreateAppender("nosuch"));
        Assert.Contains("nosuch", error.Message, StringComparison.Ordinal);
    }

    private long Count() => (long)new OlapCommand("SELECT count(*) FROM t", _connection).ExecuteScalar()!;
}
