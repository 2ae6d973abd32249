using System.Numerics;
using Olap.Columnar.Kernels;
using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Columnar.Predicates;

/// <summary>
/// Evaluates a <see cref="ColumnPredicate"/> over rows of a flat vector: the plain path, and the per-entry step of
/// the dictionary, run-length and bitmap encodings (which evaluate the predicate on their distinct values only).
/// NULLs are not looked at: callers clear NULL rows with the validity mask.
/// </summary>
public static class PredicateEvaluator
{
    /// <summary>Sets bit i of <paramref name="bits"/> when row <paramref name="start"/> + i of <paramref name="flat"/> matches.</summary>
    public static void Evaluate(ColumnPredicate predicate, ColumnVector flat, int start, int count, Span<ulong> bits)
    {
        if (flat.Form != VectorForm.Flat)
        {
            throw new ArgumentException("Predicates are evaluated on flat vectors; encodings supply their entries flat.", nameof(flat));
        }

        switch (flat.Type.Physical)
        {
            case PhysicalKind.Int8: EvaluateNumeric(predicate, flat.Values<byte>().Slice(start, count), bits); break;
            case PhysicalKind.Int16: EvaluateNumeric(predicate, flat.Values<short>().Slice(start, count), bits); break;
            case PhysicalKind.Int32: EvaluateNumeric(predicate, flat.Values<int>().Slice(start, count), bits); break;
            case PhysicalKind.Int64: EvaluateNumeric(predicate, flat.Values<long>().Slice(start, count), bits); break;
            case PhysicalKind.Double: EvaluateNumeric(predicate, flat.Values<double>().Slice(start, count), bits); break;
            default: EvaluateStrings(predicate, flat, start, count, bits); break;
        }
    }

    /// <summary>Evaluates on values of any numeric element type, using the predicate's range or set form.</summary>
    public static void EvaluateNumeric<T>(ColumnPredicate predicate, ReadOnlySpan<T> values, Span<ulong> bits)
        where T : unmanaged, INumber<T>, IMinMaxValue<T>
    {
        if (predicate.Kind == ComparisonKind.In)
        {
            CompareKernels.InSet(values, predicate.GetSortedSet<T>(), bits);
            return;
        }

        var range = predicate.GetRange<T>();
        CompareKernels.Between(values, range.Low, range.High, range.Negated, bits);
    }

    private static void EvaluateStrings(ColumnPredicate predicate, ColumnVector flat, int start, int count, Span<ulong> bits)
    {
        if (predicate.ValueKind != ScalarKind.String)
        {
            throw new ArgumentException($"A VARCHAR column cannot be compared with a {predicate.ValueKind} value.", nameof(predicate));
        }

        var offsets = flat.StringOffsets;
        var heap = flat.Heap;
        var low = predicate.Low.Utf8;
        var high = predicate.Kind == ComparisonKind.Between ? predicate.High.Utf8 : default;
        bits[..((count + 63) >> 6)].Clear();
        for (var i = 0; i < count; i++)
        {
            var row = start + i;
            var value = heap[offsets[row]..offsets[row + 1]];
            var match = predicate.Kind switch
            {
                ComparisonKind.Equal => value.SequenceEqual(low),
                ComparisonKind.NotEqual => !value.SequenceEqual(low),
                ComparisonKind.LessThan => value.SequenceCompareTo(low) < 0,
                ComparisonKind.LessThanOrEqual => value.SequenceCompareTo(low) <= 0,
                ComparisonKind.GreaterThan => value.SequenceCompareTo(low) > 0,
                ComparisonKind.GreaterThanOrEqual => value.SequenceCompareTo(low) >= 0,
                ComparisonKind.Between => value.SequenceCompareTo(low) >= 0 && value.SequenceCompareTo(high) <= 0,
                _ => InStringSet(predicate, value),
            };
            if (match)
            {
                bits[i >> 6] |= 1UL << (i & 63);
            }
        }
    }

    private static bool InStringSet(ColumnPredicate predicate, ReadOnlySpan<byte> value)
    {
        foreach (var candidate in predicate.SetValues)
        {
            if (value.SequenceEqual(candidate.Utf8))
            {
                return true;
            }
        }

        return false;
    }
}
