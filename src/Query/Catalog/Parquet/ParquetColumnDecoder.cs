using System.Buffers.Binary;
using Olap.Columnar.Vectors;
using ParquetSharp;

namespace Olap.Query.Catalog.Parquet;

/// <summary>
/// Reads batches of one Parquet column into flat vectors: physical values and definition levels straight from
/// ParquetSharp's column reader into reused buffers, then converted and spread over the rows with NULLs marked in
/// the vector's validity mask. One decoder per column and scan; not thread-safe.
/// </summary>
internal sealed class ParquetColumnDecoder(ParquetColumnKind kind)
{
    private static readonly long s_unixEpochJulianDay = 2_440_588;

    private short[] _levels = [];
    private byte[] _validity = [];
    private Array? _values;

    public ParquetColumnKind Kind => kind;

    /// <summary>Reads the next <paramref name="rows"/> rows of <paramref name="reader"/> into <paramref name="target"/>.</summary>
    public void Read(ColumnReader reader, int rows, ColumnVector target)
    {
        switch (kind.Conversion)
        {
            case ParquetConversion.Boolean:
                ReadFixed<bool, byte, BooleanToByte>((ColumnReader<bool>)reader, rows, target, default);
                break;
            case ParquetConversion.Int32:
                ReadFixed<int, int, Same<int>>((ColumnReader<int>)reader, rows, target, default);
                break;
            case ParquetConversion.Int32ToSmallInt:
                ReadFixed<int, short, Int32ToInt16>((ColumnReader<int>)reader, rows, target, default);
                break;
            case ParquetConversion.Int32ToBigInt:
                ReadFixed<int, long, UInt32ToInt64>((ColumnReader<int>)reader, rows, target, default);
                break;
            case ParquetConversion.Int32Date:
                ReadFixed<int, int, Same<int>>((ColumnReader<int>)reader, rows, target, default);
                break;
            case ParquetConversion.Int32Decimal:
                ReadFixed<int, long, Int32ToInt64>((ColumnReader<int>)reader, rows, target, default);
                break;
            case ParquetConversion.Int64 or ParquetConversion.Int64Decimal or ParquetConversion.TimestampMicros:
                ReadFixed<long, long, Same<long>>((ColumnReader<long>)reader, rows, target, default);
                break;
            case ParquetConversion.UInt64:
                ReadFixed<long, long, UInt64ToInt64>((ColumnReader<long>)reader, rows, target, new UInt64ToInt64(kind.Name));
                break;
            case ParquetConversion.TimestampMillis:
                ReadFixed<long, long, MillisToMicros>((ColumnReader<long>)reader, rows, target, default);
                break;
            case ParquetConversion.TimestampNanos:
                ReadFixed<long, long, NanosToMicros>((ColumnReader<long>)reader, rows, target, default);
                break;
            case ParquetConversion.Int96Timestamp:
                ReadFixed<Int96, long, Int96ToMicros>((ColumnReader<Int96>)reader, rows, target, default);
                break;
            case ParquetConversion.Float:
                ReadFixed<float, double, FloatToDouble>((ColumnReader<float>)reader, rows, target, default);
                break;
            case ParquetConversion.Double:
                ReadFixed<double, double, Same<double>>((ColumnReader<double>)reader, rows, target, default);
                break;
            case ParquetConversion.ByteArrayString:
                ReadStrings((ColumnReader<ByteArray>)reader, rows, target);
                break;
            case ParquetConversion.ByteArrayDecimal:
                ReadFixed<ByteArray, long, BytesToDecimal>((ColumnReader<ByteArray>)reader, rows, target, default);
                break;
            case ParquetConversion.FixedDecimal:
                ReadFixed<FixedLenByteArray, long, FixedToDecimal>((ColumnReader<FixedLenByteArray>)reader, rows, target, new FixedToDecimal(reader.ColumnDescriptor.TypeLength));
                break;
            case ParquetConversion.ByteArrayWideDecimal:
                ReadFixed<ByteArray, Int128, BytesToWideDecimal>((ColumnReader<ByteArray>)reader, rows, target, default);
                break;
            case ParquetConversion.FixedWideDecimal:
                ReadFixed<FixedLenByteArray, Int128, FixedToWideDecimal>((ColumnReader<FixedLenByteArray>)reader, rows, target, new FixedToWideDecimal(reader.ColumnDescriptor.TypeLength));
                break;
            default:
                ReadFixedStrings((ColumnReader<FixedLenByteArray>)reader, rows, target);
                break;
        }
    }

