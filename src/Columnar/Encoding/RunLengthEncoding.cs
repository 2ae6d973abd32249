using System.Buffers;
using System.Runtime.InteropServices;
using Olap.Columnar.Kernels;
using Olap.Columnar.Predicates;
using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Columnar.Encoding;

/// <summary>
/// (value, run end) pairs: the run values as a plain section, then one int32 exclusive end row per run.
/// Predicates are evaluated once per run; a run covering a whole requested range decodes as a constant vector.
/// </summary>
public sealed class RunLengthEncoding : IColumnEncoding
{
    public static readonly RunLengthEncoding Instance = new();

    public EncodingKind Kind => EncodingKind.RunLength;

    public long EstimateSize(ColumnVector values, ChunkAnalysis analysis)
    {
        if (analysis.RowCount == 0)
        {
            return -1;
        }

        // Exact for fixed-width values; for strings the run values' bytes are estimated from the chunk's mean length.
        var runs = analysis.RunCount;
        var valueBytes = values.Type.Physical == PhysicalKind.String
            ? ((runs + 1L) * 4) + ((PlainEncoding.Size(values) - ((values.Count + 1L) * 4)) * runs / analysis.RowCount)
            : (long)runs * values.Type.FixedWidth;
        return ((8 + valueBytes + 3) & ~3L) + (runs * 4L);
    }

    public void Encode(ColumnVector values, ChunkAnalysis analysis, PayloadWriter writer)
    {
        var ends = analysis.RunEnds;
        var runValues = new ColumnBuilder(values.Type, ends.Length);
        var source = WithoutNulls(values);
        var start = 0;
        foreach (var end in ends)
        {
            runValues.AppendFrom(source, FirstValidOrStart(values, start, end));
            start = end;
        }

        writer.Write(ends.Length);
        writer.Align(8);
        PlainEncoding.Write(runValues.ToVector(), writer);
        writer.Align(4);
        writer.WriteValues<int>(ends);
    }

    /// <summary>The row that holds a run's value: its first non-NULL row (a run of NULLs only: its first row).</summary>
    private static int FirstValidOrStart(ColumnVector values, int start, int end)
    {
        for (var row = start; row < end; row++)
        {
            if (values.Validity.IsValid(row))
            {
                return row;
            }
        }

        return start;
    }

    public EncodedColumn Open(ColumnType type, int rowCount, ReadOnlyMemory<byte> payload)
    {
        var reader = new PayloadReader(payload.Span, "run-length");
        var runs = reader.ReadCount("the run count", rowCount);
        if (runs == 0 && rowCount > 0)
        {
            throw reader.Corrupt($"no runs for {rowCount} rows");
        }

        reader.Align(8);
        var values = new ColumnVector(type);
        var valueBytes = PlainEncoding.Read(type, runs, payload[reader.Position..], values, "run-length values");
        reader.Skip(valueBytes, "the run values");
        reader.Align(4);
        var endsStart = reader.Skip(runs * sizeof(int), "the run ends");
        if (reader.Remaining != 0)
        {
            throw reader.Corrupt($"{reader.Remaining} bytes follow the run ends");
        }

        var ends = MemoryMarshal.Cast<byte, int>(payload.Span.Slice(endsStart, runs * sizeof(int)));
        var previous = 0;
        for (var r = 0; r < runs; r++)
        {
            if (ends[r] <= previous)
            {
                throw reader.Corrupt($"run {r} ends at row {ends[r]}, not after row {previous}");
            }

            previous = ends[r];
        }

        if (previous != rowCount)
        {
            throw reader.Corrupt($"the runs cover {previous} rows, not {rowCount}");
        }

        return new RunLengthColumn(type, rowCount, values, ends.ToArray());
    }

    /// <summary>Run values are written as values even where the row is NULL: the placeholder is what the run holds.</summary>
    private static ColumnVector WithoutNulls(ColumnVector values)
    {
        if (values.Validity.AllValid)
        {
            return values;
        }

        var view = new ColumnVector(values.Type);
        view.ReferenceFlat(values.Count, values.RawMemory, values.HeapMemory);
        return view;
    }

    private sealed class RunLengthColumn(ColumnType type, int rowCount, ColumnVector values, int[] ends) : EncodedColumn(type, rowCount)
    {
        public override EncodingKind Kind => EncodingKind.RunLength;

        public int RunCount => ends.Length;

