using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.Types;
using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Query.Arrow;

/// <summary>
/// Olap vectors to Arrow arrays and back. The layouts mostly agree — fixed-width values, UTF-8 strings as int32
/// offsets plus bytes, validity as LSB-first bits with 1 for a value, dates as days and timestamps as microseconds
/// since 1970 — so a conversion is one copy of each buffer. BOOLEAN is bytes here and bits in Arrow; HUGEINT and
/// DECIMAL become Arrow decimal128, as DuckDB exports them.
/// </summary>
public static class ArrowConversion
{
    public static Schema SchemaOf(IReadOnlyList<ResultColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var builder = new Schema.Builder();
        foreach (var column in columns)
        {
            builder.Field(f => f.Name(column.Name).DataType(ArrowTypeOf(column.Type)).Nullable(true));
        }

        return builder.Build();
    }

    public static IArrowType ArrowTypeOf(ColumnType type) => type.Id switch
    {
        LogicalTypeId.Boolean => BooleanType.Default,
        LogicalTypeId.SmallInt => Int16Type.Default,
        LogicalTypeId.Integer => Int32Type.Default,
        LogicalTypeId.BigInt => Int64Type.Default,
        LogicalTypeId.HugeInt => new Decimal128Type(38, 0),
        LogicalTypeId.Double => DoubleType.Default,
        LogicalTypeId.Decimal => new Decimal128Type(type.Precision, type.Scale),
        LogicalTypeId.Varchar => StringType.Default,
        LogicalTypeId.Date => Date32Type.Default,
        LogicalTypeId.Timestamp => new TimestampType(TimeUnit.Microsecond, (string?)null),
        _ => throw new InvalidOperationException($"{type} has no Arrow type"),
    };

    /// <summary>The Olap type an Arrow field is read as, or an error naming the field and its type.</summary>
    public static ColumnType OlapTypeOf(Field field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.DataType switch
        {
            BooleanType => ColumnType.Boolean,
            Int8Type or Int16Type or UInt8Type => ColumnType.SmallInt,
            Int32Type or UInt16Type => ColumnType.Integer,
            Int64Type or UInt32Type => ColumnType.BigInt,
            FloatType or DoubleType => ColumnType.Double,
            StringType => ColumnType.Varchar,
            Date32Type or Date64Type => ColumnType.Date,
            TimestampType => ColumnType.Timestamp,
            Decimal128Type d when d.Precision <= ColumnType.MaxWideDecimalPrecision => ColumnType.Decimal(d.Precision, d.Scale),
            var other => throw new QueryException($"Arrow column {field.Name} has type {other.Name}, which is not supported"),
        };
    }

    /// <summary>A record batch of a chunk's rows; the chunk must be flat without a selection (a result stream's chunks are).</summary>
    public static RecordBatch ToRecordBatch(Schema schema, DataChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        return ToRecordBatch(schema, chunk.Columns, chunk.Count);
    }

    /// <summary>
    /// A record batch of the first <paramref name="rows"/> rows of flat vectors, one per schema field. With
    /// <paramref name="shareBuffers"/> the batch references the vectors' memory where Arrow's layout is the same (every
    /// type but BOOLEAN and 64-bit DECIMAL) instead of copying it: only for vectors whose memory is never reused.
    /// </summary>
    public static RecordBatch ToRecordBatch(Schema schema, IReadOnlyList<ColumnVector> columns, int rows, bool shareBuffers)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(columns);
        var arrays = new IArrowArray[columns.Count];
        for (var c = 0; c < arrays.Length; c++)
        {
            arrays[c] = ToArray(schema.FieldsList[c].DataType, columns[c], rows, shareBuffers);
        }

