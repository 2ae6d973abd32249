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
                ReadFixed<bool, byte>((ColumnReader<bool>)reader, rows, target, static v => v ? (byte)1 : (byte)0);
                break;
            case ParquetConversion.Int32:
                ReadFixed<int, int>((ColumnReader<int>)reader, rows, target, static v => v);
                break;
            case ParquetConversion.Int32ToSmallInt:
                ReadFixed<int, short>((ColumnReader<int>)reader, rows, target, static v => (short)v);
                break;
            case ParquetConversion.Int32ToBigInt:
                ReadFixed<int, long>((ColumnReader<int>)reader, rows, target, static v => (uint)v);
                break;
            case ParquetConversion.Int32Date:
                ReadFixed<int, int>((ColumnReader<int>)reader, rows, target, static v => v);
                break;
            case ParquetConversion.Int32Decimal:
                ReadFixed<int, long>((ColumnReader<int>)reader, rows, target, static v => v);
                break;
            case ParquetConversion.Int64 or ParquetConversion.Int64Decimal or ParquetConversion.TimestampMicros:
                ReadFixed<long, long>((ColumnReader<long>)reader, rows, target, static v => v);
                break;
            case ParquetConversion.UInt64:
                ReadFixed<long, long>((ColumnReader<long>)reader, rows, target, v => v >= 0 ? v : throw new QueryException($"column {kind.Name}: the unsigned value {(ulong)v} does not fit BIGINT"));
                break;
            case ParquetConversion.TimestampMillis:
                ReadFixed<long, long>((ColumnReader<long>)reader, rows, target, static v => v * 1000);
                break;
            case ParquetConversion.TimestampNanos:
                ReadFixed<long, long>((ColumnReader<long>)reader, rows, target, static v => Math.DivRem(v, 1000L).Quotient - (v % 1000 < 0 ? 1 : 0));
                break;
            case ParquetConversion.Int96Timestamp:
                ReadFixed<Int96, long>((ColumnReader<Int96>)reader, rows, target, static v => Int96Micros(v));
                break;
            case ParquetConversion.Float:
                ReadFixed<float, double>((ColumnReader<float>)reader, rows, target, static v => v);
                break;
            case ParquetConversion.Double:
                ReadFixed<double, double>((ColumnReader<double>)reader, rows, target, static v => v);
                break;
            case ParquetConversion.ByteArrayString:
                ReadStrings((ColumnReader<ByteArray>)reader, rows, target);
                break;
            case ParquetConversion.ByteArrayDecimal:
                ReadFixed<ByteArray, long>((ColumnReader<ByteArray>)reader, rows, target, static v => BigEndianDecimal(v));
                break;
            case ParquetConversion.FixedDecimal:
                ReadFixed<FixedLenByteArray, long>((ColumnReader<FixedLenByteArray>)reader, rows, target, v => BigEndianDecimal(new ByteArray(v.Pointer, reader.ColumnDescriptor.TypeLength)));
                break;
            case ParquetConversion.ByteArrayWideDecimal:
                ReadFixed<ByteArray, Int128>((ColumnReader<ByteArray>)reader, rows, target, static v => BigEndianWideDecimal(v));
                break;
            case ParquetConversion.FixedWideDecimal:
                ReadFixed<FixedLenByteArray, Int128>((ColumnReader<FixedLenByteArray>)reader, rows, target, v => BigEndianWideDecimal(new ByteArray(v.Pointer, reader.ColumnDescriptor.TypeLength)));
                break;
            default:
                ReadFixedStrings((ColumnReader<FixedLenByteArray>)reader, rows, target);
                break;
        }
    }

    private void ReadFixed<TPhysical, TValue>(ColumnReader<TPhysical> reader, int rows, ColumnVector target, Func<TPhysical, TValue> convert)
        where TPhysical : unmanaged
        where TValue : unmanaged
    {
        var values = Buffer<TPhysical>(rows);
        var output = target.PrepareFlat<TValue>(rows);
        if (!kind.Optional)
        {
            var read = ReadAll(reader, rows, values, default);
            for (var i = 0; i < read; i++)
            {
                output[i] = convert(values[i]);
            }

            return;
        }

        var levels = Levels(rows);
        var valueCount = ReadAll(reader, rows, values, levels);
        var validity = Validity(rows);
        var v = 0;
        for (var row = 0; row < rows; row++)
        {
            if (levels[row] != 0)
            {
                output[row] = convert(values[v++]);
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
    private static long Int96Micros(Int96 value)
    {
        var nanos = ((long)(uint)value.B << 32) | (uint)value.A;
        var day = (long)(uint)value.C - s_unixEpochJulianDay;
        return (day * 86_400_000_000L) + (nanos / 1000);
    }

    /// <summary>A wide decimal's unscaled value: big-endian two's complement, at most 16 significant bytes for 38 digits.</summary>
    private static unsafe Int128 BigEndianWideDecimal(ByteArray value)
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

    /// <summary>A decimal's unscaled value as big-endian two's complement bytes (at most 8 of them for 18 digits).</summary>
    private static unsafe long BigEndianDecimal(ByteArray value)
    {
        var bytes = new ReadOnlySpan<byte>((void*)value.Pointer, value.Length);
        if (bytes.Length > 8)
        {
            // Wider encodings of values that fit 18 digits carry only sign bytes in front.
            bytes = bytes[^8..];
        }

        if (bytes.IsEmpty)
        {
            return 0;
        }

        Span<byte> padded = stackalloc byte[8];
        padded.Fill((bytes[0] & 0x80) != 0 ? (byte)0xFF : (byte)0);
        bytes.CopyTo(padded[(8 - bytes.Length)..]);
        return BinaryPrimitives.ReadInt64BigEndian(padded);
    }
}
