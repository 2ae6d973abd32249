using System.Diagnostics;
using System.Globalization;
using Olap.Datasets.Ssb;

namespace Olap.Datasets;

/// <summary>Prints a line per table at every tenth of the way, synchronously (Progress&lt;T&gt; would post to the thread pool and reorder lines).</summary>
internal sealed class StderrProgress : IProgress<SsbProgress>
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _lock = new();
    private SsbTable? _table;
    private int _tenths = -1;

    public void Report(SsbProgress value)
    {
        lock (_lock)
        {
            var tenths = (int)(value.Fraction * 10);
            if (value.Table == _table && tenths == _tenths)
            {
                return;
            }

            _table = value.Table;
            _tenths = tenths;
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {SsbGenerator.TableName(value.Table),-9} {value.Fraction,4:P0} {value.RowsWritten,14:N0} rows  {_clock.Elapsed.TotalSeconds,7:F1} s"));
        }
    }
}
