using System.Numerics;
using System.Runtime.InteropServices;
using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Columnar.Encoding;

/// <summary>
/// What the codecs need to know about one column chunk, computed in one pass and shared by all of them:
/// statistics (min, max, NULL and distinct counts), run count, sortedness, and the sorted dictionary with a code per row.
/// A NULL row counts as the value before it (leading NULLs as the first value): fixed-width placeholders are overwritten
/// with that value in place, strings are only counted so. Either way NULLs neither break runs, add dictionary
/// entries, nor widen bit widths.
/// </summary>
public sealed class ChunkAnalysis
{
    /// <summary>Dictionaries beyond this many entries are not built: codes would be as wide as the values.</summary>
    public const int MaxDictionaryEntries = 1 << 16;

    private ChunkAnalysis(ColumnType type, int rowCount, int nullCount)
    {
        Type = type;
        RowCount = rowCount;
        NullCount = nullCount;
    }

    public ColumnType Type { get; }

    public int RowCount { get; }

    public int NullCount { get; }

    /// <summary>Smallest non-NULL value (NULL when there is none; NaN for a DOUBLE chunk holding NaN).</summary>
    public ScalarValue Min { get; private set; }

    /// <summary>Largest non-NULL value (NULL when there is none; NaN for a DOUBLE chunk holding NaN).</summary>
    public ScalarValue Max { get; private set; }

    /// <summary>Distinct non-NULL values, or -1 when there are more than <see cref="MaxDictionaryEntries"/> (then at least that many).</summary>
    public int DistinctCount { get; private set; }

    /// <summary>Maximal runs of equal consecutive values, a NULL row counting as the value it stands for.</summary>
    public int RunCount => RunEnds.Length;

    /// <summary>The exclusive end row of each run.</summary>
    public int[] RunEnds { get; private set; } = [];

    /// <summary>For integral types: every value ≥ the one before it (placeholders included).</summary>
    public bool IsNonDecreasing { get; private set; }

    /// <summary>For integral types: smallest and largest value over all rows, placeholders included.</summary>
    public long IntegralMin { get; private set; }

    /// <inheritdoc cref="IntegralMin"/>
    public long IntegralMax { get; private set; }

    /// <summary>The distinct values of all rows in ascending order, when there are few enough; flat vector.</summary>
    public ColumnVector? Dictionary { get; private set; }

    /// <summary>Per row, the index of its value in <see cref="Dictionary"/>.</summary>
    public int[]? Codes { get; private set; }

    /// <summary>Rows of each dictionary entry, built once by the bitmap codec for both its estimate and its payload.</summary>
    internal Bitmaps.RoaringBitmap[]? ValueBitmaps { get; set; }

    /// <summary>Analyzes a flat vector. Placeholder values of NULL rows are overwritten in place.</summary>
    public static ChunkAnalysis Analyze(ColumnVector values)
    {
        if (values.Form != VectorForm.Flat)
        {
            throw new ArgumentException("Only flat vectors are analyzed for encoding.", nameof(values));
        }

        var analysis = new ChunkAnalysis(values.Type, values.Count, values.Validity.CountNulls(values.Count));
        switch (values.Type.Physical)
        {
            case PhysicalKind.Int8: analysis.AnalyzeFixed<byte>(values, EqualityComparer<byte>.Default); break;
            case PhysicalKind.Int16: analysis.AnalyzeFixed<short>(values, EqualityComparer<short>.Default); break;
            case PhysicalKind.Int32: analysis.AnalyzeFixed<int>(values, EqualityComparer<int>.Default); break;
            case PhysicalKind.Int64: analysis.AnalyzeFixed<long>(values, EqualityComparer<long>.Default); break;
            case PhysicalKind.Double: analysis.AnalyzeFixed<double>(values, BitwiseDoubleComparer.Instance); break;
            default: analysis.AnalyzeStrings(values); break;
        }

        return analysis;
    }

