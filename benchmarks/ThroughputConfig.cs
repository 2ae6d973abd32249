using BenchmarkDotNet.Configs;

namespace Olap.Benchmarks;

/// <summary>Adds values/s and bytes/s of 32-bit values to a benchmark's summary.</summary>
internal sealed class ThroughputConfig : ManualConfig
{
    public ThroughputConfig()
    {
        AddColumn(new ThroughputColumn(bytes: false, bytesPerValue: sizeof(int)));
        AddColumn(new ThroughputColumn(bytes: true, bytesPerValue: sizeof(int)));
    }
}
