using System.Globalization;

namespace Olap.Columnar.Types;

/// <summary>Renders a value of a column type as text the way SQL engines print it (DATE as yyyy-MM-dd, DECIMAL with its scale).</summary>
public static class ValueFormatter
{
    // The days of years 0001 through 9999 relative to 1970-01-01: what DateTime can print.
    private const long MinDays = -719_162;
    private const long MaxDays = 2_932_896;
    private const long MicrosPerDay = 86_400_000_000;

    private static readonly DateTime s_epoch = new(1970, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);

    public static string Format(ScalarValue value, ColumnType type)
    {
        if (value.IsNull)
        {
            return "NULL";
        }

        return type.Id switch
        {
            LogicalTypeId.Boolean => value.Int64 != 0 ? "true" : "false",
            LogicalTypeId.Date when value.Int64 is >= MinDays and <= MaxDays
                => s_epoch.AddDays(value.Int64).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            LogicalTypeId.Timestamp when value.Int64 is >= MinDays * MicrosPerDay and <= MaxDays * MicrosPerDay
                => s_epoch.AddTicks(value.Int64 * 10).ToString("yyyy-MM-dd HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture),
            LogicalTypeId.Date => $"{value.Int64} days from 1970-01-01",
            LogicalTypeId.Timestamp => $"{value.Int64} µs from 1970-01-01",
            LogicalTypeId.Decimal => FormatDecimal(value.Kind == ScalarKind.HugeInteger ? value.Int128 : value.Int64, type.Scale),
            _ => value.ToString(),
        };
    }

    private static string FormatDecimal(Int128 scaled, int scale)
    {
        if (scale == 0)
        {
            return scaled.ToString(CultureInfo.InvariantCulture);
        }

        // Integer arithmetic keeps all 18 digits exact.
        var magnitude = scaled.ToString(CultureInfo.InvariantCulture).TrimStart('-').PadLeft(scale + 1, '0');
        var sign = Int128.IsNegative(scaled) ? "-" : string.Empty;
        return $"{sign}{magnitude[..^scale]}.{magnitude[^scale..]}";
    }
}
