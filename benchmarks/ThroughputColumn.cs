using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Olap.Benchmarks;

/// <summary>
/// Values per second and bytes per second, from the mean time per operation. Benchmarks set
/// <c>OperationsPerInvoke</c> to the number of values they touch, so one operation is one value.
/// </summary>
internal sealed class ThroughputColumn(bool bytes, int bytesPerValue) : IColumn
{
    public string Id => bytes ? "Throughput.Bytes" : "Throughput.Values";

    public string ColumnName => bytes ? "GB/s" : "Mvalues/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => bytes ? 1 : 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => bytes
        ? $"Input bytes per second, in 10^9 ({bytesPerValue} bytes per value)"
        : "Values per second, in millions";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        var report = summary[benchmarkCase];
        if (report?.ResultStatistics is not { } statistics || statistics.Mean <= 0)
        {
            return "-";
        }

        var valuesPerSecond = 1e9 / statistics.Mean;
        return bytes
            ? (valuesPerSecond * bytesPerValue / 1e9).ToString("F2", CultureInfo.InvariantCulture)
            : (valuesPerSecond / 1e6).ToString("F0", CultureInfo.InvariantCulture);
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
