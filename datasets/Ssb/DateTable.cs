namespace Olap.Datasets.Ssb;

/// <summary>The date dimension: 2,557 days at every scale factor, and the yyyymmdd keys the fact table uses.</summary>
internal static class DateTable
{
    public static readonly string[] Columns =
    [
        "d_datekey", "d_date", "d_dayofweek", "d_month", "d_year", "d_yearmonthnum", "d_yearmonth", "d_daynuminweek",
        "d_daynuminmonth", "d_daynuminyear", "d_monthnuminyear", "d_weeknuminyear", "d_sellingseason",
        "d_lastdayinweekfl", "d_lastdayinmonthfl", "d_holidayfl", "d_weekdayfl",
    ];

    /// <summary>yyyymmdd of each day index, so lineorder turns day numbers into keys with one array read.</summary>
    public static readonly int[] Keys = BuildKeys();

    public static void Write(in DateRow row, DelimitedRowWriter writer)
    {
        writer.Field(row.DateKey);
        writer.BeginField();
        writer.Append(row.Month);
        writer.Append(' ');
        writer.Append(row.DayNumInMonth);
        writer.Append(", ");
        writer.Append(row.Year);
        writer.EndField();
        writer.Field(row.DayOfWeek);
        writer.Field(row.Month);
        writer.Field(row.Year);
        writer.Field(row.YearMonthNum);
        writer.BeginField();
        writer.Append(row.Month.AsSpan(0, 3));
        writer.Append(row.Year);
        writer.EndField();
        writer.Field(row.DayNumInWeek);
        writer.Field(row.DayNumInMonth);
        writer.Field(row.DayNumInYear);
        writer.Field(row.MonthNumInYear);
        writer.Field(row.WeekNumInYear);
        writer.Field(row.SellingSeason);
        writer.Field(row.LastDayInWeek);
        writer.Field(row.LastDayInMonth);
        writer.Field(row.Holiday);
        writer.Field(row.Weekday);
        writer.EndRow();
    }

    private static int[] BuildKeys()
    {
        var keys = new int[SsbScale.DateRows];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = DateRow.At(i).DateKey;
        }

        return keys;
    }
}
