using System.Runtime.InteropServices;
using Olap.Columnar.Types;

namespace Olap.Columnar.Vectors;

/// <summary>
/// Accumulates the values of one column, of any length, in growable buffers; <see cref="ToVector"/> views them as a flat
/// <see cref="ColumnVector"/> without copying. Writers buffer a row group this way; tests build columns with it.
/// </summary>
public sealed class ColumnBuilder
{
    private byte[] _data;
    private byte[] _heap = [];
    private int _heapLength;
    private byte[]? _validity;

    // Per row, its code in _codesDictionary while every string appended came from that one dictionary (-1 for NULL).
    private int[] _codes = [];
    private int _codesCount;
    private ColumnVector? _codesDictionary;
    private bool _codesBroken;

    public ColumnBuilder(ColumnType type, int capacity = VectorSize.Standard)
    {
        Type = type;
        var width = type.Physical == PhysicalKind.String ? sizeof(int) : type.FixedWidth;
        _data = new byte[Math.Max(capacity + 1, 16) * width];
    }

    public ColumnType Type { get; }

    public int Count { get; private set; }

    public int NullCount { get; private set; }

    /// <summary>Takes back the last value appended: a row that could not be completed.</summary>
    public void RemoveLast()
    {
        if (Count == 0)
        {
            throw new InvalidOperationException("There is no value to take back.");
        }

        var row = Count - 1;
        if (_validity is not null && (_validity[row >> 3] & (1 << (row & 7))) == 0)
        {
            _validity[row >> 3] |= (byte)(1 << (row & 7));
            NullCount--;
        }

        if (Type.Physical == PhysicalKind.String)
        {
            _heapLength = MemoryMarshal.Cast<byte, int>(_data.AsSpan())[row];
        }

        Count--;
        _codesBroken = true;
    }

    public void AppendNull()
    {
        EnsureValidity();
        AppendDefault();
        _validity![(Count - 1) >> 3] &= (byte)~(1 << ((Count - 1) & 7));
        NullCount++;
    }

    /// <summary>Appends <paramref name="count"/> NULLs at once: a constant NULL vector (a column a grouping set rolls up).</summary>
    public void AppendNulls(int count)
    {
        var first = Count;
        if (Type.Physical == PhysicalKind.String)
        {
            EnsureData(count * sizeof(int));
            var offsets = MemoryMarshal.Cast<byte, int>(_data.AsSpan());
            if (first == 0)
            {
                offsets[0] = 0;
            }

            offsets.Slice(first + 1, count).Fill(_heapLength);
        }
        else
        {
            var width = Type.FixedWidth;
            EnsureData(count * width);
            _data.AsSpan(first * width, count * width).Clear();
        }

        if (Type.Physical == PhysicalKind.String && !_codesBroken && _codesCount == first)
        {
            EnsureCodes(count);
            _codes.AsSpan(_codesCount, count).Fill(-1);
            _codesCount += count;
        }

        ReserveValidity(first + count);
        Count += count;
        NullCount += count;
        var validity = _validity!.AsSpan();
        var row = first;
        for (; row < Count && (row & 7) != 0; row++)
        {
            validity[row >> 3] &= (byte)~(1 << (row & 7));
        }

        var wholeBytes = (Count - row) >> 3;
        validity.Slice(row >> 3, wholeBytes).Clear();
        for (row += wholeBytes << 3; row < Count; row++)
        {
            validity[row >> 3] &= (byte)~(1 << (row & 7));
        }
    }

    /// <summary>Appends an integral value (BOOLEAN, SMALLINT, INTEGER, BIGINT, DECIMAL scaled, DATE days, TIMESTAMP micros).</summary>
    public void AppendInt64(long value)
    {
        switch (Type.Physical)
        {
            case PhysicalKind.Int8: Append((byte)value); break;
            case PhysicalKind.Int16: Append((short)value); break;
            case PhysicalKind.Int32: Append((int)value); break;
            case PhysicalKind.Int64: Append(value); break;
            case PhysicalKind.Int128: Append((Int128)value); break;
            default: throw new InvalidOperationException($"A {Type} column does not take integers.");
        }
    }

    /// <summary>Appends a HUGEINT or wide DECIMAL value.</summary>
    public void AppendInt128(Int128 value)
    {
        if (Type.Physical != PhysicalKind.Int128)
        {
            throw new InvalidOperationException($"A {Type} column does not take 128-bit integers.");
        }

        Append(value);
    }

