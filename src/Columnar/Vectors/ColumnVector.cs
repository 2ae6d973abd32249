using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Olap.Columnar.Types;

namespace Olap.Columnar.Vectors;

/// <summary>
/// The values of one column for up to a chunk of rows, in one of three forms (<see cref="VectorForm"/>).
/// Fixed-width values are a span of the type's element (<see cref="PhysicalKind"/>); strings are UTF-8 bytes
/// in a heap addressed by <c>Count + 1</c> 32-bit offsets, so a plain string chunk of a file is referenced in place.
/// A vector reuses its owned buffers from chunk to chunk: no allocation per chunk in steady state.
/// </summary>
public sealed class ColumnVector
{
    private Memory<byte> _data;
    private Memory<byte> _heap;
    private Memory<int> _codes;
    private ColumnVector? _dictionary;
    private byte[]? _ownedData;
    private byte[]? _ownedHeap;
    private int[]? _ownedCodes;
    private ColumnVector? _flattenSource;

    public ColumnVector(ColumnType type) => Type = type;

    public ColumnType Type { get; }

    public VectorForm Form { get; private set; }

    /// <summary>
    /// True once <see cref="Freeze"/> promised that this vector's values will not change for as long as anyone holds
    /// it: consumers may then cache work per entry by the vector's identity (a join's build column used as a
    /// dictionary by many chunks).
    /// </summary>
    public bool IsFrozen { get; private set; }

    /// <summary>Declares the values final (see <see cref="IsFrozen"/>); a frozen vector must not be refilled.</summary>
    public void Freeze() => IsFrozen = true;

    public int Count { get; private set; }

    public ValidityMask Validity { get; } = new();

    /// <summary>The entries a <see cref="VectorForm.Dictionary"/> vector's codes point into.</summary>
    public ColumnVector Dictionary => _dictionary ?? throw new InvalidOperationException("The vector is not in dictionary form.");

    /// <summary>One code per row, for a <see cref="VectorForm.Dictionary"/> vector.</summary>
    public ReadOnlySpan<int> Codes => _codes.Span;

    /// <summary>The memory behind <see cref="Codes"/>, for views that reference it without copying.</summary>
    public Memory<int> CodesMemory => _codes;

