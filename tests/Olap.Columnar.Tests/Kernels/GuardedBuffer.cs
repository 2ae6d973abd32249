using System.Runtime.InteropServices;

namespace Olap.Columnar.Tests.Kernels;

/// <summary>
/// A copy of some bytes that ends right where an inaccessible page begins, so a kernel reading even
/// one byte past the end crashes the test run instead of passing on whatever memory happened to follow.
/// Off Linux it degrades to a plain array (no guard).
/// </summary>
internal sealed unsafe partial class GuardedBuffer : IDisposable
{
    private const int ProtNone = 0;
    private const int ProtReadWrite = 3;
    private const int MapPrivateAnonymous = 0x22;

    private readonly byte* _mapping;
    private readonly nuint _mappingLength;
    private readonly byte[]? _fallback;
    private readonly int _length;

    public GuardedBuffer(ReadOnlySpan<byte> data)
    {
        _length = data.Length;
        if (!OperatingSystem.IsLinux())
        {
            _fallback = data.ToArray();
            return;
        }

        var page = (nuint)Environment.SystemPageSize;
        var dataPages = ((nuint)data.Length + page - 1) / page;
        _mappingLength = (dataPages + 1) * page;
        _mapping = (byte*)Mmap(null, _mappingLength, ProtReadWrite, MapPrivateAnonymous, -1, 0);
        if (_mapping == (byte*)-1)
        {
            throw new InvalidOperationException($"mmap failed: {Marshal.GetLastPInvokeError()}");
        }

        var guard = _mapping + (dataPages * page);
        if (Mprotect(guard, page, ProtNone) != 0)
        {
            throw new InvalidOperationException($"mprotect failed: {Marshal.GetLastPInvokeError()}");
        }

        data.CopyTo(new Span<byte>(guard - data.Length, data.Length));
    }

    public ReadOnlySpan<byte> Span => _fallback ?? new ReadOnlySpan<byte>(_mapping + (_mappingLength - (nuint)Environment.SystemPageSize) - _length, _length);

    public void Dispose()
    {
        if (_mapping != null)
        {
            _ = Munmap(_mapping, _mappingLength);
        }
    }

    [LibraryImport("libc", EntryPoint = "mmap", SetLastError = true)]
    private static partial void* Mmap(void* address, nuint length, int protection, int flags, int fd, nint offset);

    [LibraryImport("libc", EntryPoint = "mprotect", SetLastError = true)]
    private static partial int Mprotect(void* address, nuint length, int protection);

    [LibraryImport("libc", EntryPoint = "munmap", SetLastError = true)]
    private static partial int Munmap(void* address, nuint length);
}
