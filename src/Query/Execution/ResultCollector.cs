using Olap.Columnar.Vectors;
using Olap.Query.Execution.Operators;

namespace Olap.Query.Execution;

/// <summary>Runs a physical plan and materializes its rows; workers' rows are concatenated in worker order.</summary>
internal static class ResultCollector
{
    public static QueryResult Collect(PhysicalOperator root, IReadOnlyList<ResultColumn> columns, QueryContext context)
    {
        var streams = root.Open(context);
        if (streams.Count == 1)
        {
            var rows = new MaterializedRows(root.Types, MaterializedRows.SmallCapacity);
            ParallelDriver.Run(streams, context, (_, chunk) => rows.Append(chunk));
            return new QueryResult(columns, rows.Columns);
        }

        // Each worker keeps runs of rows tagged with their chunk's place in storage order; the runs are then
        // concatenated in that order, so a parallel scan returns rows as they were inserted (as DuckDB does).
        var locals = new WorkerRows?[streams.Count];
        ParallelDriver.Run(streams, context, (worker, chunk) => (locals[worker] ??= new WorkerRows(root.Types)).Append(chunk));
        var runs = new List<(long Sequence, MaterializedRows Rows, int Start, int Count)>();
        foreach (var local in locals)
        {
            local?.CollectRuns(runs);
        }

        runs.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        var all = new MaterializedRows(root.Types);
        var vectors = new Dictionary<MaterializedRows, Columnar.Vectors.ColumnVector[]>();
        foreach (var (_, rows, start, count) in runs)
        {
            if (!vectors.TryGetValue(rows, out var columnVectors))
            {
                columnVectors = rows.ToVectors();
                vectors[rows] = columnVectors;
            }

            if (all.Columns.Length == 0)
            {
                all.AddColumnlessRows(count);
            }

            for (var c = 0; c < columnVectors.Length; c++)
            {
                all.Columns[c].AppendRange(columnVectors[c], start, count);
            }
        }

        return new QueryResult(columns, all.Columns);
    }

    /// <summary>One worker's rows, with where each chunk's rows begin and which place in storage order they take.</summary>
    private sealed class WorkerRows(IReadOnlyList<Columnar.Types.ColumnType> types)
    {
        private readonly MaterializedRows _rows = new(types, MaterializedRows.SmallCapacity);
        private readonly List<(long Sequence, int Start, int Count)> _runs = [];

        public void Append(DataChunk chunk)
        {
            var start = _rows.RowCount;
            _rows.Append(chunk);
            _runs.Add((chunk.Sequence, start, _rows.RowCount - start));
        }

        public void CollectRuns(List<(long Sequence, MaterializedRows Rows, int Start, int Count)> runs)
        {
            foreach (var (sequence, start, count) in _runs)
            {
                runs.Add((sequence, _rows, start, count));
            }
        }
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