    /// <summary>
    /// Makes this a view of <paramref name="source"/>'s first <paramref name="count"/> rows in the source's own form
    /// (flat or dictionary), NULLs included, without copying: for vectors that never change (frozen).
    /// </summary>
    public void ReferenceView(ColumnVector source, int count)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Form != VectorForm.Dictionary)
        {
            ReferenceSlice(source, 0, count);
            return;
        }

        ReferenceDictionary(count, source.Dictionary, source._codes[..count]);
        if (!source.Validity.AllValid)
        {
            Validity.Reference(source.Validity.BitsMemory[..ValidityMask.ByteCount(count)]);
        }
    }

    /// <summary>The raw bytes of a flat or constant vector's values (offsets for strings).</summary>
    public ReadOnlySpan<byte> RawData => _data.Span;

    /// <summary>The memory behind <see cref="RawData"/>, for views that reference it without copying.</summary>
    public Memory<byte> RawMemory => _data;

    /// <summary>The memory behind <see cref="Heap"/>.</summary>
    public Memory<byte> HeapMemory => _heap;

    /// <summary>The string bytes that <see cref="StringOffsets"/> address.</summary>
    public ReadOnlySpan<byte> Heap => _heap.Span;

    /// <summary>Count + 1 offsets into <see cref="Heap"/> (2 for a constant vector).</summary>
    public ReadOnlySpan<int> StringOffsets => MemoryMarshal.Cast<byte, int>(_data.Span);

    /// <summary>The values of a flat vector (one for a constant vector), as the physical element type.</summary>
    public Span<T> Values<T>()
        where T : unmanaged
    {
        CheckElement<T>();
        return MemoryMarshal.Cast<byte, T>(_data.Span);
    }

    public bool IsNull(int row) => !Validity.IsValid(Form == VectorForm.Constant ? 0 : row);

    /// <summary>The value of <paramref name="row"/> in any form.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T GetValue<T>(int row)
        where T : unmanaged
    {
        return Form switch
        {
            VectorForm.Flat => MemoryMarshal.Cast<byte, T>(_data.Span)[row],
            VectorForm.Constant => MemoryMarshal.Cast<byte, T>(_data.Span)[0],
            _ => _dictionary!.GetValue<T>(_codes.Span[row]),
        };
    }

    /// <summary>The UTF-8 bytes of <paramref name="row"/> in any form.</summary>
    public ReadOnlySpan<byte> GetString(int row)
    {
        switch (Form)
        {
            case VectorForm.Flat:
            {
                var offsets = StringOffsets;
                return _heap.Span[offsets[row]..offsets[row + 1]];
            }

            case VectorForm.Constant:
            {
                var offsets = StringOffsets;
                return _heap.Span[offsets[0]..offsets[1]];
            }

            default:
                return _dictionary!.GetString(_codes.Span[row]);
        }
    }

    /// <summary>The value of <paramref name="row"/> as a <see cref="ScalarValue"/>; allocates for strings, so not for hot paths.</summary>
    public ScalarValue GetScalar(int row)
    {
        if (IsNull(row))
        {
            return ScalarValue.Null;
        }

        return Type.Physical switch
        {
            PhysicalKind.Int8 => ScalarValue.FromInt64(GetValue<byte>(row)),
            PhysicalKind.Int16 => ScalarValue.FromInt64(GetValue<short>(row)),
            PhysicalKind.Int32 => ScalarValue.FromInt64(GetValue<int>(row)),
            PhysicalKind.Int64 => ScalarValue.FromInt64(GetValue<long>(row)),
            PhysicalKind.Int128 => ScalarValue.FromInt128(GetValue<Int128>(row)),
            PhysicalKind.Double => ScalarValue.FromDouble(GetValue<double>(row)),
            _ => ScalarValue.FromUtf8(GetString(row)),
        };
    }

    /// <summary>Makes this a flat vector over <paramref name="data"/> (and <paramref name="heap"/> for strings) without copying.</summary>
    public void ReferenceFlat(int count, Memory<byte> data, Memory<byte> heap = default)
    {
        Form = VectorForm.Flat;
        Count = count;
        _data = data;
        _heap = heap;
        _dictionary = null;
        Validity.SetAllValid();
    }

    /// <summary>
    /// Makes this a flat view of rows [<paramref name="start"/>, start + <paramref name="count"/>) of the flat vector
    /// <paramref name="source"/>, without copying; <paramref name="start"/> must be a multiple of 8 when the source has NULLs.
    /// </summary>
    public void ReferenceSlice(ColumnVector source, int start, int count)
    {
        if (source.Form != VectorForm.Flat || source.Type != Type)
        {
            throw new ArgumentException("A slice needs a flat source of the same type.", nameof(source));
        }

        if (Type.Physical == PhysicalKind.String)
        {
            ReferenceFlat(count, source._data.Slice(start * sizeof(int), (count + 1) * sizeof(int)), source._heap);
        }
        else
        {
            ReferenceFlat(count, source._data.Slice(start * Type.FixedWidth, count * Type.FixedWidth));
        }

        if (!source.Validity.AllValid)
        {
            if ((start & 7) != 0)
            {
                throw new ArgumentException("A slice of a vector with NULLs must start at a multiple of 8.", nameof(start));
            }

            Validity.Reference(source.Validity.BitsMemory.Slice(start >> 3, ValidityMask.ByteCount(count)));
        }
    }

    /// <summary>Makes this a constant vector of <paramref name="count"/> rows over one value in place.</summary>
    public void ReferenceConstant(int count, Memory<byte> value, Memory<byte> heap = default)
    {
        Form = VectorForm.Constant;
        Count = count;
        _data = value;
        _heap = heap;
        _dictionary = null;
        Validity.SetAllValid();
    }

    /// <summary>Makes this a constant NULL vector of <paramref name="count"/> rows.</summary>
    public void SetConstantNull(int count)
    {
        var width = Type.Physical == PhysicalKind.String ? 8 : Type.FixedWidth;
        var data = EnsureData(width);
        data.Span.Clear();
        ReferenceConstant(count, data, Memory<byte>.Empty);
        Validity.SetInvalid(0, 1);
    }

    /// <summary>Makes this a dictionary vector: <paramref name="codes"/> index <paramref name="dictionary"/>'s rows.</summary>
    public void ReferenceDictionary(int count, ColumnVector dictionary, Memory<int> codes)
    {
        if (dictionary.Form != VectorForm.Flat || dictionary.Type != Type)
        {
            throw new ArgumentException("A dictionary must be a flat vector of the same type.", nameof(dictionary));
        }

        Form = VectorForm.Dictionary;
        Count = count;
        _dictionary = dictionary;
        _codes = codes;
        _data = Memory<byte>.Empty;
        _heap = Memory<byte>.Empty;
        Validity.SetAllValid();
    }

    /// <summary>Owned code storage for a dictionary vector of <paramref name="count"/> rows; fill it, then call <see cref="ReferenceDictionary"/>.</summary>
    public Memory<int> RentCodes(int count)
    {
        if (_ownedCodes is null || _ownedCodes.Length < count)
        {
            _ownedCodes = new int[Math.Max(count, VectorSize.Standard)];
        }

        return _ownedCodes.AsMemory(0, count);
    }

    /// <summary>Makes this an owned flat vector of <paramref name="count"/> fixed-width rows, all valid, and returns the values to fill.</summary>
    public Span<T> PrepareFlat<T>(int count)
        where T : unmanaged
    {
        CheckElement<T>();
        var data = EnsureData(count * Unsafe.SizeOf<T>());
        ReferenceFlat(count, data);
        return MemoryMarshal.Cast<byte, T>(data.Span);
    }

    /// <summary>
    /// Makes this an owned flat string vector of <paramref name="count"/> rows with room for <paramref name="heapBytes"/> bytes;
    /// the caller fills <paramref name="offsets"/> (count + 1, starting at 0) and <paramref name="heap"/>.
    /// </summary>
    public void PrepareFlatStrings(int count, int heapBytes, out Span<int> offsets, out Span<byte> heap)
    {
        if (Type.Physical != PhysicalKind.String)
        {
            throw new InvalidOperationException($"A {Type} vector holds no strings.");
        }

        var data = EnsureData((count + 1) * sizeof(int));
        if (_ownedHeap is null || _ownedHeap.Length < heapBytes)
        {
            _ownedHeap = new byte[Math.Max(heapBytes, 1024)];
        }

        ReferenceFlat(count, data, _ownedHeap.AsMemory(0, heapBytes));
        offsets = MemoryMarshal.Cast<byte, int>(data.Span);
        heap = _ownedHeap.AsSpan(0, heapBytes);
    }

    /// <summary>Turns any form into an owned flat vector with the same rows and NULLs.</summary>
    public void Flatten()
    {
        if (Form == VectorForm.Flat)
        {
            return;
        }

        var count = Count;
        _flattenSource ??= new ColumnVector(Type);
        _flattenSource.TakeStateFrom(this);
        FlattenFrom(_flattenSource, count);
    }

    private void FlattenFrom(ColumnVector source, int count)
    {
        if (Type.Physical == PhysicalKind.String)
        {
            var total = 0;
            for (var i = 0; i < count; i++)
            {
                total += source.GetString(i).Length;
            }

            PrepareFlatStrings(count, total, out var offsets, out var heap);
            var position = 0;
            for (var i = 0; i < count; i++)
            {
                offsets[i] = position;
                var value = source.GetString(i);
                value.CopyTo(heap[position..]);
                position += value.Length;
            }

            offsets[count] = position;
        }
        else
        {
            switch (Type.FixedWidth)
            {
                case 1: Gather<byte>(source, count); break;
                case 2: Gather<short>(source, count); break;
                case 4: Gather<int>(source, count); break;
                case 8: Gather<long>(source, count); break;
                default: Gather<Int128>(source, count); break;
            }
        }

        for (var i = 0; i < count; i++)
        {
            if (source.IsNull(i))
            {
                Validity.SetInvalid(i, count);
            }
        }
    }

    private void Gather<T>(ColumnVector source, int count)
        where T : unmanaged
    {
        // Reinterpret as same-width integers: DOUBLE is gathered as 64-bit patterns.
        var data = EnsureData(count * Unsafe.SizeOf<T>());
        var target = MemoryMarshal.Cast<byte, T>(data.Span)[..count];
        switch (source.Form)
        {
            case VectorForm.Constant:
                target.Fill(MemoryMarshal.Cast<byte, T>(source._data.Span)[0]);
                break;
            case VectorForm.Dictionary:
            {
                var entries = MemoryMarshal.Cast<byte, T>(source._dictionary!._data.Span);
                var codes = source._codes.Span[..count];
                for (var i = 0; i < codes.Length; i++)
                {
                    target[i] = entries[codes[i]];
                }

                break;
            }

            default:
                MemoryMarshal.Cast<byte, T>(source._data.Span)[..count].CopyTo(target);
                break;
        }

        ReferenceFlat(count, data);
    }

    /// <summary>Moves <paramref name="other"/>'s view and owned buffers here, giving it this vector's spare buffers in exchange.</summary>
    private void TakeStateFrom(ColumnVector other)
    {
        Form = other.Form;
        Count = other.Count;
        _data = other._data;
        _heap = other._heap;
        _codes = other._codes;
        _dictionary = other._dictionary;

        // Swapping owned buffers lets the flattened vector be written without overwriting what it reads,
        // and without allocating once both vectors have buffers.
        (_ownedData, other._ownedData) = (other._ownedData, _ownedData);
        (_ownedHeap, other._ownedHeap) = (other._ownedHeap, _ownedHeap);
        (_ownedCodes, other._ownedCodes) = (other._ownedCodes, _ownedCodes);
        if (other.Validity.AllValid)
        {
            Validity.SetAllValid();
        }
        else
        {
            Validity.CopyFrom(other.Validity.Bits, 0, other.Form == VectorForm.Constant ? 1 : other.Count);
        }
    }

    private Memory<byte> EnsureData(int bytes)
    {
        if (_ownedData is null || _ownedData.Length < bytes)
        {
            _ownedData = new byte[Math.Max(bytes, 64)];
        }

        return _ownedData.AsMemory(0, bytes);
    }

    private void CheckElement<T>()
        where T : unmanaged
    {
        var width = Type.Physical == PhysicalKind.String ? sizeof(int) : Type.FixedWidth;
        if (Unsafe.SizeOf<T>() != width)
        {
            throw new InvalidOperationException($"A {Type} vector does not hold {typeof(T).Name} values.");
        }
    }
}