    private void AnalyzeFixed<T>(ColumnVector vector, IEqualityComparer<T> comparer)
        where T : unmanaged, INumber<T>
    {
        var values = vector.Values<T>()[..RowCount];
        FillPlaceholders(vector, values);

        var entries = new Dictionary<T, int>(comparer);
        var codes = new int[RowCount];
        var seenNonNull = new List<bool>();
        var runEnds = new List<int>();
        var nonDecreasing = true;
        var hasNaN = false;
        T min = default, max = default;
        var anyValue = false;
        var validity = vector.Validity;
        for (var i = 0; i < RowCount; i++)
        {
            var value = values[i];
            if (i > 0 && !comparer.Equals(value, values[i - 1]))
            {
                runEnds.Add(i);
            }

            if (i > 0 && value < values[i - 1])
            {
                nonDecreasing = false;
            }

            var valid = validity.IsValid(i);
            if (valid)
            {
                if (T.IsNaN(value))
                {
                    hasNaN = true;
                }
                else if (!anyValue)
                {
                    min = max = value;
                    anyValue = true;
                }
                else
                {
                    if (value < min)
                    {
                        min = value;
                    }

                    if (value > max)
                    {
                        max = value;
                    }
                }
            }

            if (entries.Count <= MaxDictionaryEntries)
            {
                codes[i] = AssignCode(entries, value, valid, seenNonNull);
            }
        }

        if (RowCount > 0)
        {
            runEnds.Add(RowCount);
        }

        RunEnds = [.. runEnds];
        if (typeof(T) != typeof(double))
        {
            IsNonDecreasing = nonDecreasing;
            for (var i = 0; i < RowCount; i++)
            {
                var v = long.CreateTruncating(values[i]);
                if (i == 0 || v < IntegralMin)
                {
                    IntegralMin = v;
                }

                if (i == 0 || v > IntegralMax)
                {
                    IntegralMax = v;
                }
            }
        }

        if (hasNaN)
        {
            Min = Max = ScalarValue.FromDouble(double.NaN);
        }
        else if (anyValue)
        {
            Min = ToScalar(min);
            Max = ToScalar(max);
        }

        if (entries.Count > MaxDictionaryEntries)
        {
            DistinctCount = -1;
            return;
        }

        DistinctCount = CountTrue(seenNonNull);
        BuildSortedDictionary(entries, codes);
    }

    private void BuildSortedDictionary<T>(Dictionary<T, int> entries, int[] codes)
        where T : unmanaged, INumber<T>
    {
        var distinct = new T[entries.Count];
        var firstCodes = new int[entries.Count];
        var i = 0;
        foreach (var (value, code) in entries)
        {
            distinct[i] = value;
            firstCodes[i] = code;
            i++;
        }

        Array.Sort(distinct, firstCodes, TotalOrder<T>.Instance);
        RenumberInSortedOrder(firstCodes, codes);

        var dictionary = new ColumnVector(Type);
        distinct.AsSpan().CopyTo(dictionary.PrepareFlat<T>(distinct.Length));
        Dictionary = dictionary;
        Codes = codes;
    }

    private void AnalyzeStrings(ColumnVector vector)
    {
        var offsets = vector.StringOffsets;
        var heap = vector.Heap;
        var comparer = new HeapStringComparer(vector);
        var entries = new Dictionary<int, int>(comparer);
        var codes = new int[RowCount];
        var seenNonNull = new List<bool>();
        var runEnds = new List<int>();
        int minRow = -1, maxRow = -1;
        var validity = vector.Validity;

        // A NULL row stands for the previous value (leading NULLs for the first value), as fixed-width placeholders do.
        var firstValid = 0;
        while (firstValid < RowCount && !validity.IsValid(firstValid))
        {
            firstValid++;
        }

        var previous = -1;
        for (var i = 0; i < RowCount; i++)
        {
            var valid = validity.IsValid(i);
            var representative = valid ? i : previous >= 0 ? previous : firstValid < RowCount ? firstValid : i;
            var value = heap[offsets[representative]..offsets[representative + 1]];
            if (i > 0 && !value.SequenceEqual(heap[offsets[previous]..offsets[previous + 1]]))
            {
                runEnds.Add(i);
            }

            if (valid)
            {
                if (minRow < 0 || value.SequenceCompareTo(heap[offsets[minRow]..offsets[minRow + 1]]) < 0)
                {
                    minRow = i;
                }

                if (maxRow < 0 || value.SequenceCompareTo(heap[offsets[maxRow]..offsets[maxRow + 1]]) > 0)
                {
                    maxRow = i;
                }
            }

            if (entries.Count <= MaxDictionaryEntries)
            {
                codes[i] = AssignCode(entries, representative, valid, seenNonNull);
            }

            previous = representative;
        }

        if (RowCount > 0)
        {
            runEnds.Add(RowCount);
        }

        RunEnds = [.. runEnds];
        if (minRow >= 0)
        {
            Min = ScalarValue.FromUtf8(heap[offsets[minRow]..offsets[minRow + 1]]);
            Max = ScalarValue.FromUtf8(heap[offsets[maxRow]..offsets[maxRow + 1]]);
        }

        if (entries.Count > MaxDictionaryEntries)
        {
            DistinctCount = -1;
            return;
        }

        DistinctCount = CountTrue(seenNonNull);
        var firstRows = new int[entries.Count];
        var firstCodes = new int[entries.Count];
        var k = 0;
        var heapBytes = 0;
        foreach (var (row, code) in entries)
        {
            firstRows[k] = row;
            firstCodes[k] = code;
            heapBytes += offsets[row + 1] - offsets[row];
            k++;
        }

        Array.Sort(firstRows, firstCodes, comparer);
        RenumberInSortedOrder(firstCodes, codes);

        var dictionary = new ColumnVector(Type);
        dictionary.PrepareFlatStrings(firstRows.Length, heapBytes, out var dictOffsets, out var dictHeap);
        var position = 0;
        for (var j = 0; j < firstRows.Length; j++)
        {
            dictOffsets[j] = position;
            var value = heap[offsets[firstRows[j]]..offsets[firstRows[j] + 1]];
            value.CopyTo(dictHeap[position..]);
            position += value.Length;
        }

        dictOffsets[firstRows.Length] = position;
        Dictionary = dictionary;
        Codes = codes;
    }

