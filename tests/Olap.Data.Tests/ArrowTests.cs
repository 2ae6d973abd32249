using Apache.Arrow;
using Apache.Arrow.Types;

namespace Olap.Data.Tests;

/// <summary>Arrow in and out: query results as record batches, record batches as tables, Arrow IPC files.</summary>
public sealed class ArrowTests : IDisposable
{
    private readonly TempDatabase _database = new();
    private readonly OlapConnection _connection;

    public ArrowTests()
    {
        _connection = _database.Open();
        new OlapCommand("CREATE TABLE every (b BOOLEAN, s SMALLINT, i INTEGER, l BIGINT, d DOUBLE, m DECIMAL(10,3), v VARCHAR, dt DATE, ts TIMESTAMP)", _connection).ExecuteNonQuery();
        new OlapCommand("INSERT INTO every VALUES (true, 2, 3, 4, 5.5, 6.125, 'seven', DATE '2008-08-08', TIMESTAMP '2009-09-09 09:09:09.123456'), (false, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)", _connection).ExecuteNonQuery();
    }

    public void Dispose()
    {
        _connection.Dispose();
        _database.Dispose();
    }

    [Fact]
    public void Execute_arrow_returns_the_rows_as_typed_arrow_arrays_with_nulls()
    {
        using (var sums = new OlapCommand("SELECT sum(l) * 1000000000000 AS huge FROM every", _connection).ExecuteArrow())
        {
            Assert.Equal(ArrowTypeId.Decimal128, sums.Schema.FieldsList[0].DataType.TypeId);
            Assert.Equal(4_000_000_000_000m, ((Decimal128Array)sums.ReadNextRecordBatch()!.Column(0)).GetValue(0));
        }

        using var command = new OlapCommand("SELECT * FROM every ORDER BY b DESC", _connection);
        using var stream = command.ExecuteArrow();
        Assert.Equal(
            ["Boolean", "Int16", "Int32", "Int64", "Double", "Decimal128", "String", "Date32", "Timestamp"],
            stream.Schema.FieldsList.Select(f => f.DataType.TypeId.ToString()));

        var batch = stream.ReadNextRecordBatch();
        Assert.NotNull(batch);
        Assert.Equal(2, batch.Length);
        Assert.Equal(true, ((BooleanArray)batch.Column(0)).GetValue(0));
        Assert.Equal(false, ((BooleanArray)batch.Column(0)).GetValue(1));
        Assert.Equal((short)2, ((Int16Array)batch.Column(1)).GetValue(0));
        Assert.Null(((Int16Array)batch.Column(1)).GetValue(1));
        Assert.Equal(3, ((Int32Array)batch.Column(2)).GetValue(0));
        Assert.Equal(4L, ((Int64Array)batch.Column(3)).GetValue(0));
        Assert.Equal(5.5, ((DoubleArray)batch.Column(4)).GetValue(0));
        Assert.Equal(6.125m, ((Decimal128Array)batch.Column(5)).GetValue(0));
        Assert.Equal("seven", ((StringArray)batch.Column(6)).GetString(0));
        Assert.Null(((StringArray)batch.Column(6)).GetString(1));
        Assert.Equal(new DateOnly(2008, 8, 8), ((Date32Array)batch.Column(7)).GetDateOnly(0));
        Assert.Equal(new DateTimeOffset(2009, 9, 9, 9, 9, 9, 123, TimeSpan.Zero).AddTicks(4560), ((TimestampArray)batch.Column(8)).GetTimestamp(0));
        Assert.Equal(1, batch.Column(8).NullCount);
        Assert.Null(stream.ReadNextRecordBatch());
    }

    [Fact]
    public async Task A_large_result_arrives_as_a_sequence_of_batches()
    {
        new OlapCommand("CREATE TABLE big (k INTEGER)", _connection).ExecuteNonQuery();
        using (var appender = _connection.CreateAppender("big"))
        {
            for (var i = 0; i < 100_000; i++)
            {
                appender.Append(i).EndRow();
            }

            appender.Commit();
        }

        using var stream = new OlapCommand("SELECT k FROM big", _connection).ExecuteArrow();
        var batches = 0;
        long rows = 0;
        long sum = 0;
        await foreach (var batch in stream.ReadAllAsync())
        {
            batches++;
            rows += batch.Length;
            foreach (var value in ((Int32Array)batch.Column(0)).Values)
            {
                sum += value;
            }
        }

        Assert.Equal(100_000L, rows);
        Assert.Equal(99_999L * 100_000 / 2, sum);
        Assert.True(batches > 1, "one batch per engine chunk");
    }

