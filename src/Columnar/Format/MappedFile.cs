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

    /// <summary>
    /// Tells the kernel the bytes [<paramref name="offset"/>, offset + <paramref name="length"/>) will not be read again,
    /// so their pages leave this process's resident set (they stay in the page cache). A merge of sorted runs reads
    /// each run once, front to back; without this every run would stay resident until the merge ends. Advice only:
    /// reading the range again still works, and where the call is unavailable nothing happens.
    /// </summary>
    public void ReleasePages(long offset, long length)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }

        var page = Environment.SystemPageSize;
        var start = (long)_pointer + offset;
        var alignedStart = (start + page - 1) / page * page; // only whole pages inside the range
        var end = start + length;
        var alignedEnd = end / page * page;
        if (alignedEnd <= alignedStart)
        {
            return;
        }

        try
        {
            _ = Madvise((nint)alignedStart, (nuint)(alignedEnd - alignedStart), DontNeed);
        }
        catch (DllNotFoundException)
        {
        }
        catch (EntryPointNotFoundException)
        {
        }
    }

    public override MemoryHandle Pin(int elementIndex = 0) => new(_pointer + elementIndex);

    public override void Unpin()
    {
    }

    private const int DontNeed = 4; // MADV_DONTNEED on Linux and macOS

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "madvise")]
    [System.Runtime.InteropServices.DefaultDllImportSearchPaths(System.Runtime.InteropServices.DllImportSearchPath.SafeDirectories)]
    private static extern int Madvise(nint address, nuint length, int advice);

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