        return new RecordBatch(schema, arrays, rows);
    }

    /// <summary>A record batch of the first <paramref name="rows"/> rows of flat vectors, copied.</summary>
    public static RecordBatch ToRecordBatch(Schema schema, IReadOnlyList<ColumnVector> columns, int rows)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(columns);
        var arrays = new IArrowArray[columns.Count];
        for (var c = 0; c < arrays.Length; c++)
        {
            arrays[c] = ToArray(schema.FieldsList[c].DataType, columns[c], rows, shareBuffers: false);
        }

        return new RecordBatch(schema, arrays, rows);
    }

    private static IArrowArray ToArray(IArrowType arrowType, ColumnVector vector, int rows, bool shareBuffers)
    {
        ArrowBuffer Take(Memory<byte> memory, int bytes) => shareBuffers ? new ArrowBuffer(memory[..bytes]) : Copy(memory.Span[..bytes]);

        var (validity, nulls) = Validity(vector, rows, shareBuffers);
        ArrowBuffer[] buffers = vector.Type.Id switch
        {
            LogicalTypeId.Boolean => [validity, BooleanBits(vector, rows)],
            LogicalTypeId.Varchar => [validity, Take(vector.RawMemory, (rows + 1) * sizeof(int)), Take(vector.HeapMemory, vector.StringOffsets[rows])],
            LogicalTypeId.HugeInt => [validity, Take(vector.RawMemory, rows * 16)],
            LogicalTypeId.Decimal when vector.Type.Physical == PhysicalKind.Int64 => [validity, WidenDecimals(vector.Values<long>()[..rows])],
            LogicalTypeId.Decimal => [validity, Take(vector.RawMemory, rows * 16)],
            _ => [validity, Take(vector.RawMemory, rows * vector.Type.FixedWidth)],
        };
        return ArrowArrayFactory.BuildArray(new ArrayData(arrowType, rows, nulls, 0, buffers));
    }

    /// <summary>Fills <paramref name="target"/> (flat) with rows [<paramref name="start"/>, start + <paramref name="count"/>) of an Arrow array.</summary>
    public static void ToVector(IArrowArray array, ColumnType type, int start, int count, ColumnVector target)
    {
        ArgumentNullException.ThrowIfNull(array);
        ArgumentNullException.ThrowIfNull(target);
        var data = array.Data;
        var offset = data.Offset + start;
        switch (array)
        {
            case BooleanArray booleans:
            {
                var values = target.PrepareFlat<byte>(count);
                for (var i = 0; i < count; i++)
                {
                    values[i] = booleans.GetValue(start + i) == true ? (byte)1 : (byte)0;
                }

                break;
            }

            case Int8Array a: Widen<sbyte, short>(a.Values, start, count, target, static v => v); break;
            case UInt8Array a: Widen<byte, short>(a.Values, start, count, target, static v => v); break;
            case Int16Array a: a.Values.Slice(start, count).CopyTo(target.PrepareFlat<short>(count)); break;
            case UInt16Array a: Widen<ushort, int>(a.Values, start, count, target, static v => v); break;
            case Int32Array a: a.Values.Slice(start, count).CopyTo(target.PrepareFlat<int>(count)); break;
            case UInt32Array a: Widen<uint, long>(a.Values, start, count, target, static v => v); break;
            case Int64Array a: a.Values.Slice(start, count).CopyTo(target.PrepareFlat<long>(count)); break;
            case FloatArray a: Widen<float, double>(a.Values, start, count, target, static v => v); break;
            case DoubleArray a: a.Values.Slice(start, count).CopyTo(target.PrepareFlat<double>(count)); break;
            case Date32Array a: a.Values.Slice(start, count).CopyTo(target.PrepareFlat<int>(count)); break;
            case Date64Array a: Widen<long, int>(a.Values, start, count, target, static v => (int)Math.Floor(v / 86_400_000.0)); break;
            case TimestampArray a:
            {
                var unit = ((TimestampType)a.Data.DataType).Unit;
                var values = target.PrepareFlat<long>(count);
                var source = a.Values.Slice(start, count);
                for (var i = 0; i < count; i++)
                {
                    values[i] = unit switch
                    {
                        TimeUnit.Second => source[i] * 1_000_000,
                        TimeUnit.Millisecond => source[i] * 1000,
                        TimeUnit.Nanosecond => Math.DivRem(source[i], 1000L).Quotient - (source[i] % 1000 < 0 ? 1 : 0),
                        _ => source[i],
                    };
                }

                break;
            }

            case StringArray strings:
            {
                var offsets = strings.ValueOffsets.Slice(start, count + 1);
                var first = offsets[0];
                var bytes = offsets[count] - first;
                target.PrepareFlatStrings(count, bytes, out var targetOffsets, out var heap);
                strings.Values.Slice(first, bytes).CopyTo(heap);
                for (var i = 0; i <= count; i++)
                {
                    targetOffsets[i] = offsets[i] - first;
                }

                break;
            }

            case Decimal128Array decimals:
            {
                var raw = MemoryMarshal.Cast<byte, Int128>(decimals.ValueBuffer.Span).Slice(offset, count);
                if (type.Physical == PhysicalKind.Int64)
                {
                    var values = target.PrepareFlat<long>(count);
                    for (var i = 0; i < count; i++)
                    {
                        values[i] = (long)raw[i];
                    }
                }
                else
                {
                    raw.CopyTo(target.PrepareFlat<Int128>(count));
                }

                break;
            }

            default:
                throw new QueryException($"Arrow arrays of type {array.Data.DataType.Name} are not supported");
        }

        if (array.NullCount > 0)
        {
            var bits = new byte[ValidityMask.ByteCount(count)];
            var any = false;
            for (var i = 0; i < count; i++)
            {
                if (array.IsValid(start + i))
                {
                    bits[i >> 3] |= (byte)(1 << (i & 7));
                }
                else
                {
                    any = true;
                }
            }

            if (any)
            {
                target.Validity.Reference(bits);
            }
        }
    }

    private static void Widen<TIn, TOut>(ReadOnlySpan<TIn> source, int start, int count, ColumnVector target, Func<TIn, TOut> convert)
        where TIn : unmanaged
        where TOut : unmanaged
    {
        var values = target.PrepareFlat<TOut>(count);
        var slice = source.Slice(start, count);
        for (var i = 0; i < count; i++)
        {
            values[i] = convert(slice[i]);
        }
    }

    private static (ArrowBuffer Bits, int Nulls) Validity(ColumnVector vector, int rows, bool shareBuffers)
    {
        if (vector.Validity.AllValid)
        {
            return (ArrowBuffer.Empty, 0);
        }

        var nulls = vector.Validity.CountNulls(rows);
        var bytes = ValidityMask.ByteCount(rows);
        return nulls == 0 ? (ArrowBuffer.Empty, 0)
            : shareBuffers ? (new ArrowBuffer(vector.Validity.BitsMemory[..bytes]), nulls)
            : (Copy(vector.Validity.Bits[..bytes]), nulls);
    }

    private static ArrowBuffer BooleanBits(ColumnVector vector, int rows)
    {
        var bits = new byte[ValidityMask.ByteCount(rows)];
        var values = vector.Values<byte>();
        for (var i = 0; i < rows; i++)
        {
            if (values[i] != 0)
            {
                bits[i >> 3] |= (byte)(1 << (i & 7));
            }
        }

        return new ArrowBuffer(bits);
    }

    private static ArrowBuffer WidenDecimals(ReadOnlySpan<long> values)
    {
        var wide = new Int128[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            wide[i] = values[i];
        }

        return new ArrowBuffer(MemoryMarshal.AsBytes(wide.AsSpan()).ToArray());
    }

    private static ArrowBuffer Copy(ReadOnlySpan<byte> bytes) => new(bytes.ToArray());
}
