using Olap.Columnar.Vectors;
using Olap.Query.Execution.Operators;

namespace Olap.Query.Execution;

/// <summary>Runs a physical plan and materializes its rows; workers' rows are concatenated in worker order.</summary>
internal static class ResultCollector
{
    public static QueryResult Collect(PhysicalOperator root, IReadOnlyList<ResultColumn> columns, QueryContext context)
    {
        var streams = root.Open(context);
        var locals = new MaterializedRows?[streams.Count];
        ParallelDriver.Run(streams, context, (worker, chunk) => (locals[worker] ??= new MaterializedRows(root.Types)).Append(chunk));
        var all = new MaterializedRows(root.Types);
        foreach (var local in locals)
        {
            if (local is not null)
            {
                all.Append(local);
            }
        }

        return new QueryResult(columns, all.Columns);
    }

    /// <summary>Runs a plan, handing each chunk to <paramref name="consume"/> on one thread (for writers that are not thread-safe).</summary>
    public static void Stream(PhysicalOperator root, QueryContext context, Action<DataChunk> consume)
    {
        var gate = new Lock();
        var streams = root.Open(context);
        ParallelDriver.Run(streams, context, (_, chunk) =>
        {
            lock (gate)
            {
                consume(chunk);
            }
        });
    }
}
