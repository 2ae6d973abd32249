using Olap.Columnar.Format;
using Olap.Columnar.Predicates;
using Olap.Columnar.Types;
using Olap.Query.Catalog;
using Olap.Query.Execution;
using Olap.Query.Planning;
using Olap.Query.Planning.Logical;
using Olap.Query.Planning.Optimizer;

namespace Olap.Query.Cubes;

/// <summary>
/// Computes a cube's rows without hashing group keys, when its tables form a star: one fact table joined to every
/// other table on a key of that table, every other condition on one table, the measures over fact columns. Each
/// dimension table's distinct combinations of the cube's dimensions are numbered once; a fact row's cell is then
/// arithmetic on those numbers (found by array lookup of its foreign keys), and the measures add up in arrays indexed
/// by cell. Grouping sets are rolled up from these cells the same way. A cube whose cells would not fit in memory,
/// or whose shape is anything else, gets null: the caller then runs the cube's query as a plan.
/// </summary>
internal static class DenseCubeBuilder
{
    private static long s_builds;

    /// <summary>Cubes (and cube deltas) computed densely since the process started: lets tests see which way a build went.</summary>
    public static long Builds => Interlocked.Read(ref s_builds);

    /// <summary>At most this many cells (per worker: a row count and a value per measure, eight bytes each).</summary>
    private const long MaxCells = 1 << 25;

    /// <summary>A fact column is an axis when its values span at most this many.</summary>
    private const long MaxFactColumnRange = 1 << 16;

    /// <summary>A dimension table's keys are looked up in an array of at most this many slots.</summary>
    private const long MaxKeyRange = 1 << 26;

