using BenchmarkDotNet.Attributes;
using Olap.Columnar.Kernels;
using Olap.Columnar.Vectors;

namespace Olap.Benchmarks.Encoding;

/// <summary>
/// Bit-unpacking kernels as a scan uses them: a 1 Mi-value column walked one standard vector at a time
/// from block-aligned starts. Results are per value (OperationsPerInvoke), so 1 / Mean is values per ns.
/// </summary>
[MemoryDiagnoser]
public class BitPackingBenchmarks
{
    private const int Values = 1 << 20;
    private const int Chunk = VectorSize.Standard;

    private readonly uint[] _narrow = new uint[Chunk];
    private readonly ulong[] _wide = new ulong[Chunk];
    private readonly ulong[] _bits = new ulong[Values / 64];
    private byte[] _packed = [];
    private bool[] _matches = [];
    private uint _lo;
    private uint _hi;

    [Params(1, 7, 12, 20, 32)]
    public int BitWidth { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var max = BitWidth == 0 ? 0 : ulong.MaxValue >> (64 - BitWidth);
        var random = new Random(42);
        var values = new ulong[Values];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (ulong)random.NextInt64() & max;
        }

        _packed = new byte[BitPacking.PackedByteCount(Values, BitWidth)];
        BitPacking.Pack(values, BitWidth, _packed);

        // About half the values in range, so neither all-match nor no-match shortcuts apply.
        _lo = (uint)(max / 4);
        _hi = (uint)(max / 4 * 3);
        if (BitWidth == 1)
        {
            (_lo, _hi) = (1, 1);
        }

        // A dictionary of at most 64 Ki entries; wider codes past it never match.
        _matches = new bool[(int)Math.Min(max + 1, 1UL << 16)];
        for (var i = 0; i < _matches.Length; i++)
        {
            _matches[i] = random.Next(2) == 0;
        }
    }

    [Benchmark(OperationsPerInvoke = Values)]
    public uint Unpack()
    {
        uint sink = 0;
        for (var start = 0; start < Values; start += Chunk)
        {
            BitPacking.Unpack(_packed, BitWidth, start, Chunk, _narrow);
            sink ^= _narrow[Chunk - 1];
        }

        return sink;
    }

    [Benchmark(OperationsPerInvoke = Values)]
    public ulong UnpackToUInt64()
    {
        ulong sink = 0;
        for (var start = 0; start < Values; start += Chunk)
        {
            BitPacking.Unpack(_packed, BitWidth, start, Chunk, _wide);
            sink ^= _wide[Chunk - 1];
        }

        return sink;
    }

    [Benchmark(OperationsPerInvoke = Values)]
    public ulong UnpackBetween()
    {
        for (var start = 0; start < Values; start += Chunk)
        {
            BitPacking.UnpackBetween(_packed, BitWidth, start, Chunk, _lo, _hi, _bits.AsSpan(start / 64, Chunk / 64));
        }

        return _bits[^1];
    }

    [Benchmark(OperationsPerInvoke = Values)]
    public ulong UnpackLookup()
    {
        for (var start = 0; start < Values; start += Chunk)
        {
            BitPacking.UnpackLookup(_packed, BitWidth, start, Chunk, _matches, _bits.AsSpan(start / 64, Chunk / 64));
        }

        return _bits[^1];
    }
}
