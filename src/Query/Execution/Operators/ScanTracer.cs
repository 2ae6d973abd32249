using Olap.Query.Parsing.Ast;
using Olap.Query.Planning;

namespace Olap.Query.Execution.Operators;

/// <summary>Follows an output column down through operators that pass it through unchanged to the scan that reads it.</summary>
internal static class ScanTracer
{
    public static bool TryTrace(PhysicalOperator node, int column, out PhysicalScan scan, out int sourceColumn)
    {
        while (true)
        {
            switch (node)
            {
                case PhysicalScan found:
                    scan = found;
                    sourceColumn = found.Columns[column];
                    return true;
                case PhysicalFilter filter:
                    node = filter.Child;
                    continue;
                case PhysicalProjection projection when projection.Expressions[column] is BoundColumn passed:
                    node = projection.Child;
                    column = passed.Index;
                    continue;
                case PhysicalHashJoin join when column < join.Left.Types.Count && join.Kind is JoinKind.Inner or JoinKind.Left:
                    // Probe rows keep their columns; a row dropped at the scan is one the join above would drop too.
                    node = join.Left;
                    continue;
                default:
                    scan = null!;
                    sourceColumn = -1;
                    return false;
            }
        }
    }
}
