using Olap.Columnar.Format;
using Olap.Query.Binding;
using Olap.Query.Parsing.Ast;
using Olap.Query.Planning;
using Olap.Query.Planning.Logical;

namespace Olap.Query.Cubes;

/// <summary>
/// A materialized view's defining query taken apart: the star block it aggregates (tables and conditions), its
/// dimensions and grouping sets, and the measures it keeps, each with the stored column that holds it. Only what can
/// be re-aggregated is accepted (SUM, COUNT, MIN, MAX, and AVG kept as a sum and a count), so a cube can answer
/// coarser queries and absorb appended rows without going back to its tables.
/// </summary>
internal sealed class CubeDefinition
{
    public const string GroupingSetColumn = "$set";
    private const int MaxDimensions = 60;

    private CubeDefinition(StarBlock block, IReadOnlyList<int> dimensions, IReadOnlyList<CubeGroupingSet> sets, IReadOnlyList<CubeColumn> columns, int visibleColumns, QueryNode storageQuery, QueryNode finestQuery, QueryNode inputQuery, IReadOnlyList<int> measureInputs)
    {
        FinestQuery = finestQuery;
        InputQuery = inputQuery;
        MeasureInputs = measureInputs;
        Block = block;
        Dimensions = dimensions;
        Sets = sets;
        Columns = columns;
        VisibleColumns = visibleColumns;
        StorageQuery = storageQuery;
    }

    /// <summary>The tables and conditions whose joined rows the cube aggregates.</summary>
    public StarBlock Block { get; }

    /// <summary>The canonical column of each dimension, in the order the GROUP BY first names them.</summary>
    public IReadOnlyList<int> Dimensions { get; }

    public IReadOnlyList<CubeGroupingSet> Sets { get; }

    /// <summary>The stored columns: what a query sees first (<see cref="VisibleColumns"/> of them), then the hidden ones.</summary>
    public IReadOnlyList<CubeColumn> Columns { get; }

    public int VisibleColumns { get; }

    /// <summary>The query that computes the stored rows: the definition with the hidden columns added.</summary>
    public QueryNode StorageQuery { get; }

    /// <summary>
    /// The stored columns at the finest grain, every dimension grouped (grouping-set mask 0): one pass over the tables
    /// from which each grouping set is rolled up, instead of a pass per set.
    /// </summary>
    public QueryNode FinestQuery { get; }

    /// <summary>
    /// The joined rows before grouping: <c>SELECT</c> the dimensions (in <see cref="Dimensions"/> order), then each
    /// measure argument, <c>FROM</c> and <c>WHERE</c> as defined. A dense build (<see cref="DenseCubeBuilder"/>) reads its
    /// tables and conditions from this query's plan.
    /// </summary>
    public QueryNode InputQuery { get; }

    /// <summary>Per stored column, the <see cref="InputQuery"/> column its measure aggregates, or -1 (dimensions, the mask, COUNT(*)).</summary>
    public IReadOnlyList<int> MeasureInputs { get; }

    /// <summary>The stored column of the grouping-set mask, or -1 for a cube of one grouping.</summary>
    public int GroupingSetStorage => IndexOf(CubeColumnRole.GroupingSet, null);

    /// <summary>
    /// The sort key of the stored rows: grouping set, then the dimensions in select-list order (so a cube listing each
    /// table's dimensions together, coarse to fine, is stored as its dense build produces it).
    /// </summary>
    public IReadOnlyList<SortKeyColumn> SortKey
    {
        get
        {
            var key = new List<SortKeyColumn>();
            if (GroupingSetStorage >= 0)
            {
                key.Add(new SortKeyColumn(GroupingSetStorage, false));
            }

            for (var i = 0; i < Columns.Count; i++)
            {
                if (Columns[i].Role == CubeColumnRole.Dimension)
                {
                    key.Add(new SortKeyColumn(i, false));
                }
            }

            return key;
        }
    }

