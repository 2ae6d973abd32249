using Olap.Columnar.Format;
using Olap.Columnar.Predicates;
using Olap.Columnar.Types;
using Olap.Columnar.Vectors;
using Olap.Query.Execution.Aggregation;
using Olap.Query.Execution.Expressions;
using Olap.Query.Execution.Joins;
using Olap.Query.Catalog;
using Olap.Query.Parsing.Ast;
using Olap.Query.Planning;

namespace Olap.Query.Execution.Operators;

/// <summary>
/// Hash join: the right input (the build side, the smaller one) is drained in parallel into one table; then each
/// worker probes it with its own stream of the left input. Output is the left columns then the right columns.
/// When build keys are unique (a dimension's primary key) the probe chunk's own vectors pass through and only the
/// right columns are gathered; otherwise matching pairs are expanded.
/// </summary>
public sealed class PhysicalHashJoin(JoinKind kind, PhysicalOperator left, PhysicalOperator right, IReadOnlyList<BoundExpression> leftKeys, IReadOnlyList<BoundExpression> rightKeys, BoundExpression? residual) : PhysicalOperator
{
    /// <summary>
    /// A key bitmap goes to the probe scan when the build keys are at most this share of the probe keys in their
    /// range: testing a bit per fact row must drop enough rows to pay for itself before the join.
    /// </summary>
    private const double SemiJoinMaxShare = 0.5;

    /// <summary>Build string columns shorter than this stay flat: interning them would not pay back.</summary>
    private const int MinDictionaryRows = 1024;

    private int _buildRows;
    private string _table = string.Empty;

    public JoinKind Kind { get; } = kind;

    public PhysicalOperator Left { get; } = left;

    public PhysicalOperator Right { get; } = right;

    public IReadOnlyList<BoundExpression> LeftKeys { get; } = leftKeys;

    public IReadOnlyList<BoundExpression> RightKeys { get; } = rightKeys;

    public BoundExpression? Residual { get; } = residual;

    public override IReadOnlyList<ColumnType> Types => field ??= [.. Left.Types, .. Right.Types];

    public override IReadOnlyList<PhysicalOperator> Children => [Left, Right];

    public override string Name => LeftKeys.Count == 0 ? "NESTED_LOOP_JOIN" : "HASH_JOIN";

    public override IEnumerable<string> Details
    {
        get
        {
            yield return Kind.ToString().ToUpperInvariant();
            for (var i = 0; i < LeftKeys.Count; i++)
            {
                yield return $"{ExpressionPrinter.Print(LeftKeys[i])} = {ExpressionPrinter.Print(RightKeys[i])} (right side)";
            }

            if (Residual is not null)
            {
                yield return $"residual: {ExpressionPrinter.Print(Residual)}";
            }
        }
    }

    public override IEnumerable<string> RuntimeDetails => [$"build rows: {_buildRows}, {_table}"];

    protected override IReadOnlyList<IChunkStream> OpenStreams(QueryContext context)
    {
        var build = Build(context);
        if (Kind == JoinKind.Inner)
        {
            PushKeyRangesToProbeScan(build);
        }

        return [.. Left.Open(context).Select(s => (IChunkStream)new ProbeStream(this, s, build))];
    }

