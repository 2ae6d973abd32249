using Olap.Columnar.Types;

namespace Olap.Query.Execution.Operators;

/// <summary>Literal rows.</summary>
public sealed class PhysicalValues(IReadOnlyList<IReadOnlyList<ScalarValue>> rows, IReadOnlyList<ColumnType> types) : PhysicalOperator
{
    public override IReadOnlyList<ColumnType> Types => types;

    public override IReadOnlyList<PhysicalOperator> Children => [];

    public override string Name => "VALUES";

    public override IEnumerable<string> Details => [$"{rows.Count} row{(rows.Count == 1 ? string.Empty : "s")}"];

    protected override IReadOnlyList<IChunkStream> OpenStreams(QueryContext context)
    {
        var materialized = new MaterializedRows(types);
        if (types.Count == 0)
        {
            materialized.AddColumnlessRows(rows.Count);
        }

        foreach (var row in rows)
        {
            for (var c = 0; c < types.Count; c++)
            {
                materialized.Columns[c].Append(row[c]);
            }
        }

        return [materialized.Stream()];
    }
}
