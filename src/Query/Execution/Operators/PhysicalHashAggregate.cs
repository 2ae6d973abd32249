using Olap.Columnar.Types;
using Olap.Columnar.Vectors;
using Olap.Query.Execution.Aggregation;
using Olap.Query.Execution.Expressions;
using Olap.Query.Planning;

namespace Olap.Query.Execution.Operators;

/// <summary>
/// Hash aggregation: every worker groups its morsels into its own table, then the tables merge into one and the
/// result streams out as group keys followed by aggregate values. Without GROUP BY there is exactly one group, even
/// over no rows (COUNT(*) of an empty table is 0).
/// </summary>
public sealed class PhysicalHashAggregate(PhysicalOperator child, IReadOnlyList<BoundExpression> groups, IReadOnlyList<BoundAggregate> aggregates) : PhysicalOperator
{
    private int _groupCount;
    private long _memory;

    public PhysicalOperator Child { get; } = child;

    public IReadOnlyList<BoundExpression> Groups { get; } = groups;

    public IReadOnlyList<BoundAggregate> Aggregates { get; } = aggregates;

    public override IReadOnlyList<ColumnType> Types => field ??= [.. Groups.Select(g => g.Type), .. Aggregates.Select(a => a.Type)];

    public override IReadOnlyList<PhysicalOperator> Children => [Child];

    public override string Name => Groups.Count == 0 ? "AGGREGATE" : "HASH_GROUP_BY";

    public override IEnumerable<string> Details
    {
        get
        {
            if (Groups.Count > 0)
            {
                yield return $"groups: {string.Join(", ", Groups.Select(ExpressionPrinter.Print))}";
            }

            if (Aggregates.Count > 0)
            {
                yield return $"aggregates: {string.Join(", ", Aggregates)}";
            }
        }
    }

    public override IEnumerable<string> RuntimeDetails => [$"groups: {_groupCount}, hash table {_memory / 1024} KiB"];

    protected override IReadOnlyList<IChunkStream> OpenStreams(QueryContext context)
    {
        var inputs = Child.Open(context);
        var locals = new LocalAggregation?[inputs.Count];
        ParallelDriver.Run(inputs, context, (worker, chunk) => (locals[worker] ??= new LocalAggregation(this)).Consume(chunk));

        LocalAggregation? merged = null;
        for (var i = 0; i < locals.Length; i++)
        {
            var local = locals[i];
            if (local is null)
            {
                continue;
            }

            // Each worker's table is let go once merged: with many groups they are most of the operator's memory.
            locals[i] = null;
            if (merged is null)
            {
                merged = local;
            }
            else
            {
                merged.Merge(local);
            }
        }

        merged ??= new LocalAggregation(this);
        var rows = merged.Finish();
        _groupCount = rows.RowCount;
        _memory = merged.MemoryBytes;
        return [rows.Stream()];
    }

    private sealed class LocalAggregation
    {
        private readonly PhysicalHashAggregate _owner;
        private readonly ExpressionExecutor[] _keys;
        private readonly ExpressionExecutor?[] _arguments;
        private readonly AggregateState[] _states;
        private readonly GroupTable? _table;
        private readonly ColumnVector[] _keyVectors;
        private readonly int[] _groupIds = [];

        public LocalAggregation(PhysicalHashAggregate owner)
        {
            _owner = owner;
            _keys = [.. owner.Groups.Select(ExpressionExecutor.Create)];
            _arguments = [.. owner.Aggregates.Select(a => a.Argument is null ? null : ExpressionExecutor.Create(a.Argument))];
            _states = [.. owner.Aggregates.Select(AggregateState.Create)];
            _keyVectors = new ColumnVector[_keys.Length];
            if (_keys.Length > 0)
            {
                _table = new GroupTable([.. owner.Groups.Select(g => g.Type)]);
                _groupIds = new int[VectorSize.Standard]; // only grouped aggregation has group ids
            }
            else
            {
                foreach (var state in _states)
                {
                    state.EnsureGroups(1);
                }
            }
        }

        public long MemoryBytes => _table?.MemoryBytes ?? 0;

        public void Consume(DataChunk chunk)
        {
            var rows = VectorValues.LiveRows(chunk);
            if (rows.IsEmpty)
            {
                return;
            }

            if (_table is null)
            {
                for (var a = 0; a < _states.Length; a++)
                {
                    _states[a].UpdateSingle(_arguments[a]?.Evaluate(chunk), rows);
                }

                return;
            }

            for (var k = 0; k < _keys.Length; k++)
            {
                _keyVectors[k] = _keys[k].Evaluate(chunk);
            }

            var groupIds = _groupIds.AsSpan(0, rows.Length);
            _table.FindOrAdd(_keyVectors, rows, groupIds);
            for (var a = 0; a < _states.Length; a++)
            {
                _states[a].EnsureGroups(_table.GroupCount);
                _states[a].Update(_arguments[a]?.Evaluate(chunk), rows, groupIds);
            }
        }

        public void Merge(LocalAggregation other)
        {
            if (_table is null)
            {
                for (var a = 0; a < _states.Length; a++)
                {
                    _states[a].Combine(other._states[a], [0]);
                }

                return;
            }

            var otherTable = other._table!;
            var map = new int[otherTable.GroupCount];
            var all = Enumerable.Range(0, _keys.Length).Select(otherTable.KeyVector).ToArray();
            var rows = new int[VectorSize.Standard];
            for (var start = 0; start < map.Length; start += VectorSize.Standard)
            {
                var count = Math.Min(VectorSize.Standard, map.Length - start);
                for (var i = 0; i < count; i++)
                {
                    rows[i] = start + i;
                }

                _table.FindOrAdd(all, rows.AsSpan(0, count), map.AsSpan(start, count));
            }

            for (var a = 0; a < _states.Length; a++)
            {
                _states[a].EnsureGroups(_table.GroupCount);
                other._states[a].EnsureGroups(otherTable.GroupCount);
                _states[a].Combine(other._states[a], map);
            }
        }

        public MaterializedRows Finish()
        {
            var groups = _table?.GroupCount ?? 1;
            var rows = new MaterializedRows(_owner.Types, groups);
            var order = _keys.Length == 0 ? [] : new int[groups];
            for (var g = 0; g < order.Length; g++)
            {
                order[g] = g;
            }

            for (var k = 0; k < _keys.Length; k++)
            {
                rows.Columns[k].AppendGather(_table!.KeyVector(k), order);
            }

            for (var a = 0; a < _states.Length; a++)
            {
                _states[a].EnsureGroups(groups);
                _states[a].Finish(rows.Columns[_keys.Length + a], groups);
            }

            if (rows.Columns.Length == 0)
            {
                rows.AddColumnlessRows(groups);
            }

            return rows;
        }
    }
}
