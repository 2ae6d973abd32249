using Olap.Query.Planning.Logical;

namespace Olap.Query;

/// <summary>
/// A connection's optimized plans of recent queries, by SQL text. A plan is reused only against the manifest version
/// and write-buffer state it was made for (a plan holds the buffered rows it reads; any change to the database makes
/// a new version or buffer sequence) and with the same cube setting, and only for
/// queries whose plan depends on nothing else: no parameters, files, registered tables or subqueries run at bind
/// time. A repeated dashboard query then skips binding and optimizing; its rows are computed every time.
/// </summary>
internal sealed class PlanCache
{
    private const int Capacity = 256;
    private readonly Dictionary<string, Entry> _plans = new(StringComparer.Ordinal);

    public bool TryGet(string sql, long version, long bufferSequence, bool useCubes, out LogicalOperator plan, out IReadOnlyList<ResultColumn> columns)
    {
        if (_plans.TryGetValue(sql, out var entry) && entry.Version == version && entry.BufferSequence == bufferSequence && entry.UseCubes == useCubes)
        {
            (plan, columns) = (entry.Plan, entry.Columns);
            return true;
        }

        (plan, columns) = (null!, null!);
        return false;
    }

    public void Add(string sql, long version, long bufferSequence, bool useCubes, LogicalOperator plan, IReadOnlyList<ResultColumn> columns)
    {
        if (_plans.Count >= Capacity)
        {
            _plans.Clear();
        }

        _plans[sql] = new Entry(version, bufferSequence, useCubes, plan, columns);
    }

    public void Clear() => _plans.Clear();

    private sealed record Entry(long Version, long BufferSequence, bool UseCubes, LogicalOperator Plan, IReadOnlyList<ResultColumn> Columns);
}