    /// <summary>
    /// The rows of <paramref name="definition"/> in the stored <paramref name="columns"/>, from
    /// <paramref name="input"/> (its <see cref="CubeDefinition.InputQuery"/> bound over the tables to aggregate).
    /// </summary>
    public static DenseCubeSource? TryBuild(CubeDefinition definition, LogicalProjection input, IReadOnlyList<ColumnDefinition> columns, QueryContext context)
    {
        if (!StarBlock.TryFlatten(input.Child, out var leaves, out var conjuncts) || Star.Analyze(leaves, conjuncts) is not { } star)
        {
            return null;
        }

        var dimensionCount = definition.Dimensions.Count;
        var fact = leaves[star.Fact];

        // The axes in the order their dimensions first appear in the sort key: a dimension table (all its dimensions), or one fact column.
        var keyOrder = definition.SortKey.Where(k => k.Column != definition.GroupingSetStorage)
            .Select(k => Enumerable.Range(0, dimensionCount).First(d => definition.DimensionStorage(definition.Dimensions[d]) == k.Column))
            .ToList();
        var axisTables = new List<int>();
        var axisDimensions = new List<List<int>>();
        foreach (var d in keyOrder)
        {
            if (input.Expressions[d] is not BoundColumn column)
            {
                return null;
            }

            var table = star.TableOf(column.Index);
            var axis = table == star.Fact ? -1 : axisTables.IndexOf(table);
            if (axis < 0)
            {
                axisTables.Add(table);
                axisDimensions.Add([]);
                axis = axisTables.Count - 1;
            }

            axisDimensions[axis].Add(d);
        }

        for (var t = 0; t < leaves.Count; t++)
        {
            if (t != star.Fact && !axisTables.Contains(t))
            {
                axisTables.Add(t); // joined only to filter: an axis of one number
                axisDimensions.Add([]);
            }
        }

        var axes = new List<DenseAxis>();
        var chunkColumns = new List<BoundExpression>();
        var numberings = new List<(int Axis, Func<DenseAxis?> Number)>(); // the dimension tables, read together below
        for (var a = 0; a < axisTables.Count; a++)
        {
            var dimensions = axisDimensions[a];
            var stored = dimensions.Select(d => definition.DimensionStorage(definition.Dimensions[d])).ToList();
            var types = stored.Select(s => columns[s].Type).ToList();
            if (dimensions.Where((d, k) => input.Expressions[d].Type != types[k]).Any())
            {
                return null;
            }

            var table = axisTables[a];
            if (table == star.Fact)
            {
                var column = (BoundColumn)input.Expressions[dimensions[0]];
                var local = column.Index - fact.Offset;
                if (FactColumnAxis(fact.Table, local, stored[0], column.Type) is not { } factAxis)
                {
                    return null;
                }

                axes.Add(factAxis);
                chunkColumns.Add(new BoundColumn(local, column.Type, "value"));
                continue;
            }

            var (factKey, dimensionKey) = star.Keys[table];
            var factKeyType = fact.Table.Columns[factKey - fact.Offset].Type;
            if (!factKeyType.IsIntegral && factKeyType.Id != LogicalTypeId.Date)
            {
                return null; // keys are looked up as integers
            }

            var dimensionColumns = dimensions.Select(d => ((BoundColumn)input.Expressions[d]).Index - leaves[table].Offset).ToList();
            var leaf = leaves[table];
            var conditions = star.Local[table];
            numberings.Add((axes.Count, () => NumberDimension(leaf, dimensionKey, dimensionColumns, conditions, stored, types, context)));
            axes.Add(null!); // set below
            chunkColumns.Add(new BoundColumn(factKey - fact.Offset, factKeyType, "key"));
        }

        // Each dimension table is read and numbered on its own (the part table's 800 K rows beside the customers').
        var numbered = new DenseAxis?[numberings.Count];
        try
        {
            Parallel.For(0, numberings.Count, new ParallelOptions { MaxDegreeOfParallelism = context.Threads, CancellationToken = context.Cancellation }, i => numbered[i] = numberings[i].Number());
        }
        catch (AggregateException failed) when (failed.InnerExceptions.Count == 1)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failed.InnerExceptions[0]);
        }

        for (var i = 0; i < numberings.Count; i++)
        {
            if (numbered[i] is not { } tableAxis)
            {
                return null;
            }

            axes[numberings[i].Axis] = tableAxis;
        }

        // The measures, each over fact columns only, in types the cells can add up; their inputs follow the axes' in a chunk.
        var measures = new List<DenseMeasure>();
        var measureAt = new int[columns.Count];
        Array.Fill(measureAt, -1);
        for (var i = 0; i < columns.Count; i++)
        {
            var role = definition.Columns[i].Role;
            if (role is CubeColumnRole.Dimension or CubeColumnRole.GroupingSet)
            {
                continue;
            }

            var chunkColumn = -1;
            var isDouble = false;
            if (role != CubeColumnRole.CountStar)
            {
                var argument = input.Expressions[definition.MeasureInputs[i]];
                if (!PlanRewriter.Columns(argument).All(c => star.TableOf(c) == star.Fact) || !Storable(role, argument.Type, columns[i].Type))
                {
                    return null;
                }

                isDouble = argument.Type.Physical == PhysicalKind.Double;
                chunkColumn = chunkColumns.Count;
                chunkColumns.Add(PlanRewriter.Shift(argument, -fact.Offset));
            }

            measureAt[i] = measures.Count;
            measures.Add(new DenseMeasure(role, chunkColumn, isDouble));
        }

        // The axis of the fact table's leading sort column goes outermost while the fact rows are added: rows in
        // storage order then hit a window of neighbouring cells (one order date's) that stays in cache, where in
        // sort-key order every row would land anywhere in the whole array. The sets are laid out in sort-key order after.
        var order = Enumerable.Range(0, axes.Count).ToList();
        var lead = fact.Table.SortKey.Count == 0 ? -1 : order.FindIndex(a => chunkColumns[a] is BoundColumn { } key && key.Index == fact.Table.SortKey[0].Column);
        if (lead > 0)
        {
            order.RemoveAt(lead);
            order.Insert(0, lead);
        }

        long cellCount = 1;
        var strides = new int[axes.Count];
        for (var i = axes.Count - 1; i >= 0; i--)
        {
            var a = order[i];
            strides[a] = (int)cellCount;
            cellCount *= axes[a].Size;
            if (cellCount > MaxCells)
            {
                return null;
            }
        }

        // Sets in mask order: the grouping-set column leads the sort key.
        var layouts = definition.Sets.OrderBy(s => s.Mask).Select(set => Layout(definition, columns.Count, axes, set)).ToList();

        // Several sets whose cells together are fewer than the finest grain's (their dimensions differ, so their
        // product is sparse) are added into directly, each row into one cell of each; otherwise the rows go into the
        // finest cells once and every set is rolled up from those.
        List<(SetLayout Layout, DenseCells Cells, int[]? Occupied)> filled;
        if (layouts.Count > 1 && layouts.Sum(l => (long)l.Size) < cellCount)
        {
            var grids = layouts.Select(l => new DenseGrid(l.Size, [.. axes.Select((axis, a) => Enumerable.Range(0, axis.Size).Select(n => l.Projections[a].Of(n) * l.Strides[a]).ToArray())])).ToList();
            if (Accumulate(fact, star.Local[star.Fact], chunkColumns, axes, grids, measures, context) is not { } cells)
            {
                return null;
            }

            filled = [.. layouts.Select((l, i) => (l, cells[i], (int[]?)null))];
        }
        else
        {
            if (Accumulate(fact, star.Local[star.Fact], chunkColumns, axes, [DenseGrid.Finest(axes, strides, (int)cellCount)], measures, context) is not [var finest])
            {
                return null;
            }

            filled = RollUpSets(finest, axes, strides, order, layouts);
        }

        // Each set's rows in sort-key order: the set's occupied cells ordered by their dimensions' ranks packed into
        // one number (cell order already is that order when each table's dimensions are adjacent in the key).
        var sortColumns = new List<(int Axis, int[] Ranks, int Bits, int Stored)>();
        var packedBits = 0;
        foreach (var key in definition.SortKey)
        {
            var a = axes.FindIndex(axis => axis.StoredColumns.Contains(key.Column));
            if (a >= 0)
            {
                var (ranks, highest) = axes[a].Ranks(axes[a].StoredColumns.ToList().IndexOf(key.Column));
                var bits = 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)highest);
                packedBits += bits;
                sortColumns.Add((a, ranks, bits, key.Column));
            }
        }

        var sets = new List<DenseSet>();
        foreach (var (layout, cells, walked) in filled)
        {
            // The grand total (a set of no dimensions) is one row even over no rows, as GROUP BY () is.
            var occupied = walked ?? cells.Occupied();
            if (layout.IsGrandTotal && occupied.Length == 0)
            {
                occupied = [0];
            }

            if (packedBits <= 63 && Interleaves(layout, sortColumns))
            {
                SortCells(occupied, layout, sortColumns);
            }

            sets.Add(new DenseSet(layout.Mask, layout.Projections, layout.Strides, cells, occupied, layout.Keeps));
        }

        Interlocked.Increment(ref s_builds);
        return new DenseCubeSource(definition, columns, axes, sets, measureAt) { IsSorted = packedBits <= 63 };
    }

    /// <summary>
    /// Whether the sort key goes back to an axis after another (q4's category, city, brand), so that cell order is not
    /// key order. Otherwise it is: the set's axes nest in the order the key first names them, each axis' numbers follow
    /// the order of the attributes it keeps, and those come in the key in the axis' attribute order.
    /// </summary>
    private static bool Interleaves(SetLayout layout, List<(int Axis, int[] Ranks, int Bits, int Stored)> sortColumns)
    {
        var axis = -1;
        foreach (var (a, _, _, stored) in sortColumns)
        {
            if (!layout.Keeps[stored] || a == axis)
            {
                continue;
            }

            if (a < axis)
            {
                return true;
            }

            axis = a;
        }

        return false;
    }

    /// <summary>Orders a set's occupied cells by the packed ranks of the dimensions it keeps, in sort-key order.</summary>
    private static void SortCells(int[] occupied, SetLayout layout, List<(int Axis, int[] Ranks, int Bits, int Stored)> sortColumns)
    {
        var keys = new long[occupied.Length];
        var ascending = true;
        for (var j = 0; j < occupied.Length; j++)
        {
            var cell = occupied[j];
            long key = 0;
            foreach (var (a, ranks, bits, stored) in sortColumns)
            {
                key <<= bits;
                if (layout.Keeps[stored])
                {
                    var projection = layout.Projections[a];
                    key |= (uint)ranks[projection.Representative(cell / layout.Strides[a] % projection.Size)];
                }
            }

            keys[j] = key;
            ascending &= j == 0 || keys[j - 1] <= key;
        }

        if (!ascending)
        {
            Array.Sort(keys, occupied);
        }
    }

    /// <summary>A fact column as an axis: an integer or date column whose statistics give a small range.</summary>
    private static DenseAxis? FactColumnAxis(SegmentedTable table, int column, int stored, ColumnType type)
    {
        if (!type.IsIntegral && type.Id != LogicalTypeId.Date || table.GetStatistics(column) is not { } statistics)
        {
            return null;
        }

        long min = 0, max = -1;
        if (!statistics.Min.IsNull)
        {
            min = statistics.Min.Int64;
            max = statistics.Max.Int64;
        }

        // An all-NULL column (max below min) is an axis of NULL alone.
        return max < min || (ulong)(max - min) < MaxFactColumnRange ? DenseAxis.ForFactColumn(min, max, stored, type) : null;
    }

    /// <summary>Whether a measure of <paramref name="role"/> over <paramref name="argument"/> values is what the cube stores as <paramref name="stored"/>.</summary>
    private static bool Storable(CubeColumnRole role, ColumnType argument, ColumnType stored)
    {
        if (role == CubeColumnRole.Count)
        {
            return stored == ColumnType.BigInt; // counts NULLs only: any type
        }

        var integral = argument.Physical is PhysicalKind.Int8 or PhysicalKind.Int16 or PhysicalKind.Int32 or PhysicalKind.Int64;
        if (!integral && argument.Physical != PhysicalKind.Double)
        {
            return false;
        }

        return role switch
        {
            CubeColumnRole.Min or CubeColumnRole.Max => stored == argument,
            CubeColumnRole.Average => stored == ColumnType.Double && argument.Id != LogicalTypeId.Decimal,
            _ when argument.Physical == PhysicalKind.Double => stored == ColumnType.Double,
            _ when argument.Id == LogicalTypeId.Decimal => stored.Id == LogicalTypeId.Decimal && stored.Physical == PhysicalKind.Int64 && stored.Scale == argument.Scale,
            _ => argument.IsIntegral && argument.Id != LogicalTypeId.Boolean && stored == ColumnType.BigInt,
        };
    }

    /// <summary>A dimension table's rows passing its conditions, numbered by their dimension values; null when its join column is not a key.</summary>
    private static DenseAxis? NumberDimension((SegmentedTable Table, int Offset) leaf, int keyColumn, IReadOnlyList<int> dimensionColumns, IReadOnlyList<BoundExpression> conditions, IReadOnlyList<int> stored, IReadOnlyList<ColumnType> types, QueryContext context)
    {
        var (table, offset) = leaf;
        var keyType = table.Columns[keyColumn - offset].Type;
        if (!keyType.IsIntegral && keyType.Id != LogicalTypeId.Date)
        {
            return null;
        }

        var expressions = new List<BoundExpression> { new BoundColumn(keyColumn - offset, keyType, "key") };
        expressions.AddRange(dimensionColumns.Select(c => (BoundExpression)new BoundColumn(c, table.Columns[c].Type, table.Columns[c].Name)));
        var rows = Run(table, offset, conditions, expressions, context);
        var keyVector = rows.GetColumn(0);
        var keys = new List<long>(rows.RowCount);
        var joinable = new List<int>(rows.RowCount);
        for (var row = 0; row < rows.RowCount; row++)
        {
            if (!keyVector.IsNull(row))
            {
                keys.Add(keyVector.GetScalar(row).Int64); // a NULL key joins no fact row
                joinable.Add(row);
            }
        }

        var (tupleOfRow, distinct) = DimensionTuples.Of([.. Enumerable.Range(1, dimensionColumns.Count).Select(rows.GetColumn)], System.Runtime.InteropServices.CollectionsMarshal.AsSpan(joinable));
        return DenseAxis.ForTable(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(keys), tupleOfRow, distinct, stored, types, MaxKeyRange);
    }

    /// <summary>One pass over the fact rows passing their conditions, on every worker, each worker's grids added up at the end.</summary>
    private static DenseCells[]? Accumulate((SegmentedTable Table, int Offset) fact, IReadOnlyList<BoundExpression> conditions, IReadOnlyList<BoundExpression> expressions, List<DenseAxis> axes, IReadOnlyList<DenseGrid> grids, List<DenseMeasure> measures, QueryContext context)
    {
        if (grids.Any(grid => DenseCells.SlotsFor(grid.Cells, measures.Count) > DenseCells.MaxSlots))
        {
            return null;
        }

        var physical = PhysicalPlanner.Plan(QueryOptimizer.Optimize(Plan(fact.Table, fact.Offset, conditions, expressions)));
        var streams = physical.Open(context);
        var workers = new DenseCellAccumulator?[streams.Count];
        try
        {
            ParallelDriver.Run(streams, context, (worker, chunk) => (workers[worker] ??= new DenseCellAccumulator(axes, grids, measures)).Add(chunk));
        }
        catch (OverflowException)
        {
            return null; // a partial sum left 64 bits; the plan's wider sums decide whether the cube's column can hold it
        }

        var filled = new List<DenseCellAccumulator>();
        foreach (var worker in workers)
        {
            if (worker is null)
            {
                continue;
            }

            if (worker.OutOfRange)
            {
                return null;
            }

            filled.Add(worker);
        }

        if (filled.Count == 0)
        {
            return [.. grids.Select(grid => new DenseCells(grid.Cells, measures))];
        }

        // The other workers' cells fold into the first's, the cells split into ranges folded in parallel.
        var total = filled[0].Cells;
        var overflow = false;
        for (var g = 0; g < grids.Count && filled.Count > 1; g++)
        {
            var into = total[g];
            const int rangeCells = 1 << 16;
            var ranges = (into.Count + rangeCells - 1) / rangeCells;
            Parallel.For(0, ranges, new ParallelOptions { MaxDegreeOfParallelism = context.Threads, CancellationToken = context.Cancellation }, range =>
            {
                var end = Math.Min(into.Count, (range + 1) * rangeCells);
                try
                {
                    for (var w = 1; w < filled.Count; w++)
                    {
                        var cells = filled[w].Cells[g];
                        for (var cell = range * rangeCells; cell < end; cell++)
                        {
                            if (cells.Rows(cell) > 0)
                            {
                                into.Fold(cell, cells, cell);
                            }
                        }
                    }
                }
                catch (OverflowException)
                {
                    Volatile.Write(ref overflow, true);
                }
            });
        }

        return overflow ? null : total;
    }

    /// <summary>How one grouping set lays out its cells: each axis projected onto the dimensions it keeps, the axes nesting in axis order.</summary>
    private static SetLayout Layout(CubeDefinition definition, int columnCount, List<DenseAxis> axes, CubeGroupingSet set)
    {
        var keeps = new bool[columnCount];
        foreach (var dimension in set.Dimensions)
        {
            keeps[definition.DimensionStorage(dimension)] = true;
        }

        var projections = axes.Select(axis => axis.Project(stored => keeps[stored])).ToArray();
        var strides = new int[axes.Count];
        var size = 1;
        for (var a = axes.Count - 1; a >= 0; a--)
        {
            strides[a] = size;
            size *= projections[a].Size;
        }

        return new SetLayout(set.Mask, keeps, projections, strides, size, set.Dimensions.Count == 0);
    }

    /// <summary>
    /// How to visit a set's cells in its own order: an odometer over the axes nesting in <see cref="Nesting"/>
    /// (outermost first), axis a taking its numbers in the order <see cref="NumberOrder"/>[a] lists them, at stride
    /// <see cref="Strides"/>[a] in the cell array.
    /// </summary>
    private sealed record CellWalk(List<int> Nesting, int[][] NumberOrder, int[] Strides)
    {
        public static CellWalk InOrder(List<int> nesting, int[] sizes, int[] strides) =>
            new(nesting, [.. sizes.Select(size => Enumerable.Range(0, size).ToArray())], strides);
    }

    /// <summary>
    /// Every set's cells, largest set first, each folded from the smallest set already made whose attributes determine
    /// the set's (q3's nations by year from its cities by year, 437 K cells, not from the 5.25 M finest cells). A set
    /// of the finest grain is the finest cells themselves, listed in its order.
    /// </summary>
    private static List<(SetLayout Layout, DenseCells Cells, int[]? Occupied)> RollUpSets(DenseCells finest, List<DenseAxis> axes, int[] strides, List<int> order, List<SetLayout> layouts)
    {
        var made = new (SetLayout Layout, DenseCells Cells, int[]? Occupied)?[layouts.Count];
        var walks = new CellWalk[layouts.Count];
        var axisOrder = Enumerable.Range(0, axes.Count).ToList();
        var finestWalk = CellWalk.InOrder(order, [.. axes.Select(axis => axis.Size)], strides);
        foreach (var i in Enumerable.Range(0, layouts.Count).OrderByDescending(i => layouts[i].Size))
        {
            var target = layouts[i];
            if (target.Projections.Select((p, a) => p.Size == axes[a].Size).All(same => same))
            {
                // The finest grain, its axes only nested and numbered otherwise (c_region dropped beside the c_city it
                // follows from): the finest cells as they are, listed in the set's order. Copying them over would
                // scatter every write, the finest's leading axis being the set's innermost.
                var numberOrder = target.Projections.Select(p => Enumerable.Range(0, p.Size).Select(p.Representative).ToArray()).ToArray();
                var layout = target with { Strides = strides, Projections = [.. axes.Select(axis => new DenseProjection(axis.Size, null, null))] };
                walks[i] = new CellWalk(axisOrder, numberOrder, strides);
                made[i] = (layout, finest, target.Strides.SequenceEqual(strides) && target.Projections.All(p => p.Map is null) ? null : OccupiedInOrder(finest, walks[i]));
                continue;
            }

            var (source, walk) = (finest, finestWalk);
            var sourceLayout = (SetLayout?)null;
            for (var j = 0; j < made.Length; j++)
            {
                if (made[j] is { } candidate && (sourceLayout is null || candidate.Layout.Size < sourceLayout.Size) && Determines(candidate.Layout, target, axes))
                {
                    (source, walk, sourceLayout) = (candidate.Cells, walks[j], candidate.Layout);
                }
            }

            // Per axis, what each source number adds to the target cell.
            var parts = axes.Select((axis, a) =>
            {
                var from = sourceLayout?.Projections[a] ?? new DenseProjection(axis.Size, null, null);
                return Enumerable.Range(0, from.Size).Select(p => target.Projections[a].Of(from.Representative(p)) * target.Strides[a]).ToArray();
            }).ToArray();
            walks[i] = CellWalk.InOrder(axisOrder, [.. target.Projections.Select(p => p.Size)], target.Strides);
            made[i] = (target, RollUp(source, walk, parts, target.Size), null);
        }

        return [.. made.Select(m => m!.Value)];
    }

    /// <summary>Whether <paramref name="source"/>'s cells determine <paramref name="target"/>'s: per axis, numbers one in the source are one in the target.</summary>
    private static bool Determines(SetLayout source, SetLayout target, List<DenseAxis> axes)
    {
        for (var a = 0; a < axes.Count; a++)
        {
            var from = source.Projections[a];
            var to = target.Projections[a];
            for (var number = 0; number < axes[a].Size; number++)
            {
                if (to.Of(number) != to.Of(from.Representative(from.Of(number))))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>
    /// The occupied cells of <paramref name="cells"/> in the order of <paramref name="walk"/>. Strided, yet
    /// cache-friendly: the innermost axis' cells for one number of the next are read again, from cache, for the next.
    /// </summary>
    private static int[] OccupiedInOrder(DenseCells cells, CellWalk walk)
    {
        var occupied = new List<int>();
        Walk(walk, (cell, _) =>
        {
            if (cells.Rows(cell) > 0)
            {
                occupied.Add(cell);
            }
        });
        return [.. occupied];
    }

    /// <summary>
    /// Cells folded from <paramref name="source"/>, visited by <paramref name="walk"/>: each source number of axis a
    /// adds <paramref name="parts"/>[a][number] to the target cell, so no cell is divided into its numbers.
    /// </summary>
    private static DenseCells RollUp(DenseCells source, CellWalk walk, int[][] parts, int size)
    {
        var cells = new DenseCells(size, source.Measures);
        Walk(walk, parts, (cell, target) =>
        {
            if (source.Rows(cell) > 0)
            {
                cells.Fold(target, source, cell);
            }
        });
        return cells;
    }

    private static void Walk(CellWalk walk, Action<int, int> visit) => Walk(walk, [.. walk.NumberOrder.Select(numbers => new int[numbers.Length])], visit);

    /// <summary>
    /// Visits every cell of <paramref name="walk"/> with the sum of <paramref name="parts"/>[a][number] over its axes'
    /// numbers, both kept as running sums an odometer step adjusts.
    /// </summary>
    private static void Walk(CellWalk walk, int[][] parts, Action<int, int> visit)
    {
        var order = walk.NumberOrder;
        var strides = walk.Strides;
        var positions = new int[order.Length];
        var cell = 0;
        var target = 0;
        long count = 1;
        for (var a = 0; a < order.Length; a++)
        {
            cell += order[a][0] * strides[a];
            target += parts[a][order[a][0]];
            count *= order[a].Length;
        }

        for (long visited = 0; visited < count; visited++)
        {
            visit(cell, target);
            for (var i = walk.Nesting.Count - 1; i >= 0; i--)
            {
                var a = walk.Nesting[i];
                var numbers = order[a];
                cell -= numbers[positions[a]] * strides[a];
                target -= parts[a][numbers[positions[a]]];
                if (++positions[a] < numbers.Length)
                {
                    cell += numbers[positions[a]] * strides[a];
                    target += parts[a][numbers[positions[a]]];
                    break;
                }

                positions[a] = 0;
                cell += numbers[0] * strides[a];
                target += parts[a][numbers[0]];
            }
        }
    }

    /// <summary>A grouping set's cell layout: its mask, the stored dimension columns it keeps, and its projected axes.</summary>
    private sealed record SetLayout(long Mask, bool[] Keeps, DenseProjection[] Projections, int[] Strides, int Size, bool IsGrandTotal);

    /// <summary>Runs <c>SELECT expressions FROM table WHERE conditions</c> (conditions numbered as the block's output) into memory.</summary>
    private static QueryResult Run(SegmentedTable table, int offset, IReadOnlyList<BoundExpression> conditions, IReadOnlyList<BoundExpression> expressions, QueryContext context)
        => ResultCollector.Collect(
            PhysicalPlanner.Plan(QueryOptimizer.Optimize(Plan(table, offset, conditions, expressions))),
            [.. expressions.Select((e, i) => new ResultColumn($"c{i}", e.Type))],
            context);

    private static LogicalProjection Plan(SegmentedTable table, int offset, IReadOnlyList<BoundExpression> conditions, IReadOnlyList<BoundExpression> expressions)
    {
        // Scan only the columns read: the optimizer keeps a scan's column list as given.
        var local = conditions.Select(c => PlanRewriter.Shift(c, -offset)).ToList();
        var read = new HashSet<int>();
        foreach (var expression in local.Concat(expressions))
        {
            PlanRewriter.CollectColumns(expression, read);
        }

        var columns = read.Count == 0 ? [0] : read.Order().ToList();
        BoundExpression Scanned(BoundExpression expression) => PlanRewriter.Replace(expression, c => c with { Index = columns.IndexOf(c.Index) });
        LogicalOperator plan = new LogicalGet(table, table.Name, columns, []);
        if (PlanRewriter.And([.. local.Select(Scanned)]) is { } predicate)
        {
            plan = new LogicalFilter(plan, predicate);
        }

        return new LogicalProjection(plan, [.. expressions.Select(Scanned)], [.. expressions.Select((e, i) => new OutputColumn($"c{i}", e.Type))]);
    }

    /// <summary>
    /// The block as a star: the fact table, per other table its join (the fact's column and its own key column, both
    /// numbered as the block's output), and per table the conditions on it alone (conditions on no column go to the fact).
    /// </summary>
    private sealed class Star
    {
        private readonly List<(SegmentedTable Table, int Offset)> _leaves;

        private Star(List<(SegmentedTable Table, int Offset)> leaves, int fact, (int FactKey, int DimensionKey)[] keys, List<BoundExpression>[] local)
        {
            _leaves = leaves;
            Fact = fact;
            Keys = keys;
            Local = local;
        }

        public int Fact { get; }

        public (int FactKey, int DimensionKey)[] Keys { get; }

        public List<BoundExpression>[] Local { get; }

        public int TableOf(int column)
        {
            for (var t = _leaves.Count - 1; t >= 0; t--)
            {
                if (column >= _leaves[t].Offset)
                {
                    return t;
                }
            }

            return -1;
        }

        public static Star? Analyze(List<(SegmentedTable Table, int Offset)> leaves, List<BoundExpression> conjuncts)
        {
            if (leaves.Select((l, i) => (l.Offset, i)).Any(x => x.i > 0 && leaves[x.i - 1].Offset > x.Offset))
            {
                return null;
            }

            var probe = new Star(leaves, -1, [], []);
            var joins = new List<(int A, int ColumnA, int B, int ColumnB)>();
            var local = leaves.Select(_ => new List<BoundExpression>()).ToArray();
            var unplaced = new List<BoundExpression>();
            foreach (var conjunct in conjuncts)
            {
                if (conjunct is BoundComparison { Kind: ComparisonKind.Equal, Left: BoundColumn left, Right: BoundColumn right }
                    && probe.TableOf(left.Index) != probe.TableOf(right.Index))
                {
                    joins.Add((probe.TableOf(left.Index), left.Index, probe.TableOf(right.Index), right.Index));
                    continue;
                }

                var tables = PlanRewriter.Columns(conjunct).Select(probe.TableOf).Distinct().ToList();
                switch (tables.Count)
                {
                    case 0:
                        unplaced.Add(conjunct);
                        break;
                    case 1:
                        local[tables[0]].Add(conjunct);
                        break;
                    default:
                        return null;
                }
            }

            // The fact table is in every join, and every other table in exactly one; of two tables, the larger is the fact.
            var fact = -1;
            for (var t = 0; t < leaves.Count; t++)
            {
                var isFact = joins.Count == leaves.Count - 1
                    && joins.All(j => j.A == t || j.B == t)
                    && Enumerable.Range(0, leaves.Count).Where(o => o != t).All(o => joins.Count(j => j.A == o || j.B == o) == 1);
                if (isFact && (fact < 0 || leaves[t].Table.EstimatedRowCount > leaves[fact].Table.EstimatedRowCount))
                {
                    fact = t;
                }
            }

            if (fact < 0)
            {
                return null;
            }

            var keys = new (int, int)[leaves.Count];
            foreach (var (a, columnA, b, columnB) in joins)
            {
                keys[a == fact ? b : a] = a == fact ? (columnA, columnB) : (columnB, columnA);
            }

            local[fact].AddRange(unplaced);
            return new Star(leaves, fact, keys, local);
        }
    }
}