    private BuildSide Build(QueryContext context)
    {
        var rightTypes = Right.Types;
        var keyTypes = RightKeys.Select(k => k.Type).ToArray();
        var inputs = Right.Open(context);
        var locals = new MaterializedRows?[inputs.Count];
        var keyExecutors = new ExpressionExecutor[inputs.Count][];
        var columnArrays = new ColumnVector[inputs.Count][];
        ColumnType[] allTypes = [.. rightTypes, .. keyTypes];
        ParallelDriver.Run(inputs, context, (worker, chunk) =>
        {
            var rows = locals[worker] ??= new MaterializedRows(allTypes);
            var executors = keyExecutors[worker] ??= [.. RightKeys.Select(ExpressionExecutor.Create)];
            var columns = columnArrays[worker] ??= new ColumnVector[allTypes.Length];
            chunk.Columns.CopyTo(columns, 0);
            for (var k = 0; k < executors.Length; k++)
            {
                columns[rightTypes.Count + k] = executors[k].Evaluate(chunk);
            }

            AppendColumns(rows, chunk, columns);
        });

        // The first worker's rows stay where they are; only the others' are copied after them (strings row by row).
        MaterializedRows? all = null;
        foreach (var local in locals)
        {
            if (local is null)
            {
                continue;
            }

            if (all is null)
            {
                all = local;
            }
            else
            {
                all.Append(local);
            }
        }

        all ??= new MaterializedRows(allTypes);

        var vectors = all.ToVectors();
        for (var c = 0; c < rightTypes.Count; c++)
        {
            if (TryDictionaryEncode(vectors[c]) is { } encoded)
            {
                vectors[c] = encoded;
            }
        }

        foreach (var vector in vectors)
        {
            // Probe chunks reference build columns as dictionaries; freezing lets consumers cache per build row.
            vector.Freeze();
        }

        var count = all.RowCount;
        var width = keyTypes.Length;
        var codes = new long[Math.Max(1, count * width)];
        var skip = new bool[count];
        var encoders = keyTypes.Select(t => new KeyEncoder(t)).ToArray();
        var identity = VectorValues.Identity();
        var chunkCodes = new long[VectorSize.Standard];
        var chunkNulls = new bool[VectorSize.Standard];
        var slice = new ColumnVector[width];
        for (var k = 0; k < width; k++)
        {
            slice[k] = new ColumnVector(keyTypes[k]);
        }

        for (var start = 0; start < count; start += VectorSize.Standard)
        {
            var n = Math.Min(VectorSize.Standard, count - start);
            for (var k = 0; k < width; k++)
            {
                slice[k].ReferenceSlice(vectors[rightTypes.Count + k], start, n);
                encoders[k].Encode(slice[k], identity.AsSpan(0, n), chunkCodes, chunkNulls, add: true);
                for (var i = 0; i < n; i++)
                {
                    codes[((start + i) * width) + k] = chunkCodes[i];
                    skip[start + i] |= chunkNulls[i];
                }
            }
        }

        var table = width == 0 ? null : new JoinHashTable(codes, width, count, skip);
        var ranges = new (long Min, long Max)?[width];
        for (var k = 0; k < width; k++)
        {
            if (encoders[k].Interner is not null || keyTypes[k].Physical == PhysicalKind.Double)
            {
                continue;
            }

            long min = long.MaxValue, max = long.MinValue;
            for (var row = 0; row < count; row++)
            {
                if (!skip[row])
                {
                    var code = codes[(row * width) + k];
                    min = Math.Min(min, code);
                    max = Math.Max(max, code);
                }
            }

            ranges[k] = min <= max ? (min, max) : null;
        }

        _buildRows = count;
        _table = table is null ? "no keys" : $"{(table.IsDirect ? "direct-mapped" : "hashed")}, {(table.IsUnique ? "unique keys" : "duplicate keys")}, {table.MemoryBytes / 1024} KiB";
        return new BuildSide(vectors[..rightTypes.Count], count, table, [.. encoders.Select(e => e.Interner)], ranges, codes, skip);
    }

