using System.Buffers;
using System.IO.MemoryMappedFiles;

namespace Olap.Columnar.Format;

/// <summary>
/// A read-only memory-mapped file exposed as <see cref="Memory{T}"/>, so plain and bit-packed sections are read
/// in place by vectors without copying.
/// </summary>
internal sealed unsafe class MappedFile : MemoryManager<byte>
{
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _pointer;
    private readonly int _length;

    public MappedFile(string path, long length)
    {
        if (length > int.MaxValue)
        {
            // Memory<T> addresses at most 2 GiB; larger tables are split into several files (segments).
            throw new OlapFormatException(path, $"the file is {length} bytes; a single file may hold at most {int.MaxValue} bytes");
        }

        _length = (int)length;
        _file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        _view = _file.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
        byte* pointer = null;
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        _pointer = pointer + _view.PointerOffset;
    }

    public override Span<byte> GetSpan() => new(_pointer, _length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(_pointer + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
            _view.Dispose();
            _file.Dispose();
        }
    }
}