    public void AppendDouble(double value)
    {
        if (Type.Physical != PhysicalKind.Double)
        {
            throw new InvalidOperationException($"A {Type} column does not take doubles.");
        }

        Append(value);
    }

    public void AppendString(string value) => AppendString(System.Text.Encoding.UTF8.GetBytes(value));

    public void AppendString(ReadOnlySpan<byte> utf8)
    {
        if (Type.Physical != PhysicalKind.String)
        {
            throw new InvalidOperationException($"A {Type} column does not take strings.");
        }

        EnsureHeap(utf8.Length);
        utf8.CopyTo(_heap.AsSpan(_heapLength));
        _heapLength += utf8.Length;
        AppendOffsetAfterValue();
    }

    public void Append(ScalarValue value)
    {
        switch (value.Kind)
        {
            case ScalarKind.Null: AppendNull(); break;
            case ScalarKind.Integer: AppendInt64(value.Int64); break;
            case ScalarKind.HugeInteger: AppendInt128(value.Int128); break;
            case ScalarKind.Double: AppendDouble(value.Double); break;
            default: AppendString(value.Utf8); break;
        }
    }

    /// <summary>Appends row <paramref name="row"/> of <paramref name="source"/> (any form) of the same type.</summary>
    public void AppendFrom(ColumnVector source, int row)
    {
        if (source.IsNull(row))
        {
            AppendNull();
            return;
        }

        switch (Type.Physical)
        {
            case PhysicalKind.Int8: Append(source.GetValue<byte>(row)); break;
            case PhysicalKind.Int16: Append(source.GetValue<short>(row)); break;
            case PhysicalKind.Int32: Append(source.GetValue<int>(row)); break;
            case PhysicalKind.Int64: Append(source.GetValue<long>(row)); break;
            case PhysicalKind.Int128: Append(source.GetValue<Int128>(row)); break;
            case PhysicalKind.Double: Append(source.GetValue<double>(row)); break;
            default: AppendString(source.GetString(row)); break;
        }
    }

    /// <summary>
    /// Appends rows [start, start + count) of <paramref name="source"/>; a flat source without NULLs is copied as one
    /// block, a constant NULL one appended as NULLs at once, a dictionary source gathered from its dictionary (strings
    /// with or without NULLs, other types without), anything else row by row.
    /// </summary>
    public void AppendRange(ColumnVector source, int start, int count)
    {
        if (source.Type != Type)
        {
            throw new ArgumentException($"A {source.Type} vector cannot be appended to a {Type} column.", nameof(source));
        }

        if (source.Form == VectorForm.Flat && Type.Physical == PhysicalKind.String && source.Validity.AllValid && count > 0)
        {
            AppendStringRange(source, start, count);
            return;
        }

        if (source.Form == VectorForm.Constant && !source.Validity.IsValid(0))
        {
            AppendNulls(count);
            return;
        }

        if (source.Form == VectorForm.Dictionary && !source.Validity.AllValid && Type.Physical == PhysicalKind.String
            && TryAppendStringGather(source, RowNumbers(start, count)))
        {
            return;
        }

        if (source.Form == VectorForm.Dictionary && source.Validity.AllValid)
        {
            // Without NULLs of its own, a dictionary vector's rows are its dictionary's rows its codes name.
            AppendGather(source.Dictionary, source.Codes.Slice(start, count));
            return;
        }

        if (source.Form == VectorForm.Flat && Type.Physical != PhysicalKind.String && source.Validity.AllValid)
        {
            var width = Type.FixedWidth;
            EnsureData(count * width);
            source.RawData.Slice(start * width, count * width).CopyTo(_data.AsSpan(Count * width));
            AddValidRows(count);
            return;
        }

        for (var row = start; row < start + count; row++)
        {
            AppendFrom(source, row);
        }
    }

