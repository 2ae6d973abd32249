using System.Runtime.InteropServices;
using Olap.Columnar.Predicates;
using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Columnar.Encoding;

/// <summary>Reads and writes the values of integral columns as <see cref="long"/>, whatever their width.</summary>
internal static class IntegralValues
{
    public static long Get(ColumnVector flat, int row) => flat.Type.Physical switch
    {
        PhysicalKind.Int8 => flat.GetValue<byte>(row),
        PhysicalKind.Int16 => flat.GetValue<short>(row),
        PhysicalKind.Int32 => flat.GetValue<int>(row),
        _ => flat.GetValue<long>(row),
    };

    /// <summary>
    /// Writes each of the first <paramref name="target"/>.Length values minus <paramref name="frame"/> as unsigned
    /// 64-bit (wrapping), one typed loop per width instead of a type switch per value.
    /// </summary>
    public static void Subtract(ColumnVector flat, long frame, Span<ulong> target)
    {
        switch (flat.Type.Physical)
        {
            case PhysicalKind.Int8: Subtract(flat.Values<byte>(), frame, target); break;
            case PhysicalKind.Int16: Subtract(flat.Values<short>(), frame, target); break;
            case PhysicalKind.Int32: Subtract(flat.Values<int>(), frame, target); break;
            default: Subtract(flat.Values<long>(), frame, target); break;
        }
    }

    private static void Subtract<T>(ReadOnlySpan<T> values, long frame, Span<ulong> target)
        where T : unmanaged, System.Numerics.IBinaryInteger<T>
    {
        values = values[..target.Length];
        for (var i = 0; i < target.Length; i++)
        {
            target[i] = unchecked((ulong)long.CreateTruncating(values[i]) - (ulong)frame);
        }
    }

    /// <summary>Stores <paramref name="values"/> into a flat vector of the column's width, truncating as the type requires.</summary>
    public static void Store(ReadOnlySpan<long> values, ColumnVector target)
    {
        var count = values.Length;
        switch (target.Type.Physical)
        {
            case PhysicalKind.Int8:
            {
                var output = target.PrepareFlat<byte>(count);
                for (var i = 0; i < count; i++)
                {
                    output[i] = (byte)values[i];
                }

                break;
            }

            case PhysicalKind.Int16:
            {
                var output = target.PrepareFlat<short>(count);
                for (var i = 0; i < count; i++)
                {
                    output[i] = (short)values[i];
                }

                break;
            }

            case PhysicalKind.Int32:
            {
                var output = target.PrepareFlat<int>(count);
                for (var i = 0; i < count; i++)
                {
                    output[i] = (int)values[i];
                }

                break;
            }

            default:
                values.CopyTo(target.PrepareFlat<long>(count));
                break;
        }
    }

    /// <summary>The predicate as a range of longs within the column type's domain (IN has none).</summary>
    public static ValueRange<long> GetRange(ColumnPredicate predicate, ColumnType type)
    {
        switch (type.Physical)
        {
            case PhysicalKind.Int8:
            {
                var r = predicate.GetRange<byte>();
                return new ValueRange<long>(r.Low, r.High, r.Negated);
            }

            case PhysicalKind.Int16:
            {
                var r = predicate.GetRange<short>();
                return new ValueRange<long>(r.Low, r.High, r.Negated);
            }

            case PhysicalKind.Int32:
            {
                var r = predicate.GetRange<int>();
                return new ValueRange<long>(r.Low, r.High, r.Negated);
            }

            default:
                return predicate.GetRange<long>();
        }
    }

    /// <summary>The IN constants within the column type's domain, ascending.</summary>
    public static long[] GetSet(ColumnPredicate predicate, ColumnType type)
    {
        var result = new List<long>();
        switch (type.Physical)
        {
            case PhysicalKind.Int8: foreach (var v in predicate.GetSortedSet<byte>()) { result.Add(v); } break;
            case PhysicalKind.Int16: foreach (var v in predicate.GetSortedSet<short>()) { result.Add(v); } break;
            case PhysicalKind.Int32: foreach (var v in predicate.GetSortedSet<int>()) { result.Add(v); } break;
            default: result.AddRange(predicate.GetSortedSet<long>().ToArray()); break;
        }

        return [.. result];
    }

    public static ReadOnlySpan<long> AsLongs(ReadOnlySpan<byte> bytes) => MemoryMarshal.Cast<byte, long>(bytes);
}
