using System.Globalization;
using Olap.Cli.Terminal;
using Olap.Datasets.Ssb;

namespace Olap.Cli.Startup;

/// <summary>
/// The progress bar of the demo's generation on stderr: one line redrawn in place on a terminal, the share of all
/// rows written so far (each table weighted by its rows) and the table being written; a line per table otherwise.
/// Reports arrive synchronously from the generator's threads, so drawing is serialized.
/// </summary>
internal sealed class GenerationProgress(TextWriter error, bool isTerminal) : IProgress<SsbProgress>
{
    private readonly Lock _lock = new();
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private readonly long _total = SsbGenerator.Tables.Sum(DemoDatabase.Rows);
    private SsbTable? _table;
    private int _permille = -1;

    public void Report(SsbProgress value)
    {
        lock (_lock)
        {
            var done = SsbGenerator.Tables.TakeWhile(t => t != value.Table).Sum(DemoDatabase.Rows) + (value.Fraction * DemoDatabase.Rows(value.Table));
            var fraction = done / _total;
            var permille = (int)(fraction * 1000);
            var newTable = value.Table != _table;
            if (!newTable && permille == _permille)
            {
                return;
            }

            _table = value.Table;
            _permille = permille;
            var name = SsbGenerator.TableName(value.Table);
            if (isTerminal)
            {
                var line = ProgressLine.Format(fraction, _clock.Elapsed, (long)done);
                error.Write(string.Create(CultureInfo.InvariantCulture, $"\r\u001b[2K{line}  {name}"));
            }
            else if (newTable)
            {
                error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name} ({fraction:P0} of all rows done, {_clock.Elapsed.TotalSeconds:F1} s)"));
            }

            error.Flush();
        }
    }

    /// <summary>Ends the redrawn line so what follows starts on a clean one.</summary>
    public void Finish()
    {
        if (isTerminal)
        {
            error.Write("\r\u001b[2K");
            error.Flush();
        }
    }
}
