using CsCheck;
using Olap.Columnar.Predicates;
using Olap.Columnar.Types;

namespace Olap.Columnar.Tests.TestSupport;

/// <summary>
/// Predicates of every <see cref="ComparisonKind"/> on a chunk: constants from its values, next to them, anywhere in
/// the type, and outside the type's range; BETWEEN in either order; IN with 1 to 40 constants.
/// </summary>
public static class PredicateGen
{
    public static Gen<ColumnPredicate> For(ColumnSample sample)
    {
        var constant = Constant(sample);
        return Gen.Frequency(
            (6, Gen.Select(Gen.Int[0, 5], constant).Select((kind, value) => ColumnPredicate.Compare((ComparisonKind)kind, value))),
            (2, Gen.Select(constant, constant).Select(ColumnPredicate.Between)),
            (2, constant.Array[1, 40].Select(values => ColumnPredicate.In(values))));
    }

    /// <summary>Constants no value of the type equals, or bounds of the widest integer: they fold to all or nothing.</summary>
    public static ScalarValue[] OutsideTheType(ColumnType type)
    {
        long[] integers = type.Physical switch
        {
            PhysicalKind.Int8 => [-1, 2, 255, 256, -100_000, long.MinValue, long.MaxValue],
            PhysicalKind.Int16 => [100_000, -100_000, short.MaxValue + 1, short.MinValue - 1, long.MinValue, long.MaxValue],
            PhysicalKind.Int32 => [int.MaxValue + 1L, int.MinValue - 1L, 5_000_000_000, -5_000_000_000, long.MinValue, long.MaxValue],
            PhysicalKind.Int64 => [long.MinValue, long.MaxValue, long.MinValue + 1, long.MaxValue - 1],
            _ => [],
        };
        return type.Physical switch
        {
            PhysicalKind.Double => [.. ColumnSampleGen.SpecialDoubles().Select(ScalarValue.FromDouble)],
            PhysicalKind.String =>
            [
                ScalarValue.FromString(""),
                ScalarValue.FromUtf8([0]),
                ScalarValue.FromUtf8([0xFF]),
                ScalarValue.FromUtf8([0xFF, 0xFF, 0xFF]),
                ScalarValue.FromString("\U0010FFFF"),
            ],
            _ => [.. integers.Select(ScalarValue.FromInt64)],
        };
    }

    private static Gen<ScalarValue> Constant(ColumnSample sample)
    {
        var gens = new List<(int, IGen<ScalarValue>)>
        {
            (2, ColumnSampleGen.Value(sample.Type)),
            (1, Gen.OneOf(OutsideTheType(sample.Type))),
        };
        var present = sample.Values.Where(value => !value.IsNull).ToArray();
        if (present.Length > 0)
        {
            gens.Add((4, Gen.OneOf(present)));
            gens.Add((2, Gen.Select(Gen.OneOf(present), Gen.Int[0, 3]).Select(Near)));
        }

        return Gen.Frequency([.. gens]);
    }

    /// <summary>A constant just beside <paramref name="value"/>: ±1, the neighbouring double, a prefix or an extension.</summary>
    private static ScalarValue Near(ScalarValue value, int how)
    {
        switch (value.Kind)
        {
            case ScalarKind.Integer:
                return ScalarValue.FromInt64(unchecked(value.Int64 + (how < 2 ? -1 : 1)));
            case ScalarKind.Double:
                return ScalarValue.FromDouble(how switch
                {
                    0 => Math.BitDecrement(value.Double),
                    1 => Math.BitIncrement(value.Double),
                    2 => -value.Double,
                    _ => value.Double == 0 ? -value.Double : value.Double,
                });
            default:
            {
                var bytes = value.Utf8.ToArray();
                return how switch
                {
                    0 when bytes.Length > 0 => ScalarValue.FromUtf8(bytes.AsSpan(0, bytes.Length - 1)),
                    1 => ScalarValue.FromUtf8([.. bytes, 0]),
                    2 => ScalarValue.FromUtf8([.. bytes, 0xFF]),
                    _ => ScalarValue.FromUtf8(bytes.Length > 0 && bytes[^1] < 0xFF ? [.. bytes[..^1], (byte)(bytes[^1] + 1)] : bytes),
                };
            }
        }
    }
}