        public override void Decode(int start, int count, ColumnVector target)
        {
            CheckRange(start, count);
            if (count == 0)
            {
                EmptyFlat(target);
                return;
            }

            var run = FindRun(start);
            if (ends[run] >= start + count)
            {
                ReferenceRun(run, count, target);
                return;
            }

            switch (Type.Physical)
            {
                case PhysicalKind.Int8: Expand<byte>(run, start, count, target); break;
                case PhysicalKind.Int16: Expand<short>(run, start, count, target); break;
                case PhysicalKind.Int32: Expand<int>(run, start, count, target); break;
                case PhysicalKind.Int64 or PhysicalKind.Double: Expand<long>(run, start, count, target); break;
                default:
                {
                    // Strings decode as codes into the run values: no string bytes are copied.
                    var codes = target.RentCodes(count);
                    var span = codes.Span;
                    var row = start;
                    for (var r = run; row < start + count; r++)
                    {
                        var end = Math.Min(ends[r], start + count);
                        span[(row - start)..(end - start)].Fill(r);
                        row = end;
                    }

                    target.ReferenceDictionary(count, values, codes);
                    break;
                }
            }
        }

        public override void Filter(ColumnPredicate predicate, int start, int count, Span<ulong> bits)
        {
            CheckRange(start, count);
            bits[..BitSpan.WordCount(count)].Clear();
            if (count == 0)
            {
                return;
            }

            var firstRun = FindRun(start);
            var lastRun = FindRun(start + count - 1);
            var runCount = lastRun - firstRun + 1;
            var rented = ArrayPool<ulong>.Shared.Rent(BitSpan.WordCount(runCount));
            try
            {
                var runBits = rented.AsSpan(0, BitSpan.WordCount(runCount));
                PredicateEvaluator.Evaluate(predicate, values, firstRun, runCount, runBits);
                for (var r = 0; r < runCount; r++)
                {
                    if ((runBits[r >> 6] & (1UL << (r & 63))) == 0)
                    {
                        continue;
                    }

                    var run = firstRun + r;
                    var runStart = run == 0 ? 0 : ends[run - 1];
                    BitSpan.SetRange(bits, Math.Max(runStart, start) - start, Math.Min(ends[run], start + count) - start);
                }
            }
            finally
            {
                ArrayPool<ulong>.Shared.Return(rented);
            }
        }

        private void EmptyFlat(ColumnVector target)
        {
            if (Type.Physical == PhysicalKind.String)
            {
                target.PrepareFlatStrings(0, 0, out var offsets, out _);
                offsets[0] = 0;
            }
            else
            {
                target.ReferenceFlat(0, Memory<byte>.Empty);
            }
        }

        private int FindRun(int row)
        {
            // The first run whose exclusive end lies past the row.
            int low = 0, high = ends.Length - 1;
            while (low < high)
            {
                var mid = (low + high) >>> 1;
                if (ends[mid] > row)
                {
                    high = mid;
                }
                else
                {
                    low = mid + 1;
                }
            }

            return low;
        }

        private void ReferenceRun(int run, int count, ColumnVector target)
        {
            if (Type.Physical == PhysicalKind.String)
            {
                target.ReferenceConstant(count, values.RawMemory.Slice(run * sizeof(int), 2 * sizeof(int)), values.HeapMemory);
            }
            else
            {
                var width = Type.FixedWidth;
                target.ReferenceConstant(count, values.RawMemory.Slice(run * width, width));
            }
        }

        private void Expand<T>(int run, int start, int count, ColumnVector target)
            where T : unmanaged
        {
            var source = MemoryMarshal.Cast<byte, T>(values.RawData);
            var output = target.PrepareFlat<T>(count);

            // Runs are often a handful of rows (an order's lines share a customer): a plain store loop per run beats a
            // Span.Fill call, whose setup costs more than the few stores it saves. Long runs still fill in bulk.
            ref var first = ref MemoryMarshal.GetReference(output);
            var i = 0;
            for (var r = run; i < count; r++)
            {
                var end = Math.Min(ends[r] - start, count);
                var value = source[r];
                if (end - i >= 32)
                {
                    output[i..end].Fill(value);
                    i = end;
                    continue;
                }

                while (i < end)
                {
                    System.Runtime.CompilerServices.Unsafe.Add(ref first, i++) = value;
                }
            }
        }
    }
}
