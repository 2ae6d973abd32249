using System.Globalization;
using System.Text;

namespace Olap.Columnar.Text;

/// <summary>
/// Parses one field's UTF-8 bytes into a column type's in-memory value, invariant culture, without allocating.
/// Surrounding spaces and tabs are ignored for every type but VARCHAR.
/// </summary>
public static class FieldParser
{
    public const long MicrosPerSecond = 1_000_000;
    public const long MicrosPerDay = 86_400 * MicrosPerSecond;

    // |long.MinValue| / 10: one more digit after this overflows a magnitude of at most 2^63.
    private const ulong MagnitudeLimitDiv10 = 922_337_203_685_477_580;

    private static readonly int s_epochDayNumber = new DateOnly(1970, 1, 1).DayNumber;

    private static readonly long[] s_powersOf10 =
    [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000, 10_000_000_000,
        100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000, 1_000_000_000_000_000,
        10_000_000_000_000_000, 100_000_000_000_000_000, 1_000_000_000_000_000_000,
    ];

    /// <summary>Drops surrounding spaces and tabs; the test first keeps the common, untrimmed field cheap.</summary>
    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> text)
        => text.IsEmpty || (text[0] is not ((byte)' ' or (byte)'\t') && text[^1] is not ((byte)' ' or (byte)'\t'))
            ? text
            : text.Trim(" \t"u8);

    /// <summary>true/false/t/f/1/0, case-insensitive.</summary>
    public static bool TryParseBoolean(ReadOnlySpan<byte> text, out bool value)
    {
        text = Trim(text);
        if (text.Length == 1)
        {
            // Setting bit 5 lower-cases a letter and leaves the digits '0' and '1' as they are.
            switch (text[0] | 0x20)
            {
                case 't' or '1': value = true; return true;
                case 'f' or '0': value = false; return true;
            }
        }
        else if (Ascii.EqualsIgnoreCase(text, "true"u8))
        {
            value = true;
            return true;
        }
        else if (Ascii.EqualsIgnoreCase(text, "false"u8))
        {
            value = false;
            return true;
        }

        value = false;
        return false;
    }

    /// <summary>An optionally signed decimal integer within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static FieldParseResult ParseInteger(ReadOnlySpan<byte> text, long min, long max, out long value)
    {
        value = 0;
        text = Trim(text);
        var i = 0;
        var negative = false;
        if (!text.IsEmpty && text[0] is (byte)'-' or (byte)'+')
        {
            negative = text[0] == '-';
            i = 1;
        }

        if (i == text.Length)
        {
            return FieldParseResult.Invalid;
        }

        ulong magnitude = 0;
        var overflow = false;
        for (; i < text.Length; i++)
        {
            var digit = (uint)(text[i] - '0');
            if (digit > 9)
            {
                return FieldParseResult.Invalid;
            }

            // Keep scanning after an overflow so that "99999999999999999999x" is reported as not a number.
            if (magnitude > MagnitudeLimitDiv10 || (magnitude == MagnitudeLimitDiv10 && digit > 8))
            {
                overflow = true;
            }
            else
            {
                magnitude = (magnitude * 10) + digit;
            }
        }

        if (overflow || (!negative && magnitude > long.MaxValue))
        {
            return FieldParseResult.OutOfRange;
        }

        // Two's complement negation also maps a magnitude of 2^63 to long.MinValue.
        var result = negative ? (long)(0UL - magnitude) : (long)magnitude;
        if (result < min || result > max)
        {
            return FieldParseResult.OutOfRange;
        }

        value = result;
        return FieldParseResult.Ok;
    }

    public static bool TryParseDouble(ReadOnlySpan<byte> text, out double value)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        // DuckDB's spellings of the special values, in any case: inf, +inf, -inf, infinity, nan.
        var trimmed = Trim(text);
        var negative = trimmed.Length > 0 && trimmed[0] == (byte)'-';
        var word = trimmed.Length > 0 && (trimmed[0] == (byte)'-' || trimmed[0] == (byte)'+') ? trimmed[1..] : trimmed;
        if (Ascii.EqualsIgnoreCase(word, "inf"u8) || Ascii.EqualsIgnoreCase(word, "infinity"u8))
        {
            value = negative ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }

        if (Ascii.EqualsIgnoreCase(word, "nan"u8))
        {
            value = double.NaN;
            return true;
        }

        return false;
    }

    /// <summary>
    /// A plain decimal number (no exponent) as an integer scaled by 10^<paramref name="scale"/>. Digits beyond the scale
    /// round half away from zero, as DuckDB does; more integer digits than precision - scale are out of range.
    /// </summary>
    public static FieldParseResult ParseDecimal(ReadOnlySpan<byte> text, int precision, int scale, out long value)
    {
        value = 0;
        text = Trim(text);
        var i = 0;
        var negative = false;
        if (!text.IsEmpty && text[0] is (byte)'-' or (byte)'+')
        {
            negative = text[0] == '-';
            i = 1;
        }

        long scaled = 0;
        var integerDigits = 0;
        var sawDigit = false;
        var tooLarge = false;
        for (; i < text.Length; i++)
        {
            var digit = (uint)(text[i] - '0');
            if (digit > 9)
            {
                break;
            }

            sawDigit = true;
            if (scaled == 0 && digit == 0)
            {
                continue; // leading zeros do not count against the precision
            }

            if (++integerDigits > precision - scale)
            {
                tooLarge = true;
                continue;
            }

            scaled = (scaled * 10) + digit;
        }

        var fractionDigits = 0;
        var roundUp = false;
        if (i < text.Length && text[i] == '.')
        {
            for (i++; i < text.Length; i++)
            {
                var digit = (uint)(text[i] - '0');
                if (digit > 9)
                {
                    break;
                }

                sawDigit = true;
                if (fractionDigits < scale)
                {
                    scaled = (scaled * 10) + digit;
                    fractionDigits++;
                }
                else if (fractionDigits == scale)
                {
                    // Only the first dropped digit decides: half away from zero.
                    roundUp = digit >= 5;
                    fractionDigits++;
                }
            }
        }

        if (i != text.Length || !sawDigit)
        {
            return FieldParseResult.Invalid;
        }

        if (tooLarge)
        {
            return FieldParseResult.OutOfRange;
        }

        if (fractionDigits < scale)
        {
            scaled *= s_powersOf10[scale - fractionDigits];
        }

        if (roundUp)
        {
            scaled++;
        }

        // Rounding can carry into one digit too many: 9.995 as DECIMAL(3,2).
        if (scaled >= s_powersOf10[precision])
        {
            return FieldParseResult.OutOfRange;
        }

        value = negative ? -scaled : scaled;
        return FieldParseResult.Ok;
    }

    /// <summary>yyyy-M-d (year 1 to 9999) as days since 1970-01-01.</summary>
    public static bool TryParseDate(ReadOnlySpan<byte> text, out int days)
    {
        text = Trim(text);
        var position = 0;
        if (!TryParseDateParts(text, ref position, out days) || position != text.Length)
        {
            days = 0;
            return false;
        }

        return true;
    }

    /// <summary>
    /// yyyy-M-d[( |T)HH:mm:ss[.f to .ffffff]] as microseconds since 1970-01-01 00:00:00; a date alone is its midnight.
    /// </summary>
    public static bool TryParseTimestamp(ReadOnlySpan<byte> text, out long micros)
    {
        micros = 0;
        text = Trim(text);
        var position = 0;
        if (!TryParseDateParts(text, ref position, out var days))
        {
            return false;
        }

        long timeOfDay = 0;
        if (position < text.Length)
        {
            if (text[position] is not ((byte)' ' or (byte)'T')
                || !TryParseTwoDigits(text, position + 1, 23, out var hours)
                || !IsAt(text, position + 3, ':')
                || !TryParseTwoDigits(text, position + 4, 59, out var minutes)
                || !IsAt(text, position + 6, ':')
                || !TryParseTwoDigits(text, position + 7, 59, out var seconds))
            {
                return false;
            }

            position += 9;
            long fraction = 0;
            if (position < text.Length)
            {
                if (text[position] != '.')
                {
                    return false;
                }

                // One to six digits: a timestamp holds microseconds, and silently dropping finer digits would hide data loss.
                var digits = 0;
                for (position++; position < text.Length; position++, digits++)
                {
                    var digit = (uint)(text[position] - '0');
                    if (digit > 9 || digits == 6)
                    {
                        return false;
                    }

                    fraction = (fraction * 10) + digit;
                }

                if (digits == 0)
                {
                    return false;
                }

                fraction *= s_powersOf10[6 - digits];
            }

            timeOfDay = (((hours * 60L) + minutes) * 60L * MicrosPerSecond) + (seconds * MicrosPerSecond) + fraction;
        }

        micros = (days * MicrosPerDay) + timeOfDay;
        return true;
    }

    private static bool TryParseDateParts(ReadOnlySpan<byte> text, ref int position, out int days)
    {
        days = 0;
        if (!TryParseDigits(text, ref position, 4, 4, out var year)
            || !IsAt(text, position++, '-')
            || !TryParseDigits(text, ref position, 1, 2, out var month)
            || !IsAt(text, position++, '-')
            || !TryParseDigits(text, ref position, 1, 2, out var day))
        {
            return false;
        }

        if (year < 1 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        days = new DateOnly(year, month, day).DayNumber - s_epochDayNumber;
        return true;
    }

    private static bool TryParseDigits(ReadOnlySpan<byte> text, ref int position, int minDigits, int maxDigits, out int value)
    {
        value = 0;
        var start = position;
        while (position < text.Length && position - start < maxDigits)
        {
            var digit = (uint)(text[position] - '0');
            if (digit > 9)
            {
                break;
            }

            value = (value * 10) + (int)digit;
            position++;
        }

        return position - start >= minDigits;
    }

    private static bool TryParseTwoDigits(ReadOnlySpan<byte> text, int position, int max, out int value)
    {
        value = 0;
        if (position + 2 > text.Length)
        {
            return false;
        }

        var tens = (uint)(text[position] - '0');
        var ones = (uint)(text[position + 1] - '0');
        if (tens > 9 || ones > 9)
        {
            return false;
        }

        value = (int)((tens * 10) + ones);
        return value <= max;
    }

    private static bool IsAt(ReadOnlySpan<byte> text, int position, char expected)
        => position < text.Length && text[position] == expected;
}