    /// <summary>
    /// Appends the rows of <paramref name="source"/> named by <paramref name="rows"/>, in that order: a sort's
    /// permutation. A flat fixed-width source without NULLs is gathered by width in one loop, anything else row by row.
    /// </summary>
    public void AppendGather(ColumnVector source, ReadOnlySpan<int> rows)
    {
        if (source.Type != Type)
        {
            throw new ArgumentException($"A {source.Type} vector cannot be appended to a {Type} column.", nameof(source));
        }

        if (Type.Physical == PhysicalKind.String && TryAppendStringGather(source, rows))
        {
            return;
        }

        if (source.Form != VectorForm.Flat || Type.Physical == PhysicalKind.String)
        {
            foreach (var row in rows)
            {
                AppendFrom(source, row);
            }

            return;
        }

        var first = Count;

        var width = Type.FixedWidth;
        EnsureData(rows.Length * width);
        var target = _data.AsSpan(Count * width, rows.Length * width);
        switch (width)
        {
            case 1: Gather(MemoryMarshal.Cast<byte, byte>(source.RawData), rows, target); break;
            case 2: Gather(MemoryMarshal.Cast<byte, short>(source.RawData), rows, MemoryMarshal.Cast<byte, short>(target)); break;
            case 4: Gather(MemoryMarshal.Cast<byte, int>(source.RawData), rows, MemoryMarshal.Cast<byte, int>(target)); break;
            case 8: Gather(MemoryMarshal.Cast<byte, long>(source.RawData), rows, MemoryMarshal.Cast<byte, long>(target)); break;
            default: Gather(MemoryMarshal.Cast<byte, Int128>(source.RawData), rows, MemoryMarshal.Cast<byte, Int128>(target)); break;
        }

        AddValidRows(rows.Length);
        if (!source.Validity.AllValid)
        {
            // The values of NULL rows came along (whatever they hold); their validity bits say they are NULL.
            EnsureValidity();
            var validity = source.Validity.Bits;
            for (var i = 0; i < rows.Length; i++)
            {
                var from = rows[i];
                if ((validity[from >> 3] & (1 << (from & 7))) == 0)
                {
                    var row = first + i;
                    _validity![row >> 3] &= (byte)~(1 << (row & 7));
                    NullCount++;
                }
            }
        }
    }

    /// <summary>A flat vector over the builder's buffers; valid until the next append or <see cref="Clear"/>.</summary>
    public ColumnVector ToVector()
    {
        var vector = new ColumnVector(Type);
        ViewInto(vector);
        return vector;
    }

    /// <summary>Points <paramref name="vector"/> at the builder's buffers without copying.</summary>
    public void ViewInto(ColumnVector vector)
    {
        if (Type.Physical == PhysicalKind.String)
        {
            EnsureData(sizeof(int));
            vector.ReferenceFlat(Count, _data.AsMemory(0, (Count + 1) * sizeof(int)), _heap.AsMemory(0, _heapLength));
        }
        else
        {
            vector.ReferenceFlat(Count, _data.AsMemory(0, Count * Type.FixedWidth));
        }

        if (_validity is not null)
        {
            vector.Validity.Reference(_validity.AsMemory(0, ValidityMask.ByteCount(Count)));
        }
    }

    /// <summary>
    /// Each row's index into the one frozen vector all the builder's strings were gathered from (directly or through
    /// dictionary vectors over it; NULL rows -1), or null when the rows came any other way.
    /// </summary>
    public DictionaryCodes? DictionaryCodes =>
        !_codesBroken && _codesDictionary is not null && _codesCount == Count ? new DictionaryCodes(_codesDictionary, _codes.AsMemory(0, Count)) : null;

    public void Clear()
    {
        _codesCount = 0;
        _codesDictionary = null;
        _codesBroken = false;
        Count = 0;
        NullCount = 0;
        _heapLength = 0;
        _validity = null;
    }

    /// <summary>Copies a flat string range as one heap block and shifted offsets: sorted-run merges move rows in ranges.</summary>
    private void AppendStringRange(ColumnVector source, int start, int count)
    {
        var sourceOffsets = source.StringOffsets;
        var first = sourceOffsets[start];
        var bytes = sourceOffsets[start + count] - first;
        EnsureHeap(bytes);
        source.Heap.Slice(first, bytes).CopyTo(_heap.AsSpan(_heapLength));
        EnsureData(count * sizeof(int));
        var offsets = MemoryMarshal.Cast<byte, int>(_data.AsSpan());
        if (Count == 0)
        {
            offsets[0] = 0;
        }

        var shift = _heapLength - first;
        var target = offsets.Slice(Count + 1, count);
        var from = sourceOffsets.Slice(start + 1, count);
        for (var i = 0; i < target.Length; i++)
        {
            target[i] = from[i] + shift;
        }

        _heapLength += bytes;
        AddValidRows(count);
    }

