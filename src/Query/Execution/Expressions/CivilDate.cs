using Olap.Columnar.Text;

namespace Olap.Query.Execution.Expressions;

/// <summary>
/// Proleptic Gregorian calendar arithmetic on days since 1970-01-01 (Howard Hinnant's civil_from_days and
/// days_from_civil): integer-only, correct for negative days, no DateTime range limits.
/// </summary>
internal static class CivilDate
{
    /// <summary>The day of a timestamp (floor, so times before 1970 fall on the earlier day).</summary>
    public static long DaysOf(long micros) => Math.DivRem(micros, FieldParser.MicrosPerDay) is var (q, r) && r < 0 ? q - 1 : q;

    public static void ToCivil(long days, out long year, out int month, out int day)
    {
        var z = days + 719_468;
        var era = (z >= 0 ? z : z - 146_096) / 146_097;
        var dayOfEra = z - (era * 146_097);
        var yearOfEra = (dayOfEra - (dayOfEra / 1460) + (dayOfEra / 36_524) - (dayOfEra / 146_096)) / 365;
        var dayOfYear = dayOfEra - ((365 * yearOfEra) + (yearOfEra / 4) - (yearOfEra / 100));
        var mp = ((5 * dayOfYear) + 2) / 153;
        day = (int)(dayOfYear - (((153 * mp) + 2) / 5) + 1);
        month = (int)(mp < 10 ? mp + 3 : mp - 9);
        year = yearOfEra + (era * 400) + (month <= 2 ? 1 : 0);
    }

    public static long FromCivil(long year, int month, int day)
    {
        year -= month <= 2 ? 1 : 0;
        var era = (year >= 0 ? year : year - 399) / 400;
        var yearOfEra = year - (era * 400);
        var dayOfYear = ((153 * (month > 2 ? month - 3 : month + 9)) + 2) / 5 + day - 1;
        var dayOfEra = (yearOfEra * 365) + (yearOfEra / 4) - (yearOfEra / 100) + dayOfYear;
        return (era * 146_097) + dayOfEra - 719_468;
    }

    /// <summary>Sunday = 0 .. Saturday = 6; 1970-01-01 was a Thursday.</summary>
    public static int DayOfWeek(long days) => (int)(((days + 4) % 7 + 7) % 7);
}
