using Olap.Columnar.Types;
using Olap.Columnar.Vectors;
using Olap.Query.Execution.Sorting;
using Olap.Query.Planning;
using Olap.Query.Planning.Logical;

namespace Olap.Query.Execution.Operators;

/// <summary>
/// ORDER BY: workers collect their rows, which are then sorted together. With a limit (top-N, from ORDER BY ...
/// LIMIT) a worker keeps only its best rows: once it holds N, a row that does not beat its N-th row is dropped
/// on arrival, so memory and sorting stay proportional to N.
/// </summary>
public sealed class PhysicalOrder(PhysicalOperator child, IReadOnlyList<BoundOrderKey> keys, long? limit) : PhysicalOperator
{
    public PhysicalOperator Child { get; } = child;

    public IReadOnlyList<BoundOrderKey> Keys { get; } = keys;

    /// <summary>Rows needed (offset + limit) for top-N, or null to sort everything.</summary>
    public long? Limit { get; } = limit;

    public override IReadOnlyList<ColumnType> Types => Child.Types;

    public override IReadOnlyList<PhysicalOperator> Children => [Child];

    public override string Name => Limit is null ? "ORDER_BY" : "TOP_N";

    public override IEnumerable<string> Details
    {
        get
        {
            yield return string.Join(", ", Keys.Select(k => $"{ExpressionPrinter.Print(k.Expression)} {(k.Descending ? "DESC" : "ASC")}{(k.NullsFirst ? " NULLS FIRST" : string.Empty)}"));
            if (Limit is not null)
            {
                yield return $"top {Limit}";
            }
        }
    }

    protected override IReadOnlyList<IChunkStream> OpenStreams(QueryContext context)
    {
        var sortKeys = OrderComparer.Resolve(Keys);
        var scanFilter = Limit is null ? null : CreateScanFilter();
        var inputs = Child.Open(context);
        var locals = new LocalRows?[inputs.Count];
        ParallelDriver.Run(inputs, context, (worker, chunk) => (locals[worker] ??= new LocalRows(Types, sortKeys, Limit, scanFilter)).Add(chunk));

        var total = 0;
        foreach (var local in locals)
        {
            local?.Compact();
            total += local?.Rows.RowCount ?? 0;
        }

        var all = new MaterializedRows(Types, total);
        foreach (var local in locals)
        {
            if (local is not null)
            {
                all.Append(local.Rows);
            }
        }

        var vectors = all.ToVectors();
        var order = OrderComparer.Sort(sortKeys, vectors, all.RowCount, Limit);
        var sorted = new MaterializedRows(Types, order.Length);
        for (var c = 0; c < vectors.Length; c++)
        {
            sorted.Columns[c].AppendGather(vectors[c], order);
        }

        return [sorted.Stream()];
    }

    /// <summary>
    /// A top-N on an integer-like first key with NULLs last can bound the scan that reads that key (NaN, which sorts
    /// above every number, rules doubles out; NULLS FIRST would need the NULL rows a bound drops).
    /// </summary>
    private TopNScanFilter? CreateScanFilter()
    {
        var first = Keys[0];
        if (first.NullsFirst || first.Expression is not BoundColumn column || !ScanTracer.TryTrace(Child, column.Index, out var scan, out var sourceColumn))
        {
            return null;
        }

        var type = scan.Source.Columns[sourceColumn].Type;
        if (!type.IsIntegral || type.Physical == PhysicalKind.Int128 || type != column.Type || !scan.Source.EvaluatesFilters)
        {
            return null;
        }

        var filter = new TopNScanFilter(sourceColumn, first.Descending);
        scan.SetTopNFilter(filter);
        return filter;
    }

    private sealed class LocalRows(IReadOnlyList<ColumnType> types, SortColumn[] keys, long? limit, TopNScanFilter? scanFilter)
    {
        private readonly int[] _candidates = new int[VectorSize.Standard];
        private ColumnVector[]? _cutoffColumns;
        private int _cutoffRow;

        public MaterializedRows Rows { get; private set; } = new(types, MaterializedRows.SmallCapacity);