    /// <summary>
    /// A build string column with few distinct values (p_category: 25 in 319,157 parts at SF 10) as codes into a
    /// frozen vector of its distinct strings, or null when that does not pay (few rows, many values, NULLs). Probe
    /// chunks then reference the distinct strings, so a GROUP BY above interns 25 strings, not one per build row.
    /// </summary>
    private static ColumnVector? TryDictionaryEncode(ColumnVector column)
    {
        var count = column.Count;
        if (column.Type.Physical != PhysicalKind.String || count < MinDictionaryRows || !column.Validity.AllValid)
        {
            return null;
        }

        var interner = new StringInterner();
        var codes = new int[count];
        for (var row = 0; row < count; row++)
        {
            codes[row] = interner.Intern(column.GetString(row));
            if (interner.Count > count / 4)
            {
                return null;
            }
        }

        var entries = new ColumnBuilder(column.Type);
        for (var id = 0; id < interner.Count; id++)
        {
            entries.AppendString(interner.Get(id));
        }

        var dictionary = entries.ToVector();
        dictionary.Freeze();
        var encoded = new ColumnVector(column.Type);
        encoded.ReferenceDictionary(count, dictionary, codes);
        return encoded;
    }

    private static void AppendColumns(MaterializedRows rows, DataChunk chunk, ColumnVector[] columns)
    {
        var selection = chunk.Selection;
        for (var c = 0; c < columns.Length; c++)
        {
            if (selection is null)
            {
                rows.Columns[c].AppendRange(columns[c], 0, chunk.Count);
            }
            else
            {
                rows.Columns[c].AppendGather(columns[c], selection.Indices);
            }
        }
    }

    /// <summary>
    /// Bounds each integer join key by the build side's smallest and largest key and hands the range to the scan
    /// that produces the probe key, so it skips rows and row groups that cannot match: a dimension filter
    /// (d_year = 1993) becomes a range on the fact table's sort key. When the build keys are a small share of the
    /// probe keys in that range (p_category = 'MFGR#12' keeps 4 % of the parts, spread over all part keys), the scan
    /// also gets the keys themselves as a bitmap (<see cref="KeyBitmap"/>), a semi-join filter that drops fact rows
    /// before the join looks them up.
    /// </summary>
    private void PushKeyRangesToProbeScan(BuildSide build)
    {
        for (var k = 0; k < LeftKeys.Count; k++)
        {
            if (build.KeyRanges[k] is not { } range || LeftKeys[k] is not BoundColumn column || !ScanTracer.TryTrace(Left, column.Index, out var scan, out var sourceColumn))
            {
                continue;
            }

            var type = scan.Source.Columns[sourceColumn].Type;
            if (!type.IsIntegral || type.Physical == PhysicalKind.Int128 || type != column.Type)
            {
                continue;
            }

            var statistics = scan.Source.GetStatistics(sourceColumn) is { Min.Kind: ScalarKind.Integer, Max.Kind: ScalarKind.Integer } stats ? stats : null;
            var keys = SemiJoinKeys(build, k, range, statistics, scan.Source.EstimatedRowCount)
                ?? FilteredDimensionKeys(build, k, range, scan, sourceColumn);

            // A range that covers (nearly) all of the column filters (nearly) nothing and costs a pass over it.
            if (keys is null && statistics is not null)
            {
                var span = (double)statistics.Max.Int64 - statistics.Min.Int64 + 1;
                var covered = (double)Math.Min(range.Max, statistics.Max.Int64) - Math.Max(range.Min, statistics.Min.Int64) + 1;
                if (covered / span >= 0.9)
                {
                    continue;
                }
            }

            var predicate = range.Min == range.Max
                ? ColumnPredicate.Compare(ComparisonKind.Equal, ScalarValue.FromInt64(range.Min))
                : ColumnPredicate.Between(ScalarValue.FromInt64(range.Min), ScalarValue.FromInt64(range.Max));
            scan.AddRuntimeFilter(new ScanFilter(sourceColumn, predicate, keys), $"keys of the join on {ExpressionPrinter.Print(RightKeys[k])}");
        }
    }

