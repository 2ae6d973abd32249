using BenchmarkDotNet.Attributes;
using Olap.Columnar.Encoding;
using Olap.Columnar.Kernels;
using Olap.Columnar.Predicates;
using Olap.Columnar.Types;

namespace Olap.Benchmarks.Encoding;

/// <summary>
/// A predicate on run-length data costs per run, not per row: the same 2^20 rows with more and more runs.
/// One operation is one row; the time per run is the mean times rows / runs.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class RunLengthFilterBenchmarks
{
    private EncodedColumnSet _set = null!;
    private ColumnPredicate _predicate = null!;
    private readonly ulong[] _bits = new ulong[BitSpan.WordCount(EncodedColumnSet.ChunkRows)];

    [Params(16, 1024, 65536)]
    public int Runs { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _set = EncodedColumnSet.Create(ColumnType.Integer, DataShapes.Runs(DataShapes.Rows, Runs), EncodingKind.RunLength);
        _predicate = ColumnPredicate.Between(ScalarValue.FromInt64(105), ScalarValue.FromInt64(106));
    }

    /// <summary>Whole row groups at once, so per-vector overhead does not hide the per-run cost.</summary>
    [Benchmark(OperationsPerInvoke = DataShapes.Rows)]
    public int FilterRowGroups()
    {
        var matches = 0;
        foreach (var chunk in _set.Chunks)
        {
            chunk.Filter(_predicate, 0, chunk.RowCount, _bits);
            matches += BitSpan.PopCount(_bits, chunk.RowCount);
        }

        return matches;
    }
}