    /// <summary>
    /// The string gather for a flat or a dictionary vector (a join's build column, a group key), with or without NULLs:
    /// room reserved once for the exact total, then a raw block copy per row (strings are short and rows random, so
    /// this is what keeps it from costing more than the cache misses it cannot avoid). False for other forms.
    /// </summary>
    private bool TryAppendStringGather(ColumnVector source, ReadOnlySpan<int> rows)
    {
        ColumnVector entries;
        ReadOnlySpan<int> codes = default;
        var dictionary = source.Form == VectorForm.Dictionary;
        if (dictionary)
        {
            entries = source.Dictionary;
            codes = source.Codes;
        }
        else if (source.Form == VectorForm.Flat)
        {
            entries = source;
        }
        else
        {
            return false;
        }

        if (dictionary && (entries.Form != VectorForm.Flat || !entries.Validity.AllValid))
        {
            return false;
        }

        // Validity bits read in place: a call per row to IsNull costs more than the copy.
        var nullable = !source.Validity.AllValid;
        var validity = nullable ? source.Validity.Bits : default;
        var entryOffsets = entries.StringOffsets;
        long bytes = 0;
        var nulls = 0;
        foreach (var row in rows)
        {
            if (nullable && (validity[row >> 3] & (1 << (row & 7))) == 0)
            {
                nulls++;
                continue;
            }

            var entry = dictionary ? codes[row] : row;
            bytes += entryOffsets[entry + 1] - entryOffsets[entry];
        }

        // Sixteen bytes of slack let a short string move as one unaligned 16-byte copy.
        EnsureHeap(checked((int)bytes + 16));
        EnsureData(rows.Length * sizeof(int));
        var first = Count;
        var tracked = nulls > 0 || _validity is not null;
        if (tracked)
        {
            ReserveValidity(first + rows.Length);
        }

        var offsets = MemoryMarshal.Cast<byte, int>(_data.AsSpan());
        if (first == 0)
        {
            offsets[0] = 0;
        }

        // Entry numbers mean something across appends only in a frozen vector (a dictionary that no one refills).
        var recordCodes = entries.IsFrozen && !_codesBroken && _codesCount == first && (_codesDictionary is null || ReferenceEquals(_codesDictionary, entries));
        if (recordCodes)
        {
            _codesDictionary = entries;
            EnsureCodes(rows.Length);
        }

        var codesTarget = recordCodes ? _codes.AsSpan(first, rows.Length) : default;
        var position = _heapLength;
        var target = offsets.Slice(first + 1, rows.Length);
        ref var heap = ref MemoryMarshal.GetArrayDataReference(_heap);
        ref var from = ref MemoryMarshal.GetReference(entries.Heap);
        var fromLength = entries.Heap.Length;
        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows[i];
            var isNull = nullable && (validity[row >> 3] & (1 << (row & 7))) == 0;
            if (tracked)
            {
                var at = first + i;
                if (isNull)
                {
                    _validity![at >> 3] &= (byte)~(1 << (at & 7));
                }
                else
                {
                    _validity![at >> 3] |= (byte)(1 << (at & 7));
                }
            }

            if (isNull)
            {
                target[i] = position;
                if (recordCodes)
                {
                    codesTarget[i] = -1;
                }

                continue;
            }

            var entry = dictionary ? codes[row] : row;
            if (recordCodes)
            {
                codesTarget[i] = entry;
            }

            var begin = entryOffsets[entry];
            var length = entryOffsets[entry + 1] - begin;
            if (length <= 16 && begin <= fromLength - 16)
            {
                System.Runtime.CompilerServices.Unsafe.WriteUnaligned(
                    ref System.Runtime.CompilerServices.Unsafe.Add(ref heap, position),
                    System.Runtime.CompilerServices.Unsafe.ReadUnaligned<System.Runtime.Intrinsics.Vector128<byte>>(ref System.Runtime.CompilerServices.Unsafe.Add(ref from, begin)));
            }
            else
            {
                System.Runtime.CompilerServices.Unsafe.CopyBlockUnaligned(
                    ref System.Runtime.CompilerServices.Unsafe.Add(ref heap, position),
                    ref System.Runtime.CompilerServices.Unsafe.Add(ref from, begin),
                    (uint)length);
            }

            position += length;
            target[i] = position;
        }

