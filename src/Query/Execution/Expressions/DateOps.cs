using Olap.Columnar.Text;
using Olap.Query.Planning;

namespace Olap.Query.Execution.Expressions;

/// <summary>EXTRACT(field FROM DATE or TIMESTAMP) as BIGINT.</summary>
internal readonly struct ExtractOp<TSource>(ScalarFunctionId field, bool timestamp) : IUnaryOp<TSource, long>
    where TSource : unmanaged, System.Numerics.IBinaryInteger<TSource>
{
    public bool TryApply(TSource value, out long result)
    {
        var raw = long.CreateTruncating(value);
        var days = timestamp ? CivilDate.DaysOf(raw) : raw;
        if (field == ScalarFunctionId.ExtractDayOfWeek)
        {
            result = CivilDate.DayOfWeek(days);
            return true;
        }

        CivilDate.ToCivil(days, out var year, out var month, out var day);
        result = field switch
        {
            ScalarFunctionId.ExtractYear => year,
            ScalarFunctionId.ExtractMonth => month,
            ScalarFunctionId.ExtractDay => day,
            ScalarFunctionId.ExtractQuarter => ((month - 1) / 3) + 1,
            _ => days - CivilDate.FromCivil(year, 1, 1) + 1,
        };
        return true;
    }
}

/// <summary>The units DATE_TRUNC knows.</summary>
internal enum TruncUnit
{
    Year,
    Quarter,
    Month,
    Week,
    Day,
    Hour,
    Minute,
    Second,
}

/// <summary>DATE_TRUNC(unit, DATE or TIMESTAMP) as a TIMESTAMP (what DuckDB returns); weeks start on Monday (ISO).</summary>
internal readonly struct DateTruncOp<TSource>(TruncUnit unit, bool timestamp) : IUnaryOp<TSource, long>
    where TSource : unmanaged, System.Numerics.IBinaryInteger<TSource>
{
    public bool TryApply(TSource value, out long result)
    {
        var raw = long.CreateTruncating(value);
        var micros = timestamp ? raw : raw * FieldParser.MicrosPerDay;
        var days = CivilDate.DaysOf(micros);
        long truncatedDays;
        switch (unit)
        {
            case TruncUnit.Hour:
                result = FloorTo(micros, 3_600_000_000L);
                return true;
            case TruncUnit.Minute:
                result = FloorTo(micros, 60_000_000L);
                return true;
            case TruncUnit.Second:
                result = FloorTo(micros, FieldParser.MicrosPerSecond);
                return true;
            case TruncUnit.Day:
                truncatedDays = days;
                break;
            case TruncUnit.Week:
                truncatedDays = days - ((CivilDate.DayOfWeek(days) + 6) % 7);
                break;
            default:
            {
                CivilDate.ToCivil(days, out var year, out var month, out _);
                var firstMonth = unit switch
                {
                    TruncUnit.Year => 1,
                    TruncUnit.Quarter => (((month - 1) / 3) * 3) + 1,
                    _ => month,
                };
                truncatedDays = CivilDate.FromCivil(year, firstMonth, 1);
                break;
            }
        }

        result = truncatedDays * FieldParser.MicrosPerDay;
        return true;
    }

    private static long FloorTo(long micros, long unitMicros)
    {
        var remainder = micros % unitMicros;
        return micros - (remainder < 0 ? remainder + unitMicros : remainder);
    }
}
