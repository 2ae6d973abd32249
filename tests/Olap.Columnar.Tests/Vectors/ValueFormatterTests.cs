using Olap.Columnar.Types;

namespace Olap.Columnar.Tests.Vectors;

public sealed class ValueFormatterTests
{
    [Theory]
    [InlineData(0, "1970-01-01")]
    [InlineData(8035, "1992-01-01")]
    [InlineData(-1, "1969-12-31")]
    public void Dates_print_as_iso_days(long days, string expected)
        => Assert.Equal(expected, ValueFormatter.Format(ScalarValue.FromInt64(days), ColumnType.Date));

    [Theory]
    [InlineData(123456, 2, "1234.56")]
    [InlineData(-5, 2, "-0.05")]
    [InlineData(long.MinValue, 4, "-922337203685477.5808")]
    [InlineData(7, 0, "7")]
    public void Decimals_print_with_their_scale_exactly(long scaled, int scale, string expected)
        => Assert.Equal(expected, ValueFormatter.Format(ScalarValue.FromInt64(scaled), ColumnType.Decimal(18, scale)));

    [Fact]
    public void Timestamps_booleans_and_nulls_print_as_sql_engines_print_them()
    {
        Assert.Equal("1970-01-01 00:00:01.5", ValueFormatter.Format(ScalarValue.FromInt64(1_500_000), ColumnType.Timestamp));
        Assert.Equal("true", ValueFormatter.Format(ScalarValue.FromInt64(1), ColumnType.Boolean));
        Assert.Equal("NULL", ValueFormatter.Format(ScalarValue.Null, ColumnType.Integer));
        Assert.Equal("9223372036854775807 µs from 1970-01-01", ValueFormatter.Format(ScalarValue.FromInt64(long.MaxValue), ColumnType.Timestamp));
        Assert.Equal("-2147483648 days from 1970-01-01", ValueFormatter.Format(ScalarValue.FromInt64(int.MinValue), ColumnType.Date));
    }
}
