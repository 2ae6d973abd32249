using System.Globalization;
using System.Text;
using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Columnar.Tests.TestSupport;

/// <summary>Reading, comparing and printing values the way the encoding tests need: doubles by bit pattern, strings by bytes.</summary>
public static class Scalars
{
    /// <summary>Row <paramref name="row"/> of a vector in any form, ignoring validity (a NULL row gives its placeholder).</summary>
    public static ScalarValue Raw(ColumnVector vector, int row) => vector.Type.Physical switch
    {
        PhysicalKind.Int8 => ScalarValue.FromInt64(vector.GetValue<byte>(row)),
        PhysicalKind.Int16 => ScalarValue.FromInt64(vector.GetValue<short>(row)),
        PhysicalKind.Int32 => ScalarValue.FromInt64(vector.GetValue<int>(row)),
        PhysicalKind.Int64 => ScalarValue.FromInt64(vector.GetValue<long>(row)),
        PhysicalKind.Double => ScalarValue.FromDouble(vector.GetValue<double>(row)),
        _ => ScalarValue.FromUtf8(vector.GetString(row)),
    };

    /// <summary>Whether row <paramref name="row"/> of <paramref name="vector"/> holds exactly <paramref name="expected"/>, without allocating.</summary>
    public static bool Holds(ColumnVector vector, int row, ScalarValue expected) => vector.Type.Physical switch
    {
        PhysicalKind.Int8 => vector.GetValue<byte>(row) == expected.Int64,
        PhysicalKind.Int16 => vector.GetValue<short>(row) == expected.Int64,
        PhysicalKind.Int32 => vector.GetValue<int>(row) == expected.Int64,
        PhysicalKind.Int64 => vector.GetValue<long>(row) == expected.Int64,
        PhysicalKind.Double => BitConverter.DoubleToInt64Bits(vector.GetValue<double>(row)) == BitConverter.DoubleToInt64Bits(expected.Double),
        _ => vector.GetString(row).SequenceEqual(expected.Utf8),
    };

    /// <summary>Equality of two values of one kind: doubles by bit pattern (NaN payloads and -0.0 count), strings by bytes.</summary>
    public static bool BitwiseEqual(ScalarValue a, ScalarValue b) => a.Kind == b.Kind && a.Kind switch
    {
        ScalarKind.Integer => a.Int64 == b.Int64,
        ScalarKind.Double => BitConverter.DoubleToInt64Bits(a.Double) == BitConverter.DoubleToInt64Bits(b.Double),
        ScalarKind.String => a.Utf8.SequenceEqual(b.Utf8),
        _ => true,
    };

    /// <summary>A total order: integers by value, doubles numerically with NaN first and -0.0 before 0.0, strings by bytes.</summary>
    public static int TotalCompare(ScalarValue a, ScalarValue b)
    {
        if (a.Kind != ScalarKind.Double)
        {
            return a.CompareTo(b);
        }

        var order = a.Double.CompareTo(b.Double);
        // Ties (-0.0 and 0.0, NaNs) order by signed bit pattern: -0.0 before 0.0, as docs/FORMAT.md says.
        return order != 0 ? order : BitConverter.DoubleToInt64Bits(a.Double).CompareTo(BitConverter.DoubleToInt64Bits(b.Double));
    }

    /// <summary>A key under which bitwise-equal values collide and no others do.</summary>
    public static object DistinctKey(ScalarValue value) => value.Kind switch
    {
        ScalarKind.Integer => value.Int64,
        ScalarKind.Double => BitConverter.DoubleToInt64Bits(value.Double),
        ScalarKind.String => Convert.ToHexString(value.Utf8),
        _ => "NULL",
    };

    public static string Show(ScalarValue value)
    {
        switch (value.Kind)
        {
            case ScalarKind.Null:
                return "NULL";
            case ScalarKind.Integer:
                return value.Int64.ToString(CultureInfo.InvariantCulture);
            case ScalarKind.Double:
                return string.Create(CultureInfo.InvariantCulture, $"{value.Double:R} (0x{BitConverter.DoubleToInt64Bits(value.Double):X16})");
            default:
            {
                var bytes = value.Utf8;
                var text = System.Text.Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, 24)]);
                var escaped = new StringBuilder();
                foreach (var c in text)
                {
                    escaped.Append(c is < ' ' or > '~' ? $"\\u{(int)c:X4}" : c.ToString());
                }

                return bytes.Length > 24 ? $"'{escaped}…' ({bytes.Length} bytes)" : $"'{escaped}'";
            }
        }
    }
}
