using BenchmarkDotNet.Attributes;
using Olap.Columnar.Encoding;
using Olap.Columnar.Kernels;
using Olap.Columnar.Predicates;
using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Benchmarks.Encoding;

/// <summary>
/// Encode, decode, and a range predicate evaluated on the encoded form versus decode-then-filter, per encoding, on
/// 2^20 INTEGER values shaped as that encoding's natural data (<see cref="DataShapes"/>). One operation is one value.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class EncodingBenchmarks
{
    private EncodedColumnSet _set = null!;
    private List<ColumnVector> _chunks = null!;
    private ColumnPredicate _predicate = null!;
    private readonly ColumnVector _vector = new(ColumnType.Integer);
    private readonly ulong[] _bits = new ulong[BitSpan.WordCount(VectorSize.Standard)];
    private readonly PayloadWriter _writer = new(1 << 20);

    [Params(EncodingKind.Plain, EncodingKind.BitPacked, EncodingKind.Delta, EncodingKind.Dictionary, EncodingKind.RunLength, EncodingKind.Bitmap)]
    public EncodingKind Encoding { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var values = DataShapes.For(Encoding);
        _set = EncodedColumnSet.Create(ColumnType.Integer, values, Encoding);
        _chunks = EncodedColumnSet.ChunkVectors(ColumnType.Integer, values);

        // A range holding about a tenth of the values, as selective as a typical star-schema filter.
        var sorted = (int[])values.Clone();
        Array.Sort(sorted);
        _predicate = ColumnPredicate.Between(ScalarValue.FromInt64(sorted[sorted.Length * 45 / 100]), ScalarValue.FromInt64(sorted[sorted.Length * 55 / 100]));
        Console.WriteLine($"// {Encoding}: {_set.EncodedBytes} bytes encoded for {values.Length} values ({_set.EncodedBytes * 8.0 / values.Length:F2} bits/value)");
    }

    [Benchmark(OperationsPerInvoke = DataShapes.Rows)]
    public long Encode()
    {
        long bytes = 0;
        foreach (var chunk in _chunks)
        {
            bytes += EncodedColumnSet.EncodeOnce(chunk, Encoding, _writer);
        }

        return bytes;
    }

    [Benchmark(OperationsPerInvoke = DataShapes.Rows)]
    public int Decode()
    {
        var total = 0;
        foreach (var chunk in _set.Chunks)
        {
            for (var start = 0; start < chunk.RowCount; start += VectorSize.Standard)
            {
                var count = Math.Min(VectorSize.Standard, chunk.RowCount - start);
                chunk.Decode(start, count, _vector);
                total += _vector.Count;
            }
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = DataShapes.Rows)]
    public int FilterEncoded()
    {
        var matches = 0;
        foreach (var chunk in _set.Chunks)
        {
            for (var start = 0; start < chunk.RowCount; start += VectorSize.Standard)
            {
                var count = Math.Min(VectorSize.Standard, chunk.RowCount - start);
                chunk.Filter(_predicate, start, count, _bits);
                matches += BitSpan.PopCount(_bits, count);
            }
        }

        return matches;
    }

    [Benchmark(OperationsPerInvoke = DataShapes.Rows)]
    public int DecodeThenFilter()
    {
        var matches = 0;
        foreach (var chunk in _set.Chunks)
        {
            for (var start = 0; start < chunk.RowCount; start += VectorSize.Standard)
            {
                var count = Math.Min(VectorSize.Standard, chunk.RowCount - start);
                chunk.Decode(start, count, _vector);
                _vector.Flatten();
                PredicateEvaluator.Evaluate(_predicate, _vector, 0, count, _bits);
                matches += BitSpan.PopCount(_bits, count);
            }
        }

        return matches;
    }
}
