using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Columnar.Text;

/// <summary>
/// One column's values for the chunk being read, in buffers the reader reuses from chunk to chunk. Leaner than a
/// <see cref="ColumnBuilder"/>: the chunk's capacity is known, so fixed-width values are stored by row without growth
/// checks, and the validity bitmap is kept (not reallocated) across chunks.
/// </summary>
internal sealed class TextColumn
{
    private readonly int _width;
    private readonly byte[] _data;
    private readonly byte[] _validity;
    private byte[] _heap = [];
    private int _heapLength;
    private bool _hasNulls;

    public TextColumn(ColumnType type, int capacity)
    {
        Type = type;
        IsString = type.Physical == PhysicalKind.String;
        _width = IsString ? sizeof(int) : type.FixedWidth;

        // Strings keep capacity + 1 offsets.
        _data = new byte[(capacity + 1) * _width];
        _validity = new byte[ValidityMask.ByteCount(capacity)];
    }

    public ColumnType Type { get; }

    public bool IsString { get; }

    public void Clear()
    {
        _heapLength = 0;
        if (_hasNulls)
        {
            _validity.AsSpan().Fill(0xFF);
            _hasNulls = false;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetInt64(int row, long value)
    {
        switch (_width)
        {
            case 1: _data[row] = (byte)value; break;
            case 2: MemoryMarshal.Write(_data.AsSpan(row * 2), (short)value); break;
            case 4: MemoryMarshal.Write(_data.AsSpan(row * 4), (int)value); break;
            default: MemoryMarshal.Write(_data.AsSpan(row * 8), value); break;
        }
    }

    public void SetDouble(int row, double value) => MemoryMarshal.Write(_data.AsSpan(row * 8), value);

    /// <summary>Strings must be set in row order: each ends where the next begins.</summary>
    public void SetString(int row, ReadOnlySpan<byte> utf8)
    {
        if (_heapLength + utf8.Length > _heap.Length)
        {
            Array.Resize(ref _heap, Math.Max(_heap.Length * 2, _heapLength + utf8.Length + 4096));
        }

        utf8.CopyTo(_heap.AsSpan(_heapLength));
        _heapLength += utf8.Length;
        MemoryMarshal.Write(_data.AsSpan((row + 1) * sizeof(int)), _heapLength);
    }

    public void SetNull(int row)
    {
        if (!_hasNulls)
        {
            _hasNulls = true;
            _validity.AsSpan().Fill(0xFF);
        }

        _validity[row >> 3] &= (byte)~(1 << (row & 7));
        if (IsString)
        {
            MemoryMarshal.Write(_data.AsSpan((row + 1) * sizeof(int)), _heapLength);
        }
        else
        {
            _data.AsSpan(row * _width, _width).Clear();
        }
    }

    /// <summary>Points <paramref name="vector"/> at the first <paramref name="count"/> rows without copying.</summary>
    public void ViewInto(ColumnVector vector, int count)
    {
        if (IsString)
        {
            MemoryMarshal.Write(_data.AsSpan(), 0);
            vector.ReferenceFlat(count, _data.AsMemory(0, (count + 1) * sizeof(int)), _heap.AsMemory(0, _heapLength));
        }
        else
        {
            vector.ReferenceFlat(count, _data.AsMemory(0, count * _width));
        }

        if (_hasNulls)
        {
            vector.Validity.Reference(_validity.AsMemory(0, ValidityMask.ByteCount(count)));
        }
    }
}