    /// <summary>
    /// The build keys of key column <paramref name="k"/> as a bitmap when they are likely to drop at least half of the
    /// probe rows in their range, else null. The probe column's statistics give its distinct values per row group (a
    /// lower bound of the whole column's) over its range; spread evenly, that many fall in the build keys' range. A
    /// lower bound there only makes the bitmap rarer: on a sort key such as lo_orderdate it is small per row group,
    /// and the range filter with zone maps already does the work. Row groups with too many distinct values to count
    /// (more than a dictionary holds) leave the count unknown: then the probe column is taken to hold every value of
    /// its range, up to its row count.
    /// </summary>
    /// <summary>
    /// The build keys as a bitmap when the build side is a dimension table filtered down to at most
    /// <see cref="SemiJoinMaxShare"/> of its rows (c_region = 'ASIA' keeps a fifth of the customers): each fact row
    /// refers to one dimension row, so about that share of fact rows is kept. The probe column's statistics may not
    /// say so (a row group with more distinct keys than a dictionary holds does not count them). Not on the probe
    /// table's leading sort key: there the key range prunes row groups and rows already (a year of dates). Only for
    /// unique build keys, which is what makes the build side a dimension.
    /// </summary>
    private KeyBitmap? FilteredDimensionKeys(BuildSide build, int k, (long Min, long Max) range, PhysicalScan probeScan, int probeColumn)
    {
        if (build.Table is not { IsUnique: true } || RightKeys[k] is not BoundColumn buildColumn || !ScanTracer.TryTrace(Right, buildColumn.Index, out var dimension, out _)
            || (probeScan.Source.SortKey.Count > 0 && probeScan.Source.SortKey[0].Column == probeColumn)
            || (double)range.Max - range.Min + 1 > KeyBitmap.MaxRange
            || build.RowCount > SemiJoinMaxShare * dimension.Source.EstimatedRowCount)
        {
            return null;
        }

        return ToBitmap(build, k, range);
    }

    private static KeyBitmap ToBitmap(BuildSide build, int k, (long Min, long Max) range)
    {
        var width = build.KeyRanges.Length;
        var keys = new long[build.RowCount];
        var count = 0;
        for (var row = 0; row < build.RowCount; row++)
        {
            if (!build.SkipRows[row])
            {
                keys[count++] = build.KeyCodes[(row * width) + k];
            }
        }

        return new KeyBitmap(range.Min, range.Max, keys.AsSpan(0, count));
    }

    private static KeyBitmap? SemiJoinKeys(BuildSide build, int k, (long Min, long Max) range, ColumnStatistics? probe, long probeRows)
    {
        var rangeSize = (double)range.Max - range.Min + 1;
        if (probe is null || rangeSize > KeyBitmap.MaxRange)
        {
            return null;
        }

        var probeSpan = (double)probe.Max.Int64 - probe.Min.Int64 + 1;
        var distinct = probe.Distinct > 0 ? probe.Distinct : Math.Min(probeSpan, probeRows);
        var probeKeysInRange = distinct * Math.Min(1.0, rangeSize / probeSpan);
        return build.RowCount > SemiJoinMaxShare * probeKeysInRange ? null : ToBitmap(build, k, range);
    }

    private sealed record BuildSide(ColumnVector[] Columns, int RowCount, JoinHashTable? Table, StringInterner?[] Interners, (long Min, long Max)?[] KeyRanges, long[] KeyCodes, bool[] SkipRows);

    private sealed class ProbeStream : IChunkStream
    {
        private readonly PhysicalHashJoin _join;
        private readonly IChunkStream _input;
        private readonly BuildSide _build;
        private readonly ExpressionExecutor[] _keys;
        private readonly KeyEncoder[] _encoders;
        private readonly ExpressionExecutor? _residual;
        private readonly long[][] _codes;
        private readonly bool[][] _nulls;
        private readonly long[] _tuple;
        private readonly int[] _firstMatch = new int[VectorSize.Standard];
        private readonly int[] _probeRows = new int[VectorSize.Standard];
        private readonly int[] _buildRows = new int[VectorSize.Standard];
        private readonly bool[] _matched = new bool[VectorSize.Standard];
        private readonly SelectionVector _selected = new();
        private readonly DataChunk _output;
        private readonly int _leftWidth;
        private readonly ColumnVector?[] _ownedColumns;
        private int[]? _intScratch;
        private long[]? _longScratch;

