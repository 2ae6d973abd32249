using Olap.Columnar.Storage;
using Olap.Columnar.Types;
using Olap.Query.Binding;
using Olap.Query.Catalog;
using Olap.Query.Execution;
using Olap.Query.Parsing.Ast;
using Olap.Query.Planning;
using Olap.Query.Planning.Logical;
using Olap.Query.Planning.Optimizer;

namespace Olap.Query;

/// <summary>
/// DELETE: the rows the condition matches are found by their place (segment and row number) and recorded in new
/// deletion vectors (<see cref="DeletionVector"/>), one file per touched segment; scans leave those rows out, and a
/// segment whose rows are all gone leaves the table. The commit switches to the new vectors atomically, and marks
/// the materialized views over the table stale (REFRESH recomputes them).
/// </summary>
internal sealed partial class StatementRunner
{
    private QueryResult Delete(DeleteStatement delete)
    {
        var name = TableName(delete.Table, delete.Position);
        var entry = _manifest.FindTable(name) ?? throw new BindException(NameSuggestions.WithSuggestion($"table {name} does not exist", name, _manifest.Tables.Select(t => t.Name)), delete.Position);
        RequireNotCube(entry, delete.Position);

        // The condition is bound (and its errors found) before anything changes.
        var plan = RowIdsMatching(entry, delete.Where);
        if (_buffer.RowsOf(entry.Name, _manifest.LogSequence).Count > 0)
        {
            // Buffered rows have no place in a segment yet: they get one first.
            Checkpoint();
            TakeSnapshot();
            entry = _manifest.FindTable(name)!;
            plan = RowIdsMatching(entry, delete.Where);
        }

        var table = _database.OpenTable(entry);
        var matched = new Dictionary<int, List<long>>();
        long deleted = 0;
        if (plan is null)
        {
            deleted = entry.RowCount;
        }
        else
        {
            var result = ResultCollector.Collect(PhysicalPlanner.Plan(QueryOptimizer.Optimize(plan)), [new ResultColumn(RowIdTableSource.RowIdColumn, ColumnType.BigInt)], Context());
            for (var row = 0; row < result.RowCount; row++)
            {
                var id = (long)result.GetValue(row, 0)!;
                var segment = (int)(id >> RowIdTableSource.SegmentShift);
                if (!matched.TryGetValue(segment, out var rows))
                {
                    matched[segment] = rows = [];
                }

                rows.Add(id & ((1L << RowIdTableSource.SegmentShift) - 1));
            }

            deleted = result.RowCount;
        }

        if (deleted == 0)
        {
            return QueryResult.Empty(0);
        }

        var segments = new List<SegmentEntry>();
        var written = new List<string>();
        try
        {
            for (var i = 0; i < entry.Segments.Count; i++)
            {
                var segment = entry.Segments[i];
                if (plan is null)
                {
                    continue; // no condition: every segment goes
                }

                if (!matched.TryGetValue(i, out var rows))
                {
                    segments.Add(segment);
                    continue;
                }

                var vector = DeletionVector.Union(table.DeletesOf(i), segment.RowCount, rows);
                if (vector.Count == segment.RowCount)
                {
                    continue; // nothing of it is left
                }

                var file = DeletionVector.NewFileName();
                written.Add(file);
                vector.Write(_database.Directory.SegmentPath(file), _database.Directory.Files);
                segments.Add(segment with { Deletes = file, DeletedRows = vector.Count });
            }

            var tables = _manifest.Tables.Select(t => ReferenceEquals(t, entry) ? entry with { Segments = segments } : t).ToList();
            MarkViewsStale(tables, entry.Name);
            Commit(_manifest with { Tables = tables });
        }
        catch
        {
            foreach (var file in written)
            {
                DeleteQuietly(_database.Directory.SegmentPath(file));
            }

            throw;
        }

        foreach (var segment in entry.Segments)
        {
            if (!segments.Any(kept => kept.FileName == segment.FileName))
            {
                _database.RetireSegment(segment.FileName);
            }
        }

        return QueryResult.Empty(deleted);
    }

    /// <summary>The plan that lists the row ids of <paramref name="entry"/>'s rows matching <paramref name="where"/>; null without a condition (all rows).</summary>
    private LogicalOperator? RowIdsMatching(TableEntry entry, ParsedExpression? where)
    {
        if (where is null)
        {
            return null;
        }

        var source = new RowIdTableSource(_database.OpenTable(entry));
        var get = new LogicalGet(source, entry.Name, [.. Enumerable.Range(0, source.Columns.Count)], []);
        var condition = new ExpressionBinder(new BindScope(get.Columns), new QueryBinder(this), "WHERE").Bind(where);
        if (condition.Type.Id != LogicalTypeId.Boolean)
        {
            throw new BindException($"the WHERE condition of DELETE must be true or false, not {condition.Type}", where.Position);
        }

        var id = source.Columns.Count - 1;
        return new LogicalProjection(
            new LogicalFilter(get, condition),
            [new BoundColumn(id, ColumnType.BigInt, RowIdTableSource.RowIdColumn)],
            [new OutputColumn(RowIdTableSource.RowIdColumn, ColumnType.BigInt)]);
    }

    /// <summary>Marks stale every materialized view in <paramref name="tables"/> that reads <paramref name="table"/>.</summary>
    private void MarkViewsStale(List<TableEntry> tables, string table)
    {
        var name = table.ToLowerInvariant();
        for (var i = 0; i < tables.Count; i++)
        {
            if (tables[i].Cube is { Stale: false } state && ViewReads(tables[i], name))
            {
                tables[i] = tables[i] with { Cube = state with { Stale = true } };
            }
        }
    }

    /// <summary>Whether materialized view <paramref name="view"/> reads table <paramref name="lowerName"/>; a definition that no longer binds counts as reading it.</summary>
    private bool ViewReads(TableEntry view, string lowerName)
    {
        try
        {
            return Definition(view).Block.Tables.Contains(lowerName);
        }
        catch (BindException)
        {
            return true;
        }
    }
}
