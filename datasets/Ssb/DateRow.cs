namespace Olap.Datasets.Ssb;

/// <summary>
/// One row of the date dimension, computed from the calendar as dbgen's mk_date does (SPEC.md §2.5):
/// Sunday is day 1 of the week, weeks are ⌊day-of-year / 7⌋ + 1 (not ISO), flags are eyalroz's fixed ones.
/// dbgen numbers the week day as ((tm_wday + 1) mod 7) + 1, one day ahead of the calendar: 1992-01-01, a
/// Wednesday, is written 'Thursday', 5. We copy that so the date table equals dbgen's byte for byte; the
/// week-day columns and flags stay mutually consistent, and no SSB query reads them.
/// </summary>
public readonly record struct DateRow(DateOnly Day)
{
    public static readonly DateOnly First = new(1992, 1, 1);

    public int DateKey => (Day.Year * 10_000) + (Day.Month * 100) + Day.Day;

    /// <summary>'January 1, 1992': no zero padding.</summary>
    public string Date => $"{Month} {Day.Day}, {Day.Year}";

    public string DayOfWeek => SsbVocabulary.DayNames[DayNumInWeek - 1];

    public string Month => SsbVocabulary.MonthNames[Day.Month - 1];

    public int Year => Day.Year;

    public int YearMonthNum => (Day.Year * 100) + Day.Month;

    /// <summary>'Jan1992'.</summary>
    public string YearMonth => $"{Month[..3]}{Day.Year}";

    public int DayNumInWeek => (((int)Day.DayOfWeek + 1) % 7) + 1;

    public int DayNumInMonth => Day.Day;

    public int DayNumInYear => Day.DayOfYear;

    public int MonthNumInYear => Day.Month;

    public int WeekNumInYear => (Day.DayOfYear / 7) + 1;

    public string SellingSeason => Day.Month switch
    {
        <= 3 => "Winter",
        4 => "Spring",
        <= 8 => "Summer",
        <= 10 => "Fall",
        _ => "Christmas",
    };

    public bool LastDayInWeek => DayNumInWeek == 7;

    public bool LastDayInMonth => Day.Day == DateTime.DaysInMonth(Day.Year, Day.Month);

    /// <summary>dbgen's ten fixed holidays: Dec 24, Jan 1 and the 20th of Feb, Apr, May, Jul, Aug, Sep, Oct, Nov.</summary>
    public bool Holiday => (Day.Month, Day.Day) is (12, 24) or (1, 1) || (Day.Day == 20 && Day.Month is 2 or 4 or 5 or 7 or 8 or 9 or 10 or 11);

    public bool Weekday => DayNumInWeek is not (1 or 7);

    /// <summary>The row for day <paramref name="index"/> counted from 1992-01-01 (0).</summary>
    public static DateRow At(int index) => new(First.AddDays(index));
}