    /// <summary>NULL rows take the previous value (leading NULLs the first value), which costs no run and no width.</summary>
    private void FillPlaceholders<T>(ColumnVector vector, Span<T> values)
        where T : unmanaged
    {
        if (NullCount == 0 || NullCount == RowCount)
        {
            return;
        }

        var validity = vector.Validity;
        var first = 0;
        while (!validity.IsValid(first))
        {
            first++;
        }

        values[..first].Fill(values[first]);
        for (var i = first + 1; i < RowCount; i++)
        {
            if (!validity.IsValid(i))
            {
                values[i] = values[i - 1];
            }
        }
    }

    /// <summary>Gives a value its code in order of first appearance, noting whether a non-NULL row holds it.</summary>
    private static int AssignCode<TKey>(Dictionary<TKey, int> entries, TKey key, bool valid, List<bool> seenNonNull)
        where TKey : notnull
    {
        ref var code = ref CollectionsMarshal.GetValueRefOrAddDefault(entries, key, out var exists);
        if (!exists)
        {
            code = entries.Count - 1;
            seenNonNull.Add(false);
        }

        if (valid)
        {
            seenNonNull[code] = true;
        }

        return code;
    }

    /// <summary>Rewrites codes given in order of appearance so that code k is the k-th entry of the sorted dictionary.</summary>
    private static void RenumberInSortedOrder(int[] sortedFirstCodes, int[] codes)
    {
        var remap = new int[sortedFirstCodes.Length];
        for (var k = 0; k < sortedFirstCodes.Length; k++)
        {
            remap[sortedFirstCodes[k]] = k;
        }

        for (var row = 0; row < codes.Length; row++)
        {
            codes[row] = remap[codes[row]];
        }
    }

    private static int CountTrue(List<bool> flags)
    {
        var count = 0;
        foreach (var flag in flags)
        {
            if (flag)
            {
                count++;
            }
        }

        return count;
    }

    private static ScalarValue ToScalar<T>(T value)
        where T : unmanaged, INumber<T>
        => typeof(T) == typeof(double)
            ? ScalarValue.FromDouble(double.CreateTruncating(value))
            : ScalarValue.FromInt64(long.CreateTruncating(value));

    /// <summary>Equality by bit pattern, so -0.0 and 0.0 stay distinct entries and NaN equals itself.</summary>
    private sealed class BitwiseDoubleComparer : IEqualityComparer<double>
    {
        public static readonly BitwiseDoubleComparer Instance = new();

        public bool Equals(double x, double y) => BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y);

        public int GetHashCode(double obj) => BitConverter.DoubleToInt64Bits(obj).GetHashCode();
    }

    /// <summary>Numeric order with NaN first and -0.0 before 0.0, so a sorted dictionary is deterministic.</summary>
    private sealed class TotalOrder<T> : IComparer<T>
        where T : unmanaged, INumber<T>
    {
        public static readonly TotalOrder<T> Instance = new();

        public int Compare(T x, T y)
        {
            var order = x.CompareTo(y);
            if (order != 0 || typeof(T) != typeof(double))
            {
                return order;
            }

            // -0.0 has the sign bit set, so as a signed integer its bits come first.
            return BitConverter.DoubleToInt64Bits(double.CreateTruncating(x)).CompareTo(BitConverter.DoubleToInt64Bits(double.CreateTruncating(y)));
        }
    }

    /// <summary>Compares strings of one vector by row index, so the hash table stores ints, not copies of the bytes.</summary>
    private sealed class HeapStringComparer(ColumnVector vector) : IEqualityComparer<int>, IComparer<int>
    {
        public bool Equals(int x, int y) => vector.GetString(x).SequenceEqual(vector.GetString(y));

        public int GetHashCode(int obj) => (int)System.IO.Hashing.XxHash3.HashToUInt64(vector.GetString(obj));

        public int Compare(int x, int y) => vector.GetString(x).SequenceCompareTo(vector.GetString(y));
    }
}
