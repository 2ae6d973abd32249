using Olap.Query.Tests.Database;

namespace Olap.Query.Tests.Execution.Operators;

/// <summary>Aggregate functions: exact wide sums, averages of decimals, string extremes, DISTINCT counts with NULLs and empty inputs.</summary>
public sealed class AggregateTests : IDisposable
{
    private readonly OracleDatabase _db = new();

    public AggregateTests()
    {
        _db.Execute("CREATE TABLE big (g INTEGER, x BIGINT)");
        _db.Execute("INSERT INTO big VALUES (1, 9223372036854775807), (1, 9223372036854775807), (1, 9223372036854775807), (2, -9223372036854775807 - 1), (2, -9223372036854775807 - 1), (2, 5), (3, NULL)");
        _db.Execute("CREATE TABLE money (g VARCHAR, price DECIMAL(10,2), qty DECIMAL(18,4))");
        _db.Execute("INSERT INTO money VALUES ('a', 1.25, 1.0001), ('a', 2.50, 2.0002), ('a', NULL, NULL), ('b', 99999999.99, 99999999999999.9999), ('b', 99999999.99, 99999999999999.9999), ('c', -0.01, 0.0001)");
        _db.Execute("CREATE TABLE words (g INTEGER, w VARCHAR)");
        _db.Execute("INSERT INTO words VALUES (1, 'pear'), (1, 'apple'), (1, NULL), (1, 'Apple'), (2, 'ab'), (2, 'abc'), (2, ''), (3, NULL), (4, 'é'), (4, 'z'), (1, 'apple')");
        _db.Execute("CREATE TABLE empty (g INTEGER, x BIGINT, w VARCHAR)");
    }

    public void Dispose() => _db.Dispose();

    [Fact]
    public void Sum_of_bigint_beyond_64_bits_is_the_exact_hugeint()
    {
        var result = _db.Olap.Execute("SELECT sum(x) FROM big WHERE g = 1");

        Assert.Equal((Int128)long.MaxValue * 3, result.GetValue(0, 0));
        _db.AssertSameRows("SELECT g, sum(x) FROM big GROUP BY g");
        _db.AssertSameRows("SELECT sum(x) FROM big");
    }

    [Fact]
    public void Sum_of_bigint_beyond_64_bits_is_exact_with_many_rows_and_threads()
    {
        _db.Execute("CREATE TABLE many (x BIGINT)");
        _db.Insert("many", Enumerable.Range(0, 5000).Select(i => i % 2 == 0 ? "(9223372036854775000)" : "(9223372036854775807)"));
        using var connection = _db.Olap.Connect();
        connection.Execute("SET threads = 4");

        var sum = connection.Execute("SELECT sum(x) FROM many").GetValue(0, 0);

        Assert.Equal((Int128)9223372036854775000 * 2500 + (Int128)9223372036854775807 * 2500, sum);
        _db.AssertSameRows("SELECT sum(x), min(x), max(x), count(x) FROM many");
    }

    // BUG (binder): DuckDB reads -9223372036854775808 as the negated HUGEINT literal, which fits BIGINT; Olap refuses the unsigned part.
    [Fact]
    public void The_smallest_bigint_can_be_written_as_a_literal()
    {
        _db.Execute("INSERT INTO big VALUES (4, -9223372036854775808)");

        Assert.Equal(long.MinValue, _db.Olap.Execute("SELECT x FROM big WHERE g = 4").GetValue(0, 0));
    }

    [Fact]
    public void Sum_of_bigint_below_the_smallest_64_bit_value_is_exact()
    {
        Assert.Equal((Int128)long.MinValue * 2 + 5, _db.Olap.Execute("SELECT sum(x) FROM big WHERE g = 2").GetValue(0, 0));
    }

    [Fact]
    public void Avg_of_decimal_matches_duckdb()
    {
        Assert.Equal(1.875, _db.Olap.Execute("SELECT avg(price) FROM money WHERE g = 'a'").GetValue(0, 0));
        _db.AssertSameRows("SELECT g, avg(price), sum(price), sum(qty) FROM money GROUP BY g");
        _db.AssertSameRows("SELECT avg(price), sum(price), min(price), max(qty) FROM money");
    }

    [Fact]
    public void Min_and_max_of_strings_compare_bytes_and_skip_nulls()
    {
        var rows = _db.AssertSameRows("SELECT g, min(w), max(w) FROM words GROUP BY g");

        Assert.Equal(["1|Apple|pear", "2||abc", "3|NULL|NULL", "4|z|é"], rows);
        _db.AssertSameRows("SELECT min(w), max(w) FROM words");
    }

    [Fact]
    public void Count_distinct_ignores_nulls()
    {
        var rows = _db.AssertSameRows("SELECT g, count(DISTINCT w), count(w), count(*) FROM words GROUP BY g");

        Assert.Contains("1|3|4|5", rows);
        Assert.Contains("3|0|0|1", rows);
        _db.AssertSameRows("SELECT count(DISTINCT w), count(DISTINCT words.g), count(DISTINCT x) FROM words, big WHERE words.g = big.g");
        _db.AssertSameRows("SELECT count(DISTINCT price), count(DISTINCT g) FROM money");
    }

    [Fact]
    public void Aggregates_over_an_empty_table_give_one_row_with_count_zero_and_null_sums()
    {
        var rows = _db.AssertSameRows("SELECT count(*), count(x), sum(x), min(w), max(x), avg(x), count(DISTINCT w) FROM empty");

        Assert.Equal(["0|0|NULL|NULL|NULL|NULL|0"], rows);
    }

    [Fact]
    public void Aggregates_over_rows_that_are_all_filtered_out_give_one_row()
    {
        using var connection = _db.Olap.Connect();
        connection.Execute("SET threads = 4");

        var result = connection.Execute("SELECT count(*), sum(x), min(x) FROM big WHERE g > 100");

        Assert.Equal(["0|NULL|NULL"], ResultText.Lines(result));
    }

    [Fact]
    public void Group_by_over_an_empty_table_gives_no_rows()
    {
        Assert.Empty(_db.AssertSameRows("SELECT g, count(*), sum(x) FROM empty GROUP BY g"));
        Assert.Empty(_db.AssertSameRows("SELECT w, count(*) FROM empty GROUP BY w"));
        Assert.Empty(_db.AssertSameRows("SELECT g, count(*) FROM big WHERE g > 100 GROUP BY g"));
        Assert.Empty(_db.AssertSameRows("SELECT DISTINCT w FROM empty"));
    }

    [Fact]
    public void Group_by_a_nullable_key_puts_nulls_in_one_group()
    {
        var rows = _db.AssertSameRows("SELECT w, count(*) FROM words GROUP BY w");

        Assert.Contains("NULL|2", rows);
        Assert.Contains("apple|2", rows);
    }
}