        // Pair expansion state: the current input chunk, its live rows, and where the walk over them stands.
        private DataChunk? _current;
        private int[] _live = [];
        private int _liveCount;
        private int _position;
        private int _chain = -1;
        private bool _emittingUnmatched;
        private int _emitted;

        public ProbeStream(PhysicalHashJoin join, IChunkStream input, BuildSide build)
        {
            _join = join;
            _input = input;
            _build = build;
            _keys = [.. join.LeftKeys.Select(ExpressionExecutor.Create)];
            _encoders = [.. join.LeftKeys.Select((k, i) => new KeyEncoder(k.Type, build.Interners[i]))];
            _residual = join.Residual is null ? null : ExpressionExecutor.Create(join.Residual);
            _codes = [.. _keys.Select(_ => new long[VectorSize.Standard])];
            _nulls = [.. _keys.Select(_ => new bool[VectorSize.Standard])];
            _tuple = new long[_keys.Length];
            _output = new DataChunk(join.Types);
            _leftWidth = join.Left.Types.Count;
            _ownedColumns = new ColumnVector?[join.Types.Count];
        }

        private bool PassThrough => _build.Table is { IsUnique: true } && (_join.Residual is null || _join.Kind == JoinKind.Inner);

        public DataChunk? Next()
        {
            while (true)
            {
                if (_current is not null)
                {
                    var produced = ContinuePairs();
                    if (produced is not null)
                    {
                        return produced;
                    }

                    continue;
                }

                var chunk = _input.Next();
                if (chunk is null)
                {
                    return null;
                }

                var rows = VectorValues.LiveRows(chunk);
                FindFirstMatches(chunk, rows);
                if (PassThrough)
                {
                    var result = PassThroughChunk(chunk, rows);
                    if (result is not null)
                    {
                        return result;
                    }

                    continue;
                }

                StartPairs(chunk, rows);
            }
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        private void FindFirstMatches(DataChunk chunk, ReadOnlySpan<int> rows)
        {
            var table = _build.Table;
            if (table is null)
            {
                // No equality keys: every build row is a candidate (a cross join filtered by the residual).
                for (var i = 0; i < rows.Length; i++)
                {
                    _firstMatch[i] = _build.RowCount > 0 ? 0 : -1;
                }

                return;
            }

            if (_tuple.Length == 1 && table.IsDirect)
            {
                var key = _keys[0].Evaluate(chunk);
                if (key.Validity.AllValid && key.Type.Physical is PhysicalKind.Int32 or PhysicalKind.Int64)
                {
                    // The common star-join probe: a dense integer key straight into the direct-mapped heads.
                    if (key.Type.Physical == PhysicalKind.Int32)
                    {
                        var values = VectorValues.Read(key, ref _intScratch);
                        for (var i = 0; i < rows.Length; i++)
                        {
                            _firstMatch[i] = table.FindDirect(values[rows[i]]);
                        }
                    }
                    else
                    {
                        var values = VectorValues.Read(key, ref _longScratch);
                        for (var i = 0; i < rows.Length; i++)
                        {
                            _firstMatch[i] = table.FindDirect(values[rows[i]]);
                        }
                    }

                    return;
                }
            }

            for (var k = 0; k < _keys.Length; k++)
            {
                _encoders[k].Encode(_keys[k].Evaluate(chunk), rows, _codes[k], _nulls[k], add: false);
            }

            if (_tuple.Length == 1)
            {
                var codes = _codes[0];
                var nulls = _nulls[0];
                for (var i = 0; i < rows.Length; i++)
                {
                    _firstMatch[i] = nulls[i] ? -1 : table.Find(codes[i]);
                }

                return;
            }

            for (var i = 0; i < rows.Length; i++)
            {
                var isNull = false;
                for (var k = 0; k < _tuple.Length; k++)
                {
                    isNull |= _nulls[k][i];
                    _tuple[k] = _codes[k][i];
                }

                _firstMatch[i] = isNull ? -1 : table.Find(_tuple);
            }
        }

        private int NextCandidate(int row) => _build.Table is null ? (row + 1 < _build.RowCount ? row + 1 : -1) : _build.Table.Next(row);

        private DataChunk? PassThroughChunk(DataChunk chunk, ReadOnlySpan<int> rows)
        {
            // Right rows are gathered to the probe rows' own positions, only for rows that stay live;
            // for a LEFT join an unmatched row keeps its place with NULLs on the right.
            var count = chunk.Count;
            var kept = 0;
            var left = _join.Kind == JoinKind.Left;
            for (var i = 0; i < rows.Length; i++)
            {
                var match = _firstMatch[i];
                if (match >= 0 || left)
                {
                    _probeRows[kept] = rows[i];
                    _buildRows[kept] = match;
                    kept++;
                }
            }

            if (kept == 0)
            {
                return null;
            }

            for (var c = 0; c < _leftWidth; c++)
            {
                _output.Columns[c] = chunk.Columns[c];
            }

            for (var c = 0; c < _build.Columns.Length; c++)
            {
                var source = _build.Columns[c];
                var target = OwnedColumn(_leftWidth + c);
                if (source.Type.Physical == PhysicalKind.String && source.Count > 0)
                {
                    // Strings are not copied: the output references the build column as a dictionary.
                    ReferenceBuildRows(source, kept, count, target);
                }
                else
                {
                    VectorGather.GatherAligned(source, _probeRows.AsSpan(0, kept), _buildRows.AsSpan(0, kept), count, target);
                }
            }

            _output.SetCount(count);
            _output.Sequence = chunk.Sequence;
            if (kept != count)
            {
                _output.SetSelection(_probeRows.AsSpan(0, kept));
            }

            if (_residual is not null)
            {
                var survivors = _residual.Select(_output, _selected);
                if (survivors == 0)
                {
                    return null;
                }

                _output.SetSelection(_selected.Storage[..survivors]);
            }

            return _output;
        }

        private void ReferenceBuildRows(ColumnVector source, int kept, int count, ColumnVector target)
        {
            var codes = target.RentCodes(count);
            var span = codes.Span;

            // Rows outside the selection keep the codes of an earlier chunk (or 0 in a new buffer): every code this
            // stream ever writes is a row of the same build column, so they stay valid without a clear per chunk.
            var sourceHasNulls = !source.Validity.AllValid;
            var anyNull = false;
            if (source.Form == VectorForm.Dictionary)
            {
                // A dictionary-encoded build column: the output points at its distinct strings directly.
                var entryCodes = source.Codes;
                for (var i = 0; i < kept; i++)
                {
                    var row = _buildRows[i];
                    span[_probeRows[i]] = entryCodes[Math.Max(row, 0)];
                    anyNull |= row < 0 || (sourceHasNulls && source.IsNull(row));
                }

                target.ReferenceDictionary(count, source.Dictionary, codes);
            }
            else
            {
                for (var i = 0; i < kept; i++)
                {
                    var row = _buildRows[i];
                    span[_probeRows[i]] = Math.Max(row, 0);
                    anyNull |= row < 0 || (sourceHasNulls && source.IsNull(row));
                }

                target.ReferenceDictionary(count, source, codes);
            }

            if (anyNull)
            {
                for (var i = 0; i < kept; i++)
                {
                    var row = _buildRows[i];
                    if (row < 0 || source.IsNull(row))
                    {
                        target.Validity.SetInvalid(_probeRows[i], count);
                    }
                }
            }
        }

        private void StartPairs(DataChunk chunk, ReadOnlySpan<int> rows)
        {
            _current = chunk;
            if (_live.Length < rows.Length)
            {
                _live = new int[VectorSize.Standard];
            }

            rows.CopyTo(_live);
            _liveCount = rows.Length;
            _position = 0;
            _chain = rows.Length > 0 ? _firstMatch[0] : -1;
            _emittingUnmatched = false;
            _emitted = 0;
            Array.Clear(_matched);
        }

        private DataChunk? ContinuePairs()
        {
            var chunk = _current!;
            var pairs = 0;
            if (!_emittingUnmatched)
            {
                while (_position < _liveCount && pairs < VectorSize.Standard)
                {
                    if (_chain < 0)
                    {
                        _position++;
                        _chain = _position < _liveCount ? _firstMatch[_position] : -1;
                        continue;
                    }

                    _probeRows[pairs] = _live[_position];
                    _buildRows[pairs] = _chain;
                    _selected.Storage[pairs] = _position;
                    pairs++;
                    _chain = NextCandidate(_chain);
                }

                if (pairs > 0)
                {
                    var output = EmitPairs(chunk, pairs);
                    if (output is not null)
                    {
                        return output;
                    }

                    return ContinueOrFinish();
                }

                _emittingUnmatched = _join.Kind == JoinKind.Left;
                _position = 0;
            }

            if (_emittingUnmatched)
            {
                while (_position < _liveCount && pairs < VectorSize.Standard)
                {
                    if (!_matched[_position])
                    {
                        _probeRows[pairs] = _live[_position];
                        _buildRows[pairs] = -1;
                        pairs++;
                    }

                    _position++;
                }

                if (pairs > 0)
                {
                    return Gather(chunk, pairs);
                }
            }

            _current = null;
            return null;
        }

        private DataChunk? ContinueOrFinish() => _position < _liveCount || _join.Kind == JoinKind.Left ? null : FinishChunk();

        private DataChunk? FinishChunk()
        {
            _current = null;
            return null;
        }

        private DataChunk? EmitPairs(DataChunk chunk, int pairs)
        {
            // Which live position each pair came from, to mark left rows that found a match.
            Span<int> positions = stackalloc int[pairs];
            _selected.Storage[..pairs].CopyTo(positions);
            var output = Gather(chunk, pairs);
            if (_residual is null)
            {
                foreach (var position in positions)
                {
                    _matched[position] = true;
                }

                return output;
            }

            var survivors = _residual.Select(output, _selected);
            for (var i = 0; i < survivors; i++)
            {
                _matched[positions[_selected[i]]] = true;
            }

            if (survivors == 0)
            {
                return null;
            }

            if (survivors != pairs)
            {
                output.SetSelection(_selected.Storage[..survivors]);
            }

            return output;
        }

        private DataChunk Gather(DataChunk chunk, int pairs)
        {
            for (var c = 0; c < _leftWidth; c++)
            {
                VectorGather.Gather(chunk.Columns[c], _probeRows.AsSpan(0, pairs), OwnedColumn(c));
            }

            for (var c = 0; c < _build.Columns.Length; c++)
            {
                VectorGather.Gather(_build.Columns[c], _buildRows.AsSpan(0, pairs), OwnedColumn(_leftWidth + c));
            }

            _output.SetCount(pairs);

            // Pairs of one probe chunk may fill several output chunks: they keep the probe chunk's place, in order.
            _output.Sequence = (chunk.Sequence << 8) + Math.Min(255, _emitted++);
            return _output;
        }

        /// <summary>The stream's own vector for output column <paramref name="index"/>, put in place in the output chunk.</summary>
        private ColumnVector OwnedColumn(int index)
        {
            var vector = _ownedColumns[index] ??= new ColumnVector(_join.Types[index]);
            _output.Columns[index] = vector;
            return vector;
        }
    }
}