        _heapLength = position;
        Count += rows.Length;
        NullCount += nulls;
        if (recordCodes)
        {
            _codesCount = Count;
        }

        return true;
    }

    /// <summary>Validity bits for <paramref name="rows"/> rows and one more, created (all valid) when first needed; new bits valid.</summary>
    private void ReserveValidity(int rows)
    {
        var needed = ValidityMask.ByteCount(rows + 1);
        if (_validity is null)
        {
            _validity = new byte[Math.Max(needed * 2, 256)];
            _validity.AsSpan().Fill(0xFF);
        }
        else if (needed > _validity.Length)
        {
            var old = _validity.Length;
            Array.Resize(ref _validity, Math.Max(old * 2, needed));
            _validity.AsSpan(old).Fill(0xFF);
        }
    }

    [ThreadStatic]
    private static int[]? t_rowNumbers;

    /// <summary>The rows start, start + 1, ... as a span, from a per-thread table.</summary>
    private static ReadOnlySpan<int> RowNumbers(int start, int count)
    {
        var end = start + count;
        if (t_rowNumbers is not { } numbers || numbers.Length < end)
        {
            numbers = new int[Math.Max(end, VectorSize.Standard)];
            for (var i = 0; i < numbers.Length; i++)
            {
                numbers[i] = i;
            }

            t_rowNumbers = numbers;
        }

        return numbers.AsSpan(start, count);
    }

    private void EnsureCodes(int more)
    {
        if (_codesCount + more > _codes.Length)
        {
            Array.Resize(ref _codes, Math.Max(_codes.Length * 2, _codesCount + more));
        }
    }

    private void EnsureHeap(int bytes)
    {
        if (_heapLength + (long)bytes > _heap.Length)
        {
            Array.Resize(ref _heap, (int)Math.Min(Array.MaxLength, Math.Max(_heap.Length * 2L, _heapLength + (long)bytes + 256)));
        }
    }

    private static void Gather<T>(ReadOnlySpan<T> source, ReadOnlySpan<int> rows, Span<T> target)
        where T : unmanaged
    {
        for (var i = 0; i < rows.Length; i++)
        {
            target[i] = source[rows[i]];
        }
    }

    private void Append<T>(T value)
        where T : unmanaged
    {
        var width = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        EnsureData(width);
        MemoryMarshal.Write(_data.AsSpan(Count * width), in value);
        Count++;
        MarkValidIfTracked();
    }

    private void AppendDefault()
    {
        if (Type.Physical == PhysicalKind.String)
        {
            AppendOffsetAfterValue();
            return;
        }

        var width = Type.FixedWidth;
        EnsureData(width);
        _data.AsSpan(Count * width, width).Clear();
        Count++;
    }

    private void AppendOffsetAfterValue()
    {
        EnsureData(sizeof(int));
        var offsets = MemoryMarshal.Cast<byte, int>(_data.AsSpan());
        if (Count == 0)
        {
            offsets[0] = 0;
        }

        offsets[Count + 1] = _heapLength;
        Count++;
        MarkValidIfTracked();
    }

    /// <summary>Counts <paramref name="count"/> values just written past the end as rows, all non-NULL.</summary>
    private void AddValidRows(int count)
    {
        var first = Count;
        Count += count;
        if (_validity is null)
        {
            return;
        }

        ReserveValidity(Count);
        for (var row = first; row < Count; row++)
        {
            _validity[row >> 3] |= (byte)(1 << (row & 7));
        }
    }

    private void MarkValidIfTracked()
    {
        if (_validity is null)
        {
            return;
        }

        ReserveValidity(Count);
        var row = Count - 1;
        _validity[row >> 3] |= (byte)(1 << (row & 7));
    }

    /// <summary>Room for one more value of <paramref name="bytes"/> bytes (strings keep Count + 1 offsets).</summary>
    private void EnsureData(int bytes)
    {
        var element = Type.Physical == PhysicalKind.String ? sizeof(int) : Type.FixedWidth;
        var needed = (Count * (long)element) + bytes + element;
        if (needed > Array.MaxLength)
        {
            throw new InvalidOperationException($"A column buffer cannot hold more than {Array.MaxLength} bytes.");
        }

        if (needed > _data.Length)
        {
            Array.Resize(ref _data, (int)Math.Min(Array.MaxLength, Math.Max(_data.Length * 2L, needed)));
        }
    }

    private void EnsureValidity() => ReserveValidity(Count);
}