    /// <summary>The stored column of a dimension (its canonical column), or -1.</summary>
    public int DimensionStorage(int canonicalColumn)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i] is { Role: CubeColumnRole.Dimension } column && column.Dimension == canonicalColumn)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The stored column holding a measure (role and canonical argument text), or -1.</summary>
    public int IndexOf(CubeColumnRole role, string? argument)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i].Role == role && Columns[i].Argument == argument)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Checks a definition and takes it apart; anything a cube cannot keep is a <see cref="BindException"/> saying why.</summary>
    public static CubeDefinition Analyze(QueryNode query, QueryBinder binder)
    {
        if (query.With.Count > 0)
        {
            throw Unsupported("WITH", query.Position);
        }

        if (query.OrderBy.Count > 0 || query.Limit is not null || query.Offset is not null)
        {
            throw Unsupported("ORDER BY, LIMIT and OFFSET", query.Position);
        }

        if (query.Body is not SelectCore core)
        {
            throw Unsupported("UNION", query.Body.Position);
        }

        if (core.Distinct)
        {
            throw Unsupported("SELECT DISTINCT", core.Position);
        }

        if (core.Having is not null)
        {
            throw Unsupported("HAVING", core.Having.Position);
        }

        if (core.From is null)
        {
            throw new BindException("a materialized view aggregates tables: it needs a FROM clause", core.Position);
        }

        var sets = core.GroupingSets ?? [core.GroupBy];
        var groupExpressions = sets.SelectMany(s => s).ToList();
        foreach (var expression in groupExpressions)
        {
            if (expression is not ColumnReferenceExpression)
            {
                throw new BindException("a materialized view groups by columns of its tables, not by expressions or positions", expression.Position);
            }
        }

        // Classify the select list: grouped columns and re-aggregatable measures only.
        var dimensionItems = new List<int>();
        var measureItems = new List<(int Item, FunctionCallExpression Call)>();
        for (var i = 0; i < core.Items.Count; i++)
        {
            var expression = core.Items[i].Expression;
            switch (expression)
            {
                case StarExpression:
                    throw new BindException("name the columns of a materialized view; * is not allowed", expression.Position);
                case ColumnReferenceExpression:
                    dimensionItems.Add(i);
                    break;
                case FunctionCallExpression call when IsMeasure(call.Name):
                    if (call.Distinct)
                    {
                        throw new BindException(
                            $"{call.Name.ToUpperInvariant()}(DISTINCT ...) cannot be kept in a materialized view: distinct values of two batches of rows do not add up. Group by the column instead and count it when querying",
                            expression.Position);
                    }

                    if (call.Arguments.Any(AggregateBinder.ContainsAggregate))
                    {
                        throw new BindException("aggregates cannot be nested", expression.Position);
                    }

                    measureItems.Add((i, call));
                    break;
                case FunctionCallExpression call when ExpressionBinder.IsAggregateName(call.Name):
                    throw new BindException($"{call.Name.ToUpperInvariant()} cannot be kept in a materialized view: it cannot be combined from partial results. Use SUM, COUNT, MIN, MAX or AVG", expression.Position);
                default:
                    throw new BindException(
                        AggregateBinder.ContainsAggregate(expression)
                            ? "a materialized view column is one aggregate (SUM, COUNT, MIN, MAX, AVG) or a grouped column; compute expressions over them when querying the view"
                            : "a materialized view column is a grouped column or an aggregate (SUM, COUNT, MIN, MAX, AVG)",
                        expression.Position);
            }
        }

        // Bind the columns the definition reads over its FROM and WHERE, to see the block and canonical columns.
        var arguments = measureItems.Where(m => !m.Call.Star).Select(m => m.Call.Arguments.Count == 1 ? m.Call.Arguments[0] : throw new BindException($"{m.Call.Name.ToUpperInvariant()} takes one argument", m.Call.Position)).ToList();
        var probeItems = groupExpressions.Concat(dimensionItems.Select(i => core.Items[i].Expression)).Concat(arguments)
            .Select(e => new SelectItem(e, null))
            .Append(new SelectItem(new LiteralExpression(core.Position, LiteralKind.Integer, "1"), null))
            .ToList();
        var probe = new SelectCore(core.Position, false, probeItems, core.From, core.Where, [], null);
        var plan = binder.Bind(new QueryNode(core.Position, [], probe, [], null, null));
        var projection = (LogicalProjection)plan;
        var block = StarBlock.TryAnalyze(projection.Child)
            ?? throw new BindException("a materialized view reads database tables joined by inner joins: not views, subqueries, files, other materialized views, outer joins, or one table twice", core.From.Position);
        var canonical = projection.Expressions.Select(block.Canonicalize).ToList();

        int ColumnOf(int probeIndex, ParsedExpression expression)
            => canonical[probeIndex] is BoundColumn column ? column.Index : throw new BindException("a materialized view groups by columns of its tables", expression.Position);

        var dimensions = new List<int>();
        var groupDimension = new int[groupExpressions.Count];
        var firstExpression = new List<ParsedExpression>();
        for (var g = 0; g < groupExpressions.Count; g++)
        {
            var column = ColumnOf(g, groupExpressions[g]);
            if (!dimensions.Contains(column))
            {
                dimensions.Add(column);
                firstExpression.Add(groupExpressions[g]);
            }

            groupDimension[g] = dimensions.IndexOf(column);
        }

        if (dimensions.Count > MaxDimensions)
        {
            throw new BindException($"a materialized view has at most {MaxDimensions} dimensions", core.Position);
        }

        var columns = new List<CubeColumn>();
        var names = core.Items.Select(item => item.Alias ?? ColumnNames.Derive(item.Expression)).ToList();
        var selected = new HashSet<int>();
        var measureNumber = 0;
        for (var i = 0; i < core.Items.Count; i++)
        {
            var d = dimensionItems.IndexOf(i);
            if (d >= 0)
            {
                var column = ColumnOf(groupExpressions.Count + d, core.Items[i].Expression);
                if (!dimensions.Contains(column))
                {
                    throw new BindException($"column {names[i]} must appear in the GROUP BY of a materialized view", core.Items[i].Expression.Position);
                }

                selected.Add(column);
                columns.Add(new CubeColumn(names[i], CubeColumnRole.Dimension, Dimension: column));
                continue;
            }

            var call = measureItems.Single(m => m.Item == i).Call;
            string? argument = null;
            if (!call.Star)
            {
                argument = CanonicalText.Of(canonical[groupExpressions.Count + dimensionItems.Count + measureNumber]);
                measureNumber++;
            }

            var role = call.Name.ToLowerInvariant() switch
            {
                "count" => call.Star ? CubeColumnRole.CountStar : CubeColumnRole.Count,
                "sum" => CubeColumnRole.Sum,
                "min" => CubeColumnRole.Min,
                "max" => CubeColumnRole.Max,
                _ => CubeColumnRole.Average,
            };
            columns.Add(new CubeColumn(names[i], role, Argument: argument));
        }

        foreach (var (dimension, g) in dimensions.Select((d, g) => (d, g)))
        {
            if (!selected.Contains(dimension))
            {
                throw new BindException($"{ColumnNames.Derive(firstExpression[g])} is grouped but not selected: a materialized view selects every column it groups by", firstExpression[g].Position);
            }
        }

        // Hidden columns: the grouping-set mask, and each average's sum and count.
        var visible = columns.Count;
        var storageItems = core.Items.Select((item, i) => new SelectItem(item.Expression, names[i])).ToList();
        var groupingSets = sets.Select(set => new CubeGroupingSet(Mask(set.Select((_, k) => groupDimension[groupExpressions.IndexOf(set[k])]), dimensions.Count), [.. set.Select(e => dimensions[groupDimension[groupExpressions.IndexOf(e)]])])).ToList();
        if (sets.Count > 1)
        {
            columns.Add(new CubeColumn(GroupingSetColumn, CubeColumnRole.GroupingSet));
            storageItems.Add(new SelectItem(new FunctionCallExpression(core.Position, "grouping", firstExpression, false, false), GroupingSetColumn));
        }

        for (var i = 0; i < visible; i++)
        {
            if (columns[i].Role != CubeColumnRole.Average)
            {
                continue;
            }

            var call = measureItems.Single(m => m.Item == i).Call;
            columns[i] = columns[i] with { AverageSum = columns.Count, AverageCount = columns.Count + 1 };
            columns.Add(new CubeColumn($"{names[i]}$sum", CubeColumnRole.Sum, Argument: columns[i].Argument));
            columns.Add(new CubeColumn($"{names[i]}$count", CubeColumnRole.Count, Argument: columns[i].Argument));
            storageItems.Add(new SelectItem(call with { Name = "sum" }, $"{names[i]}$sum"));
            storageItems.Add(new SelectItem(call with { Name = "count" }, $"{names[i]}$count"));
        }

        var inputItems = firstExpression.Select(e => new SelectItem(e, null)).ToList();
        var measureInputs = new int[columns.Count];
        Array.Fill(measureInputs, -1);
        for (var i = 0; i < visible; i++)
        {
            if (columns[i].Role == CubeColumnRole.Dimension || measureItems.Single(m => m.Item == i).Call is not { Star: false } call)
            {
                continue;
            }

            measureInputs[i] = inputItems.Count;
            inputItems.Add(new SelectItem(call.Arguments[0], null));
            if (columns[i].Role == CubeColumnRole.Average)
            {
                measureInputs[columns[i].AverageSum] = measureInputs[i];
                measureInputs[columns[i].AverageCount] = measureInputs[i];
            }
        }

        var input = new QueryNode(core.Position, [], new SelectCore(core.Position, false, inputItems, core.From, core.Where, [], null), [], null, null);
        var storage = new QueryNode(query.Position, [], core with { Items = storageItems }, [], null, null);
        var finestItems = storageItems
            .Select(item => item.Alias == GroupingSetColumn ? new SelectItem(new LiteralExpression(core.Position, LiteralKind.Integer, "0"), GroupingSetColumn) : item)
            .ToList();
        var finest = new QueryNode(query.Position, [], core with { Items = finestItems, GroupBy = firstExpression, GroupingSets = null }, [], null, null);
        return new CubeDefinition(block, dimensions, groupingSets, columns, visible, storage, finest, input, measureInputs);
    }

    private static long Mask(IEnumerable<int> grouped, int dimensionCount)
    {
        // GROUPING(d1, ..., dn): bit n-1-i is set when dimension i is rolled up (not in the set).
        var mask = (1L << dimensionCount) - 1;
        foreach (var dimension in grouped)
        {
            mask &= ~(1L << (dimensionCount - 1 - dimension));
        }

        return mask;
    }

    private static bool IsMeasure(string name) => name.ToLowerInvariant() is "sum" or "count" or "min" or "max" or "avg";

    private static BindException Unsupported(string what, SqlPosition position)
        => new($"{what} is not allowed in a materialized view, which is SELECT dimensions, aggregates FROM tables [WHERE ...] GROUP BY dimensions", position);
}

/// <summary>One grouping of a cube: its GROUPING() mask and the canonical columns it groups by.</summary>
internal sealed record CubeGroupingSet(long Mask, IReadOnlyList<int> Dimensions);
