using System.Runtime.InteropServices;
using Olap.Columnar.Predicates;
using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Columnar.Encoding;

/// <summary>
/// Values as they are in a flat vector: fixed-width values back to back, or for strings
/// <c>count + 1</c> int32 offsets followed by the UTF-8 bytes. Decoding references the payload in place.
/// </summary>
public sealed class PlainEncoding : IColumnEncoding
{
    public static readonly PlainEncoding Instance = new();

    public EncodingKind Kind => EncodingKind.Plain;

    public long EstimateSize(ColumnVector values, ChunkAnalysis analysis) => Size(values);

    /// <summary>The plain size of a flat vector, which other codecs use for their value sections too.</summary>
    public static long Size(ColumnVector values) => values.Type.Physical == PhysicalKind.String
        ? ((values.Count + 1L) * sizeof(int)) + values.StringOffsets[values.Count] - values.StringOffsets[0]
        : (long)values.Count * values.Type.FixedWidth;

    public void Encode(ColumnVector values, ChunkAnalysis analysis, PayloadWriter writer) => Write(values, writer);

    /// <summary>Writes a flat vector plainly; dictionary, run-length and bitmap payloads embed their distinct values this way.</summary>
    public static void Write(ColumnVector values, PayloadWriter writer)
    {
        if (values.Type.Physical != PhysicalKind.String)
        {
            writer.WriteBytes(values.RawData[..(values.Count * values.Type.FixedWidth)]);
            return;
        }

        var offsets = values.StringOffsets[..(values.Count + 1)];
        var first = offsets[0];
        var span = MemoryMarshal.Cast<byte, int>(writer.GetSpan(offsets.Length * sizeof(int)));
        for (var i = 0; i < offsets.Length; i++)
        {
            span[i] = offsets[i] - first;
        }

        writer.WriteBytes(values.Heap[first..offsets[^1]]);
    }

    public EncodedColumn Open(ColumnType type, int rowCount, ReadOnlyMemory<byte> payload)
    {
        var view = new ColumnVector(type);
        var used = Read(type, rowCount, payload, view, "plain");
        if (used != payload.Length)
        {
            throw new InvalidDataException($"plain payload: {payload.Length - used} bytes follow the values of {rowCount} rows.");
        }

        return new PlainColumn(type, rowCount, view);
    }

    /// <summary>
    /// Points <paramref name="view"/> at <paramref name="count"/> plain values at the start of <paramref name="payload"/>,
    /// validating string offsets, and returns the bytes they take.
    /// </summary>
    public static int Read(ColumnType type, int count, ReadOnlyMemory<byte> payload, ColumnVector view, string what)
    {
        var reader = new PayloadReader(payload.Span, what);
        var memory = MemoryMarshal.AsMemory(payload);
        if (type.Physical != PhysicalKind.String)
        {
            var needed = (long)count * type.FixedWidth;
            if (needed > reader.Remaining)
            {
                throw reader.Corrupt($"{count} values of {type.FixedWidth} bytes need {needed} bytes but only {reader.Remaining} are there");
            }

            var bytes = (int)needed;
            view.ReferenceFlat(count, memory[..bytes]);
            return bytes;
        }

        var offsetBytesNeeded = ((long)count + 1) * sizeof(int);
        if (offsetBytesNeeded > reader.Remaining)
        {
            throw reader.Corrupt($"{count} strings need {offsetBytesNeeded} bytes of offsets but only {reader.Remaining} are there");
        }

        var offsetBytes = (int)offsetBytesNeeded;
        reader.Skip(offsetBytes, "the string offsets");
        var offsets = MemoryMarshal.Cast<byte, int>(payload.Span[..offsetBytes]);
        if (offsets[0] != 0)
        {
            throw reader.Corrupt($"the first string offset is {offsets[0]}, not 0");
        }

        for (var i = 1; i < offsets.Length; i++)
        {
            if (offsets[i] < offsets[i - 1])
            {
                throw reader.Corrupt($"string offset {i} ({offsets[i]}) is below offset {i - 1} ({offsets[i - 1]})");
            }
        }

        var heapStart = reader.Skip(offsets[count], "the string bytes");
        view.ReferenceFlat(count, memory[..offsetBytes], memory.Slice(heapStart, offsets[count]));
        return heapStart + offsets[count];
    }

    private sealed class PlainColumn(ColumnType type, int rowCount, ColumnVector view) : EncodedColumn(type, rowCount)
    {
        public override EncodingKind Kind => EncodingKind.Plain;

        public override void Decode(int start, int count, ColumnVector target)
        {
            CheckRange(start, count);
            CopyView(view, start, count, target);
        }

        public override void Filter(ColumnPredicate predicate, int start, int count, Span<ulong> bits)
        {
            CheckRange(start, count);
            PredicateEvaluator.Evaluate(predicate, view, start, count, bits);
        }
    }

    /// <summary>Makes <paramref name="target"/> reference rows [start, start + count) of a plain view without copying.</summary>
    public static void CopyView(ColumnVector view, int start, int count, ColumnVector target)
    {
        if (view.Type.Physical == PhysicalKind.String)
        {
            target.ReferenceFlat(count, view.RawMemory.Slice(start * sizeof(int), (count + 1) * sizeof(int)), view.HeapMemory);
        }
        else
        {
            var width = view.Type.FixedWidth;
            target.ReferenceFlat(count, view.RawMemory.Slice(start * width, count * width));
        }
    }
}
