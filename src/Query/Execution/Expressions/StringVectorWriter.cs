using Olap.Columnar.Vectors;

namespace Olap.Query.Execution.Expressions;

/// <summary>
/// Builds a flat VARCHAR result row by row in ascending row order into reused buffers; rows skipped (not selected)
/// become empty strings. <see cref="Finish"/> copies the heap into the target vector once per chunk.
/// </summary>
internal sealed class StringVectorWriter
{
    private byte[] _heap = new byte[4096];
    private int[] _offsets = new int[VectorSize.Standard + 1];
    private byte[] _validity = new byte[ValidityMask.ByteCount(VectorSize.Standard)];
    private int _length;
    private int _next;
    private int _count;
    private bool _hasNull;

    public void Begin(int count)
    {
        if (_offsets.Length < count + 1)
        {
            _offsets = new int[count + 1];
            _validity = new byte[ValidityMask.ByteCount(count)];
        }

        _count = count;
        _length = 0;
        _next = 0;
        _hasNull = false;
        _offsets[0] = 0;
    }

    public void Append(int row, ReadOnlySpan<byte> value)
    {
        value.CopyTo(Reserve(row, value.Length));
        Commit(value.Length);
    }

    /// <summary>Room for up to <paramref name="maxBytes"/> bytes of <paramref name="row"/>; call <see cref="Commit"/> with the bytes used.</summary>
    public Span<byte> Reserve(int row, int maxBytes)
    {
        SkipTo(row);
        if (_length + maxBytes > _heap.Length)
        {
            Array.Resize(ref _heap, Math.Max(_heap.Length * 2, _length + maxBytes));
        }

        return _heap.AsSpan(_length, maxBytes);
    }

    public void Commit(int bytes)
    {
        _length += bytes;
        _next++;
        _offsets[_next] = _length;
    }

    public void AppendNull(int row)
    {
        SkipTo(row);
        if (!_hasNull)
        {
            _validity.AsSpan(0, ValidityMask.ByteCount(_count)).Fill(0xFF);
            _hasNull = true;
        }

        _validity[row >> 3] &= (byte)~(1 << (row & 7));
        Commit(0);
    }

    public void Finish(ColumnVector target)
    {
        SkipTo(_count);
        target.PrepareFlatStrings(_count, _length, out var offsets, out var heap);
        _offsets.AsSpan(0, _count + 1).CopyTo(offsets);
        _heap.AsSpan(0, _length).CopyTo(heap);
        if (_hasNull)
        {
            target.Validity.CopyFrom(_validity, 0, _count);
        }
    }

    private void SkipTo(int row)
    {
        while (_next < row)
        {
            _next++;
            _offsets[_next] = _length;
        }
    }
}