    private void ReadFixed<TPhysical, TValue, TConvert>(ColumnReader<TPhysical> reader, int rows, ColumnVector target, TConvert convert)
        where TPhysical : unmanaged
        where TValue : unmanaged
        where TConvert : struct, IValueConverter<TPhysical, TValue>
    {
        var output = target.PrepareFlat<TValue>(rows);
        if (typeof(TPhysical) == typeof(TValue) && TConvert.IsIdentity && !kind.Optional)
        {
            // Same layout, nothing to convert and no NULLs: the values go straight into the vector.
            ReadAll(reader, rows, System.Runtime.InteropServices.MemoryMarshal.Cast<TValue, TPhysical>(output), default);
            return;
        }

        var values = Buffer<TPhysical>(rows);
        var levels = kind.Optional ? Levels(rows) : default;
        var valueCount = ReadAll(reader, rows, values, levels);
        if (valueCount == rows)
        {
            // No NULL in the batch (the common case): a straight conversion loop, no levels to look at.
            if (typeof(TPhysical) == typeof(TValue) && TConvert.IsIdentity)
            {
                System.Runtime.InteropServices.MemoryMarshal.Cast<TPhysical, TValue>(values).CopyTo(output);
                return;
            }

            for (var i = 0; i < rows; i++)
            {
                output[i] = convert.Convert(values[i]);
            }

            return;
        }

        var validity = Validity(rows);
        var v = 0;
        for (var row = 0; row < rows; row++)
        {
            if (levels[row] != 0)
            {
                output[row] = convert.Convert(values[v++]);
                validity[row >> 3] |= (byte)(1 << (row & 7));
            }
            else
            {
                output[row] = default;
            }
        }

        MarkNulls(target, rows, valueCount);
    }

    private unsafe void ReadStrings(ColumnReader<ByteArray> reader, int rows, ColumnVector target)
    {
        var values = Buffer<ByteArray>(rows);
        var levels = kind.Optional ? Levels(rows) : default;
        var valueCount = ReadAll(reader, rows, values, levels);
        var bytes = 0;
        for (var i = 0; i < valueCount; i++)
        {
            bytes += values[i].Length;
        }

        target.PrepareFlatStrings(rows, bytes, out var offsets, out var heap);
        var validity = kind.Optional ? Validity(rows) : default;
        var v = 0;
        var position = 0;
        offsets[0] = 0;
        for (var row = 0; row < rows; row++)
        {
            if (!kind.Optional || levels[row] != 0)
            {
                var value = values[v++];
                new ReadOnlySpan<byte>((void*)value.Pointer, value.Length).CopyTo(heap[position..]);
                position += value.Length;
                if (kind.Optional)
                {
                    validity[row >> 3] |= (byte)(1 << (row & 7));
                }
            }

            offsets[row + 1] = position;
        }

        if (kind.Optional)
        {
            MarkNulls(target, rows, valueCount);
        }
    }

    private unsafe void ReadFixedStrings(ColumnReader<FixedLenByteArray> reader, int rows, ColumnVector target)
    {
        var width = reader.ColumnDescriptor.TypeLength;
        var values = Buffer<FixedLenByteArray>(rows);
        var levels = kind.Optional ? Levels(rows) : default;
        var valueCount = ReadAll(reader, rows, values, levels);
        target.PrepareFlatStrings(rows, valueCount * width, out var offsets, out var heap);
        var validity = kind.Optional ? Validity(rows) : default;
        var v = 0;
        var position = 0;
        offsets[0] = 0;
        for (var row = 0; row < rows; row++)
        {
            if (!kind.Optional || levels[row] != 0)
            {
                new ReadOnlySpan<byte>((void*)values[v++].Pointer, width).CopyTo(heap[position..]);
                position += width;
                if (kind.Optional)
                {
                    validity[row >> 3] |= (byte)(1 << (row & 7));
                }
            }

            offsets[row + 1] = position;
        }

        if (kind.Optional)
        {
            MarkNulls(target, rows, valueCount);
        }
    }

    /// <summary>Reads exactly <paramref name="rows"/> levels (ReadBatch may stop at page ends); returns the values read.</summary>
    private int ReadAll<T>(ColumnReader<T> reader, int rows, Span<T> values, Span<short> levels)
        where T : unmanaged
    {
        var done = 0;
        var valueCount = 0;
        while (done < rows)
        {
            long levelsRead;
            long valuesRead;
            if (levels.IsEmpty)
            {
                levelsRead = reader.ReadBatch(rows - done, values[valueCount..], out valuesRead);
            }
            else
            {
                levelsRead = reader.ReadBatch(rows - done, levels[done..], default, values[valueCount..], out valuesRead);
            }

            if (levelsRead == 0)
            {
                throw new QueryException($"column {kind.Name}: the row group ends after {done} of its {rows} rows (a truncated or corrupt file)");
            }

            done += (int)levelsRead;
            valueCount += (int)valuesRead;
        }

        return valueCount;
    }

    private void MarkNulls(ColumnVector target, int rows, int valueCount)
    {
        if (valueCount < rows)
        {
            target.Validity.Reference(_validity.AsMemory(0, Columnar.Vectors.ValidityMask.ByteCount(rows)));
        }
    }