    [Theory]
    [InlineData("SELECT k, 'v' || k AS v FROM big")]
    [InlineData("SELECT k, 'v' || k AS v FROM big ORDER BY k")]
    public void Batches_kept_after_later_ones_were_read_still_hold_their_values(string sql)
    {
        // The batches share the engine's result buffers, so those must never be reused for a later chunk.
        new OlapCommand("CREATE TABLE big (k INTEGER)", _connection).ExecuteNonQuery();
        using (var appender = _connection.CreateAppender("big"))
        {
            for (var i = 0; i < 50_000; i++)
            {
                appender.Append(i).EndRow();
            }

            appender.Commit();
        }

        var batches = new List<RecordBatch>();
        using (var stream = new OlapCommand(sql, _connection).ExecuteArrow())
        {
            while (stream.ReadNextRecordBatch() is { } batch)
            {
                batches.Add(batch);
            }
        }

        Assert.True(batches.Count > 1);
        var seen = new HashSet<int>();
        foreach (var batch in batches)
        {
            var keys = (Int32Array)batch.Column(0);
            var texts = (StringArray)batch.Column(1);
            for (var i = 0; i < batch.Length; i++)
            {
                var key = keys.GetValue(i)!.Value;
                Assert.Equal("v" + key, texts.GetString(i));
                Assert.True(seen.Add(key));
            }
        }

        Assert.Equal(50_000, seen.Count);
    }

    [Fact]
    public void Registered_record_batches_are_queried_as_a_table()
    {
        var schema = new Schema.Builder()
            .Field(f => f.Name("id").DataType(Int64Type.Default))
            .Field(f => f.Name("city").DataType(StringType.Default))
            .Field(f => f.Name("temp").DataType(FloatType.Default))
            .Build();
        RecordBatch Batch(long from, int count)
        {
            var ids = new Int64Array.Builder();
            var cities = new StringArray.Builder();
            var temps = new FloatArray.Builder();
            for (var i = from; i < from + count; i++)
            {
                ids.Append(i);
                if (i % 10 == 0)
                {
                    cities.AppendNull();
                }
                else
                {
                    cities.Append(i % 3 == 0 ? "Oslo" : "Lima");
                }

                temps.Append(i * 0.5f);
            }

            return new RecordBatch(schema, [ids.Build(), cities.Build(), temps.Build()], count);
        }

        _connection.RegisterArrow("readings", schema, [Batch(0, 5000), Batch(5000, 3000)]);

        var rows = new List<string>();
        using (var reader = new OlapCommand("SELECT city, count(*), sum(temp), max(id) FROM readings WHERE id >= 100 GROUP BY city ORDER BY city NULLS FIRST", _connection).ExecuteReader())
        {
            while (reader.Read())
            {
                rows.Add($"{(reader.IsDBNull(0) ? "NULL" : reader.GetString(0))}|{reader.GetInt64(1)}|{reader.GetDouble(2)}|{reader.GetInt64(3)}");
            }
        }

        var expected = Enumerable.Range(100, 7900).GroupBy(i => i % 10 == 0 ? "NULL" : i % 3 == 0 ? "Oslo" : "Lima")
            .OrderBy(g => g.Key == "NULL" ? "" : g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key}|{g.Count()}|{g.Sum(i => (double)(i * 0.5f))}|{g.Max()}");
        Assert.Equal(expected, rows);
        Assert.True(_connection.UnregisterArrow("readings"));
        Assert.Throws<OlapException>(() => new OlapCommand("SELECT * FROM readings", _connection).ExecuteScalar());
    }

    [Fact]
    public void An_arrow_stream_registers_as_a_table_on_another_connection()
    {
        using var other = new OlapConnection("Data Source=:memory:");
        other.Open();
        using (var stream = new OlapCommand("SELECT i, v, m FROM every", _connection).ExecuteArrow())
        {
            other.RegisterArrow("imported", stream);
        }

        Assert.Equal(2L, new OlapCommand("SELECT count(*) FROM imported", other).ExecuteScalar());
        using var reader = new OlapCommand("SELECT v, m FROM imported WHERE i = 3", other).ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal("seven", reader.GetString(0));
        Assert.Equal(6.125m, reader.GetDecimal(1));
    }

    [Fact]
    public void Copy_to_an_arrow_file_and_back_keeps_every_value()
    {
        var path = Path.Combine(_database.Folder, "every.arrow");
        Assert.Equal(2, new OlapCommand($"COPY (SELECT * FROM every) TO '{path}'", _connection).ExecuteNonQuery());

        using (var file = File.OpenRead(path))
        using (var reader = new Apache.Arrow.Ipc.ArrowFileReader(file))
        {
            Assert.Equal(9, reader.Schema.FieldsList.Count);
        }

        using var original = new OlapCommand("SELECT * FROM every ORDER BY b", _connection).ExecuteReader();
        var expected = Rows(original);
        original.Close();
        using var copy = new OlapCommand($"SELECT * FROM '{path}' ORDER BY b", _connection).ExecuteReader();
        Assert.Equal(expected, Rows(copy));
    }

    [Fact]
    public void A_file_that_is_not_arrow_is_named_in_the_error()
    {
        var path = Path.Combine(_database.Folder, "junk.arrow");
        File.WriteAllBytes(path, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);

        var error = Assert.Throws<OlapException>(() => new OlapCommand($"SELECT * FROM '{path}'", _connection).ExecuteScalar());
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    private static List<string> Rows(OlapDataReader reader)
    {
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }

        return rows;
    }
}