        public void Add(DataChunk chunk)
        {
            if (limit is null || _cutoffColumns is null)
            {
                Rows.Append(chunk);
                if (limit is not null && Rows.RowCount >= Math.Max(2 * limit.Value, VectorSize.Standard))
                {
                    Compact();
                }

                return;
            }

            // Only rows that sort before the current N-th row can be among the best N; most rows lose on the
            // first key alone, which is compared in a typed loop before any full comparison.
            var rows = VectorValues.LiveRows(chunk);
            var kept = keys[0].Kind switch
            {
                PhysicalKind.Int32 => Prefilter<int>(chunk, rows),
                PhysicalKind.Int64 => Prefilter<long>(chunk, rows),
                PhysicalKind.Double => Prefilter<double>(chunk, rows),
                _ => FullFilter(chunk, rows),
            };

            if (kept == 0)
            {
                return;
            }

            for (var c = 0; c < Rows.Columns.Length; c++)
            {
                Rows.Columns[c].AppendGather(chunk.Columns[c], _candidates.AsSpan(0, kept));
            }

            if (Rows.RowCount >= Math.Max(2 * limit.Value, VectorSize.Standard))
            {
                Compact();
            }
        }

        private int FullFilter(DataChunk chunk, ReadOnlySpan<int> rows)
        {
            var kept = 0;
            foreach (var row in rows)
            {
                if (OrderComparer.Compare(keys, chunk.Columns, row, _cutoffColumns!, _cutoffRow) < 0)
                {
                    _candidates[kept++] = row;
                }
            }

            return kept;
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        private int Prefilter<T>(DataChunk chunk, ReadOnlySpan<int> rows)
            where T : unmanaged, IComparable<T>
        {
            var key = keys[0];
            var cutoffVector = _cutoffColumns![key.Column];
            var vector = chunk.Columns[key.Column];
            if (cutoffVector.IsNull(_cutoffRow) || (typeof(T) == typeof(double) && double.IsNaN(cutoffVector.GetValue<double>(_cutoffRow))))
            {
                return FullFilter(chunk, rows);
            }

            var cutoff = cutoffVector.GetValue<T>(_cutoffRow);
            var values = VectorValues.Read(vector, ref Scratch<T>.Buffer);
            var allValid = vector.Validity.AllValid;
            var kept = 0;
            foreach (var row in rows)
            {
                var value = values[row];

                // NULLs and NaN (which sorts above every number here, unlike CompareTo) take the full comparison.
                var order = (allValid || !vector.IsNull(row)) && !(typeof(T) == typeof(double) && double.IsNaN(System.Runtime.CompilerServices.Unsafe.As<T, double>(ref value)))
                    ? value.CompareTo(cutoff)
                    : 0;
                if (key.Descending)
                {
                    order = -order;
                }

                if (order < 0 || (order == 0 && OrderComparer.Compare(keys, chunk.Columns, row, _cutoffColumns, _cutoffRow) < 0))
                {
                    _candidates[kept++] = row;
                }
            }

            return kept;
        }

        /// <summary>A per-thread scratch buffer for spreading constant and dictionary vectors.</summary>
        private static class Scratch<T>
        {
            [ThreadStatic]
            public static T[]? Buffer;
        }

        /// <summary>With a limit, keeps only the best N rows and remembers the N-th as the cutoff.</summary>
        public void Compact()
        {
            if (limit is null || Rows.RowCount <= limit.Value && _cutoffColumns is not null)
            {
                return;
            }

            var vectors = Rows.ToVectors();
            var order = OrderComparer.Sort(keys, vectors, Rows.RowCount, limit);
            var kept = new MaterializedRows(types, order.Length);
            for (var c = 0; c < vectors.Length; c++)
            {
                kept.Columns[c].AppendGather(vectors[c], order);
            }

            Rows = kept;
            if (kept.RowCount >= limit.Value && kept.RowCount > 0)
            {
                _cutoffColumns = kept.ToVectors();
                _cutoffRow = kept.RowCount - 1;
                var cutoffKey = _cutoffColumns[keys[0].Column];
                if (scanFilter is not null && !cutoffKey.IsNull(_cutoffRow))
                {
                    scanFilter.Offer(cutoffKey.GetScalar(_cutoffRow).Int64);
                }
            }
        }
    }
}
