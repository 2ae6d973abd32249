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
    public ColumnVector? Dictionary
    {
        get
        {
            Materialize();
            return _dictionary;
        }

        private set => _dictionary = value;
    }

    /// <summary>Per row, the index of its value in <see cref="Dictionary"/>.</summary>
    public int[]? Codes
    {
        get
        {
            Materialize();
            return _codes;
        }

        private set => _codes = value;
    }

    /// <summary>
    /// How many entries <see cref="Dictionary"/> has (-1 for none), known before the dictionary is sorted: a chunk of
    /// wide distinct numbers (a cube's sums) is sized for a dictionary by its count and never sorted when it loses.
    /// </summary>
    public int DictionaryCount => _pendingCount >= 0 ? _pendingCount : _dictionary?.Count ?? -1;

    /// <summary>The bytes <see cref="Dictionary"/>'s entries take written plainly, or -1 when there is none.</summary>
    public long DictionaryPlainSize => _pendingCount >= 0 ? (long)_pendingCount * Type.FixedWidth : _dictionary is { } entries ? PlainEncoding.Size(entries) : -1;

    private ColumnVector? _dictionary;
    private int[]? _codes;
    private int _pendingCount = -1;
    private Action? _sortPending;

    private void Materialize()
    {
        if (_sortPending is { } sort)
        {
            _sortPending = null;
            sort();
            _pendingCount = -1;
        }
    }

    /// <summary>Rows of each dictionary entry, built once by the bitmap codec for both its estimate and its payload.</summary>
    internal Bitmaps.RoaringBitmap[]? ValueBitmaps { get; set; }

    /// <summary>
    /// Analyzes a flat vector. Placeholder values of NULL rows are overwritten in place. <paramref name="codes"/>, when
    /// the vector's strings all came from one dictionary, gives the distinct values without hashing each row's string.
    /// </summary>
    public static ChunkAnalysis Analyze(ColumnVector values, DictionaryCodes? codes = null)
    {
        if (values.Form != VectorForm.Flat)
        {
            throw new ArgumentException("Only flat vectors are analyzed for encoding.", nameof(values));
        }

        var analysis = new ChunkAnalysis(values.Type, values.Count, values.Validity.CountNulls(values.Count));
        switch (values.Type.Physical)
        {
            case PhysicalKind.Int8: analysis.AnalyzeFixed<byte>(values); break;
            case PhysicalKind.Int16: analysis.AnalyzeFixed<short>(values); break;
            case PhysicalKind.Int32: analysis.AnalyzeFixed<int>(values); break;
            case PhysicalKind.Int64: analysis.AnalyzeFixed<long>(values); break;
            case PhysicalKind.Double: analysis.AnalyzeFixed<double>(values); break;
            default:
                if (codes is not { } known || !analysis.TryAnalyzeStringCodes(values, known))
                {
                    analysis.AnalyzeStrings(values);
                }

                break;
        }

        return analysis;
    }

    /// <summary>Value ranges up to this wide get their dictionary from a flag per possible value instead of a hash table.</summary>
    private const long MaxDirectRange = 1 << 22;

    private void AnalyzeFixed<T>(ColumnVector vector)
        where T : unmanaged, INumber<T>
    {
        var values = vector.Values<T>()[..RowCount];
        FillPlaceholders(vector, values);
        var validity = vector.Validity;
        var isDouble = typeof(T) == typeof(double);

        // One tight pass for runs and order; the dictionary comes after, from flags or a hash table.
        var runEnds = System.Buffers.ArrayPool<int>.Shared.Rent(Math.Max(1, RowCount));
        var runs = 0;
        var nonDecreasing = true;
        for (var i = 1; i < RowCount; i++)
        {
            var value = values[i];
            var before = values[i - 1];
            if (isDouble ? BitConverter.DoubleToInt64Bits(double.CreateTruncating(value)) != BitConverter.DoubleToInt64Bits(double.CreateTruncating(before)) : value != before)
            {
                runEnds[runs++] = i;
            }

            if (value < before)
            {
                nonDecreasing = false;
            }
        }

        if (RowCount > 0)
        {
            runEnds[runs++] = RowCount;
        }

        RunEnds = runEnds.AsSpan(0, runs).ToArray();
        System.Buffers.ArrayPool<int>.Shared.Return(runEnds);

        if (isDouble)
        {
            AnalyzeDoubleBounds(MemoryMarshal.Cast<T, double>(values), validity);
            BuildHashedDictionary(values, validity);
            return;
        }

        IsNonDecreasing = nonDecreasing;
        if (RowCount == 0)
        {
            return;
        }

        var (integralMin, integralMax) = IntegralBounds(values);
        IntegralMin = integralMin;
        IntegralMax = integralMax;
        if (NullCount == 0)
        {
            Min = ScalarValue.FromInt64(integralMin);
            Max = ScalarValue.FromInt64(integralMax);
        }
        else if (NullCount < RowCount)
        {
            AnalyzeValidIntegralBounds(values, validity);
        }

        var range = (ulong)(integralMax - integralMin);
        if (range < (ulong)Math.Min(MaxDirectRange, Math.Max(4L * RowCount, MaxDictionaryEntries)))
        {
            BuildDirectDictionary(values, validity, integralMin, (int)range + 1);
        }
        else
        {
            BuildHashedDictionary(values, validity);
        }
    }

    private static (long Min, long Max) IntegralBounds<T>(ReadOnlySpan<T> values)
        where T : unmanaged, INumber<T>
    {
        if (typeof(T) == typeof(int))
        {
            var ints = MemoryMarshal.Cast<T, int>(values);
            return (System.Numerics.Tensors.TensorPrimitives.Min(ints), System.Numerics.Tensors.TensorPrimitives.Max(ints));
        }

        if (typeof(T) == typeof(long))
        {
            var longs = MemoryMarshal.Cast<T, long>(values);
            return (System.Numerics.Tensors.TensorPrimitives.Min(longs), System.Numerics.Tensors.TensorPrimitives.Max(longs));
        }

        var min = long.CreateTruncating(values[0]);
        var max = min;
        foreach (var value in values)
        {
            var v = long.CreateTruncating(value);
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        return (min, max);
    }

    private void AnalyzeValidIntegralBounds<T>(ReadOnlySpan<T> values, ValidityMask validity)
        where T : unmanaged, INumber<T>
    {
        var any = false;
        long min = 0, max = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (!validity.IsValid(i))
            {
                continue;
            }

            var v = long.CreateTruncating(values[i]);
            if (!any)
            {
                min = max = v;
                any = true;
            }
            else
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
        }

        Min = ScalarValue.FromInt64(min);
        Max = ScalarValue.FromInt64(max);
    }

    private void AnalyzeDoubleBounds(ReadOnlySpan<double> values, ValidityMask validity)
    {
        var any = false;
        var hasNaN = false;
        double min = 0, max = 0;
        var allValid = NullCount == 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (!allValid && !validity.IsValid(i))
            {
                continue;
            }

            var value = values[i];
            if (double.IsNaN(value))
            {
                hasNaN = true;
            }
            else if (!any)
            {
                min = max = value;
                any = true;
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

        if (hasNaN)
        {
            Min = Max = ScalarValue.FromDouble(double.NaN);
        }
        else if (any)
        {
            Min = ScalarValue.FromDouble(min);
            Max = ScalarValue.FromDouble(max);
        }
    }

    /// <summary>
    /// The dictionary of a narrow integral range: one flag byte per possible value (bit 0 present, bit 1 present in a
    /// non-NULL row), read in order, is already the sorted dictionary; no hashing and no sort.
    /// </summary>
    private void BuildDirectDictionary<T>(ReadOnlySpan<T> values, ValidityMask validity, long min, int width)
        where T : unmanaged, INumber<T>
    {
        var flags = System.Buffers.ArrayPool<byte>.Shared.Rent(width);
        var ranks = System.Buffers.ArrayPool<int>.Shared.Rent(width);
        try
        {
            var present = flags.AsSpan(0, width);
            present.Clear();
            if (NullCount == 0)
            {
                foreach (var value in values)
                {
                    present[(int)(long.CreateTruncating(value) - min)] = 3;
                }
            }
            else
            {
                for (var i = 0; i < values.Length; i++)
                {
                    present[(int)(long.CreateTruncating(values[i]) - min)] |= (byte)(validity.IsValid(i) ? 3 : 1);
                }
            }

            var entries = 0;
            var distinct = 0;
            for (var slot = 0; slot < width; slot++)
            {
                if (present[slot] != 0)
                {
                    ranks[slot] = entries++;
                    distinct += present[slot] >> 1;
                }
            }

            if (entries > MaxDictionaryEntries)
            {
                DistinctCount = -1;
                return;
            }

            DistinctCount = distinct;
            var dictionary = new ColumnVector(Type);
            var sorted = dictionary.PrepareFlat<T>(entries);
            for (var slot = 0; slot < width; slot++)
            {
                if (present[slot] != 0)
                {
                    sorted[ranks[slot]] = T.CreateTruncating(min + slot);
                }
            }

            var codes = new int[values.Length];
            for (var i = 0; i < values.Length; i++)
            {
                codes[i] = ranks[(int)(long.CreateTruncating(values[i]) - min)];
            }

            Dictionary = dictionary;
            Codes = codes;
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(flags);
            System.Buffers.ArrayPool<int>.Shared.Return(ranks);
        }
    }

    /// <summary>The dictionary of wide or floating-point values: codes in order of appearance from a hash table, then sorted.</summary>
    private void BuildHashedDictionary<T>(ReadOnlySpan<T> values, ValidityMask validity)
        where T : unmanaged, INumber<T>
    {
        var table = ValueCodeTable.Rent(Math.Min(values.Length, MaxDictionaryEntries + 1));
        var codes = new int[values.Length];
        var seenNonNull = new List<bool>();
        var allValid = NullCount == 0;
        var previousBits = 0L;
        var previousCode = -1;
        for (var i = 0; i < values.Length; i++)
        {
            var bits = typeof(T) == typeof(double) ? BitConverter.DoubleToInt64Bits(double.CreateTruncating(values[i])) : long.CreateTruncating(values[i]);
            int code;
            if (previousCode >= 0 && bits == previousBits)
            {
                code = previousCode;
            }
            else
            {
                code = table.GetOrAdd(bits, out var added);
                if (added)
                {
                    seenNonNull.Add(false);
                    if (table.Count > MaxDictionaryEntries)
                    {
                        DistinctCount = -1;
                        return;
                    }
                }
            }

            if (allValid || validity.IsValid(i))
            {
                seenNonNull[code] = true;
            }

            codes[i] = code;
            previousBits = bits;
            previousCode = code;
        }

        DistinctCount = CountTrue(seenNonNull);
        var distinct = new T[table.Count];
        var keys = table.Keys;
        for (var k = 0; k < distinct.Length; k++)
        {
            distinct[k] = typeof(T) == typeof(double) ? T.CreateTruncating(BitConverter.Int64BitsToDouble(keys[k])) : T.CreateTruncating(keys[k]);
        }

        // Sorted (and the codes renumbered) only if a codec asks for the dictionary itself.
        _pendingCount = distinct.Length;
        _sortPending = () =>
        {
            var firstCodes = new int[distinct.Length];
            for (var k = 0; k < firstCodes.Length; k++)
            {
                firstCodes[k] = k;
            }

            if (typeof(T) == typeof(double))
            {
                Array.Sort(distinct, firstCodes, TotalOrder<T>.Instance);
            }
            else
            {
                Array.Sort(distinct, firstCodes);
            }

            RenumberInSortedOrder(firstCodes, codes);
            var dictionary = new ColumnVector(Type);
            distinct.AsSpan().CopyTo(dictionary.PrepareFlat<T>(distinct.Length));
            _dictionary = dictionary;
            _codes = codes;
        };
    }

    private void AnalyzeStrings(ColumnVector vector)
    {
        if (RowCount > 0 && NullCount == RowCount)
        {
            // Every row NULL (a column a grouping set rolls up): one run of one placeholder entry, the empty string.
            RunEnds = [RowCount];
            DistinctCount = 0;
            var empty = new ColumnVector(Type);
            empty.PrepareFlatStrings(1, 0, out var emptyOffsets, out _);
            emptyOffsets[0] = 0;
            emptyOffsets[1] = 0;
            Dictionary = empty;
            Codes = new int[RowCount];
            return;
        }

        var offsets = vector.StringOffsets;
        var heap = vector.Heap;
        var validity = vector.Validity;
        var allValid = NullCount == 0;
        var table = new StringCodeTable(Math.Min(RowCount, MaxDictionaryEntries + 1));
        var codes = new int[RowCount];
        var seenNonNull = new List<bool>();
        var runEnds = new List<int>();
        var overflow = false;

        // A NULL row stands for the previous value (leading NULLs for the first value), as fixed-width placeholders do.
        var firstValid = 0;
        while (firstValid < RowCount && !validity.IsValid(firstValid))
        {
            firstValid++;
        }

        var previous = -1;
        var previousCode = -1;
        for (var i = 0; i < RowCount; i++)
        {
            var valid = allValid || validity.IsValid(i);
            var representative = valid ? i : previous >= 0 ? previous : firstValid < RowCount ? firstValid : i;
            var value = heap[offsets[representative]..offsets[representative + 1]];
            var repeats = i > 0 && value.SequenceEqual(heap[offsets[previous]..offsets[previous + 1]]);
            if (i > 0 && !repeats)
            {
                runEnds.Add(i);
            }

            if (!overflow)
            {
                var code = previousCode;
                if (!repeats)
                {
                    code = table.GetOrAdd(value, representative, offsets, heap, out var added);
                    if (added)
                    {
                        seenNonNull.Add(false);
                        overflow = table.Count > MaxDictionaryEntries;
                    }
                }

                if (!overflow)
                {
                    if (valid)
                    {
                        seenNonNull[code] = true;
                    }

                    codes[i] = code;
                    previousCode = code;
                }
            }

            previous = representative;
        }

        if (RowCount > 0)
        {
            runEnds.Add(RowCount);
        }

        RunEnds = [.. runEnds];
        if (overflow)
        {
            DistinctCount = -1;
            AnalyzeStringBounds(offsets, heap, validity);
            return;
        }

        DistinctCount = CountTrue(seenNonNull);
        var firstRows = table.Rows.ToArray();
        var firstCodes = new int[firstRows.Length];
        var heapBytes = 0;
        for (var k = 0; k < firstRows.Length; k++)
        {
            firstCodes[k] = k;
            heapBytes += offsets[firstRows[k] + 1] - offsets[firstRows[k]];
        }

        Array.Sort(firstRows, firstCodes, new HeapStringComparer(vector));

        // The sorted entries give the bounds: the first and last that a non-NULL row holds.
        var low = 0;
        while (low < firstCodes.Length && !seenNonNull[firstCodes[low]])
        {
            low++;
        }

        if (low < firstCodes.Length)
        {
            var high = firstCodes.Length - 1;
            while (!seenNonNull[firstCodes[high]])
            {
                high--;
            }

            Min = ScalarValue.FromUtf8(heap[offsets[firstRows[low]]..offsets[firstRows[low] + 1]]);
            Max = ScalarValue.FromUtf8(heap[offsets[firstRows[high]]..offsets[firstRows[high] + 1]]);
        }

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

    /// <summary>
    /// <see cref="AnalyzeStrings"/> from each row's code in a frozen dictionary that may repeat values: the entries rows
    /// use are ordered by their strings' ranks in the dictionary (equal strings share one), and each row's position
    /// among them is its code in the sorted dictionary. False (nothing set) when the dictionary is not frozen, every
    /// row is NULL, or the values overflow a dictionary.
    /// </summary>
    private bool TryAnalyzeStringCodes(ColumnVector vector, DictionaryCodes known)
    {
        var source = known.Dictionary;
        var rowCodes = known.Codes.Span;
        if (NullCount == RowCount || rowCodes.Length != RowCount || source.Form != VectorForm.Flat || !source.Validity.AllValid || !source.IsFrozen)
        {
            return false;
        }

        // NULL rows stand for the previous value (leading NULLs for the first), as in AnalyzeStrings.
        var validity = vector.Validity;
        var allValid = NullCount == 0;
        var firstValid = 0;
        while (!allValid && !validity.IsValid(firstValid))
        {
            firstValid++;
        }

        var representative = new int[RowCount];
        var previous = rowCodes[firstValid];
        for (var i = 0; i < RowCount; i++)
        {
            var code = rowCodes[i];
            if (code < 0 || code >= source.Count)
            {
                if (allValid || validity.IsValid(i))
                {
                    return false; // a non-NULL row must name an entry
                }

                code = previous;
            }

            representative[i] = code;
            previous = code;
        }

        // Each row's code: the rank, among the strings this chunk uses, of its entry's string (equal strings share one).
        return AnalyzeByDictionaryOrder(source, DictionaryOrder.Of(source), representative, validity, allValid);
    }

    /// <summary>Dictionaries of up to this many ranks (or no more than the chunk's rows) have their used ranks marked, not sorted.</summary>
    private const int MarkedRanks = 1 << 14;

    /// <summary>
    /// The analysis from the dictionary's order worked out once (<see cref="DictionaryOrder"/>): the ranks used are
    /// put in order as numbers, no string compared, and rows are taken a run of equal entries at a time (a sorted cube's
    /// nation column is one or two runs a chunk).
    /// </summary>
    private bool AnalyzeByDictionaryOrder(ColumnVector source, DictionaryOrder order, int[] representative, ValidityMask validity, bool allValid)
    {
        var rankOfEntry = order.RankOfEntry;
        var pooled = System.Buffers.ArrayPool<int>.Shared.Rent(order.RankCount);
        try
        {
            // The ranks used, one per run, in rank order: a small dictionary's ranks are marked and read in order (a cube
            // chunk of a fast-varying city column has a run per few rows, and sorting those was 8% of its build);
            // a large one's used ranks are sorted, only their slots of the rank table written and read.
            var positionOfRank = pooled.AsSpan(0, order.RankCount);
            var distinctEntries = new List<int>();
            if (order.RankCount <= Math.Max(MarkedRanks, representative.Length))
            {
                positionOfRank.Clear();
                for (var i = 0; i < representative.Length; i++)
                {
                    positionOfRank[rankOfEntry[representative[i]]] = 1;
                }

                for (var rank = 0; rank < positionOfRank.Length; rank++)
                {
                    if (positionOfRank[rank] != 0)
                    {
                        positionOfRank[rank] = distinctEntries.Count; // a rank's slot is read as a mark before it is written
                        distinctEntries.Add(order.EntryOfRank[rank]);
                    }
                }
            }
            else
            {
                var used = new List<int>();
                for (var i = 0; i < representative.Length;)
                {
                    var entry = representative[i];
                    used.Add(rankOfEntry[entry]);
                    do
                    {
                        i++;
                    }
                    while (i < representative.Length && representative[i] == entry);
                }

                used.Sort();
                foreach (var rank in used)
                {
                    if (distinctEntries.Count == 0 || order.EntryOfRank[rank] != distinctEntries[^1])
                    {
                        positionOfRank[rank] = distinctEntries.Count;
                        distinctEntries.Add(order.EntryOfRank[rank]);
                    }
                }
            }

            if (distinctEntries.Count > MaxDictionaryEntries)
            {
                return false;
            }

            var codes = new int[RowCount];
            var runEnds = new List<int>();
            var previous = -1;
            for (var i = 0; i < representative.Length;)
            {
                var entry = representative[i];
                var code = positionOfRank[rankOfEntry[entry]];
                var start = i;
                do
                {
                    i++;
                }
                while (i < representative.Length && representative[i] == entry);

                codes.AsSpan(start, i - start).Fill(code);
                if (start > 0 && code != previous)
                {
                    runEnds.Add(start);
                }

                previous = code;
            }

            runEnds.Add(RowCount);
            var seenNonNull = new bool[distinctEntries.Count];
            if (allValid)
            {
                seenNonNull.AsSpan().Fill(true); // every entry a chunk uses is some non-NULL row's
            }
            else
            {
                for (var i = 0; i < codes.Length; i++)
                {
                    if (validity.IsValid(i))
                    {
                        seenNonNull[codes[i]] = true;
                    }
                }
            }

            SetFromEntries(source, distinctEntries, seenNonNull, [.. runEnds], codes);
            return true;
        }
        finally
        {
            System.Buffers.ArrayPool<int>.Shared.Return(pooled);
        }
    }

    /// <summary>Sets the results from the chunk's entries in string order, which of them non-NULL rows hold, its runs and its codes.</summary>
    private void SetFromEntries(ColumnVector source, List<int> distinctEntries, bool[] seenNonNull, int[] runEnds, int[] codes)
    {
        RunEnds = runEnds;
        var distinct = 0;
        int low = -1, high = -1;
        for (var k = 0; k < seenNonNull.Length; k++)
        {
            if (seenNonNull[k])
            {
                distinct++;
                low = low < 0 ? k : low;
                high = k;
            }
        }

        DistinctCount = distinct;
        Min = ScalarValue.FromUtf8(source.GetString(distinctEntries[low]));
        Max = ScalarValue.FromUtf8(source.GetString(distinctEntries[high]));
        var heapBytes = 0;
        foreach (var entry in distinctEntries)
        {
            heapBytes += source.GetString(entry).Length;
        }

        var dictionary = new ColumnVector(Type);
        dictionary.PrepareFlatStrings(distinctEntries.Count, heapBytes, out var dictOffsets, out var dictHeap);
        var position = 0;
        for (var j = 0; j < distinctEntries.Count; j++)
        {
            dictOffsets[j] = position;
            var value = source.GetString(distinctEntries[j]);
            value.CopyTo(dictHeap[position..]);
            position += value.Length;
        }

        dictOffsets[distinctEntries.Count] = position;
        Dictionary = dictionary;
        Codes = codes;
    }

    private void AnalyzeStringBounds(ReadOnlySpan<int> offsets, ReadOnlySpan<byte> heap, ValidityMask validity)
    {
        int minRow = -1, maxRow = -1;
        for (var i = 0; i < RowCount; i++)
        {
            if (!validity.IsValid(i))
            {
                continue;
            }

            var value = heap[offsets[i]..offsets[i + 1]];
            if (minRow < 0 || value.SequenceCompareTo(heap[offsets[minRow]..offsets[minRow + 1]]) < 0)
            {
                minRow = i;
            }

            if (maxRow < 0 || value.SequenceCompareTo(heap[offsets[maxRow]..offsets[maxRow + 1]]) > 0)
            {
                maxRow = i;
            }
        }

        if (minRow >= 0)
        {
            Min = ScalarValue.FromUtf8(heap[offsets[minRow]..offsets[minRow + 1]]);
            Max = ScalarValue.FromUtf8(heap[offsets[maxRow]..offsets[maxRow + 1]]);
        }
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
    private sealed class HeapStringComparer(ColumnVector vector) : IComparer<int>
    {
        public int Compare(int x, int y) => vector.GetString(x).SequenceCompareTo(vector.GetString(y));
    }
}