    private Span<T> Buffer<T>(int rows)
        where T : unmanaged
    {
        if (_values is not T[] buffer || buffer.Length < rows)
        {
            buffer = new T[rows];
            _values = buffer;
        }

        return buffer.AsSpan(0, rows);
    }

    private Span<short> Levels(int rows)
    {
        if (_levels.Length < rows)
        {
            _levels = new short[rows];
        }

        return _levels.AsSpan(0, rows);
    }

    private Span<byte> Validity(int rows)
    {
        var bytes = Columnar.Vectors.ValidityMask.ByteCount(rows);
        if (_validity.Length < bytes)
        {
            // A vector keeps referencing its mask until the next batch, so each decoder owns one buffer.
            _validity = new byte[bytes];
        }

        var validity = _validity.AsSpan(0, bytes);
        validity.Clear();
        return validity;
    }

    /// <summary>Impala/Spark INT96: nanoseconds of the day (8 bytes, little-endian), then the Julian day (4 bytes).</summary>
    internal static long Int96Micros(Int96 value)
    {
        var nanos = ((long)(uint)value.B << 32) | (uint)value.A;
        var day = (long)(uint)value.C - s_unixEpochJulianDay;
        return (day * 86_400_000_000L) + (nanos / 1000);
    }

    /// <summary>A wide decimal's unscaled value: big-endian two's complement, at most 16 significant bytes for 38 digits.</summary>
    internal static unsafe Int128 BigEndianWideDecimal(ByteArray value)
    {
        var bytes = new ReadOnlySpan<byte>((void*)value.Pointer, value.Length);
        if (bytes.Length > 16)
        {
            bytes = bytes[^16..];
        }

        if (bytes.IsEmpty)
        {
            return 0;
        }

        Span<byte> padded = stackalloc byte[16];
        padded.Fill((bytes[0] & 0x80) != 0 ? (byte)0xFF : (byte)0);
        bytes.CopyTo(padded[(16 - bytes.Length)..]);
        return BinaryPrimitives.ReadInt128BigEndian(padded);
    }

    /// <summary>A decimal's unscaled value as big-endian two's complement bytes (at most 8 significant ones for 18 digits).</summary>
    internal static long BigEndianDecimal(ByteArray value) => (long)BigEndianWideDecimal(value);
}

/// <summary>Converts one physical Parquet value into the vector's representation; a struct, so the JIT inlines it per type.</summary>
internal interface IValueConverter<TIn, TOut>
{
    static virtual bool IsIdentity => false;

    TOut Convert(TIn value);
}

internal readonly struct Same<T> : IValueConverter<T, T>
{
    public static bool IsIdentity => true;

    public T Convert(T value) => value;
}

internal readonly struct BooleanToByte : IValueConverter<bool, byte>
{
    public byte Convert(bool value) => value ? (byte)1 : (byte)0;
}

internal readonly struct Int32ToInt16 : IValueConverter<int, short>
{
    public short Convert(int value) => (short)value;
}

internal readonly struct Int32ToInt64 : IValueConverter<int, long>
{
    public long Convert(int value) => value;
}

internal readonly struct UInt32ToInt64 : IValueConverter<int, long>
{
    public long Convert(int value) => (uint)value;
}

internal readonly struct UInt64ToInt64(string column) : IValueConverter<long, long>
{
    public long Convert(long value) => value >= 0 ? value : throw new QueryException($"column {column}: the unsigned value {(ulong)value} does not fit BIGINT");
}

internal readonly struct MillisToMicros : IValueConverter<long, long>
{
    public long Convert(long value) => value * 1000;
}

internal readonly struct NanosToMicros : IValueConverter<long, long>
{
    public long Convert(long value) => Math.DivRem(value, 1000L).Quotient - (value % 1000 < 0 ? 1 : 0);
}

internal readonly struct Int96ToMicros : IValueConverter<Int96, long>
{
    public long Convert(Int96 value) => ParquetColumnDecoder.Int96Micros(value);
}

internal readonly struct FloatToDouble : IValueConverter<float, double>
{
    public double Convert(float value) => value;
}

internal readonly struct BytesToDecimal : IValueConverter<ByteArray, long>
{
    public long Convert(ByteArray value) => ParquetColumnDecoder.BigEndianDecimal(value);
}

internal readonly struct FixedToDecimal(int width) : IValueConverter<FixedLenByteArray, long>
{
    public long Convert(FixedLenByteArray value) => ParquetColumnDecoder.BigEndianDecimal(new ByteArray(value.Pointer, width));
}

internal readonly struct BytesToWideDecimal : IValueConverter<ByteArray, Int128>
{
    public Int128 Convert(ByteArray value) => ParquetColumnDecoder.BigEndianWideDecimal(value);
}

internal readonly struct FixedToWideDecimal(int width) : IValueConverter<FixedLenByteArray, Int128>
{
    public Int128 Convert(FixedLenByteArray value) => ParquetColumnDecoder.BigEndianWideDecimal(new ByteArray(value.Pointer, width));
}
