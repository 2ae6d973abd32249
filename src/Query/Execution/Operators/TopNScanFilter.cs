using Olap.Columnar.Format;
using Olap.Columnar.Predicates;
using Olap.Columnar.Types;

namespace Olap.Query.Execution.Operators;

/// <summary>
/// The bound a top-N has reached on its first sort key, shared with the scan that produces the key: once a worker
/// holds N rows, a row whose key sorts after its N-th cannot make the result, so morsels opened later filter it out
/// on the encoded data (and skip row groups by zone map) before other columns are decoded.
/// </summary>
internal sealed class TopNScanFilter(int sourceColumn, bool descending)
{
    private readonly Lock _gate = new();
    private long _bound;
    private bool _hasBound;

    /// <summary>Offers a worker's N-th key; the tightest offer wins (any worker's N-th bounds the global N-th).</summary>
    public void Offer(long key)
    {
        lock (_gate)
        {
            if (!_hasBound || (descending ? key > _bound : key < _bound))
            {
                _bound = key;
                _hasBound = true;
            }
        }
    }

    /// <summary>The filter to apply now, or null before any worker has N rows. Ties are kept: later keys may break them.</summary>
    public ScanFilter? Current
    {
        get
        {
            lock (_gate)
            {
                return _hasBound
                    ? new ScanFilter(sourceColumn, ColumnPredicate.Compare(descending ? ComparisonKind.GreaterThanOrEqual : ComparisonKind.LessThanOrEqual, ScalarValue.FromInt64(_bound)))
                    : null;
            }
        }
    }

    public string Describe(PhysicalScan scan)
    {
        var column = scan.Source.Columns[sourceColumn];
        lock (_gate)
        {
            return _hasBound
                ? $"top-N filter: {Planning.ScanFilterText.Describe(column.Name, column.Type, ColumnPredicate.Compare(descending ? ComparisonKind.GreaterThanOrEqual : ComparisonKind.LessThanOrEqual, ScalarValue.FromInt64(_bound)))} (last bound)"
                : $"top-N filter on {column.Name}: never bound";
        }
    }
}
