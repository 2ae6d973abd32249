using System.Globalization;
using Olap.Query.Execution.Operators;

namespace Olap.Query.Execution;

/// <summary>Draws a physical plan as an indented tree for EXPLAIN; after a profiled run, with rows and time per operator.</summary>
internal static class PlanRenderer
{
    public static IReadOnlyList<string> Render(PhysicalOperator root, bool analyzed)
    {
        var lines = new List<string>();
        Render(root, string.Empty, string.Empty, analyzed, lines);
        return lines;
    }

    private static void Render(PhysicalOperator node, string first, string rest, bool analyzed, List<string> lines)
    {
        var header = node.Name;
        if (analyzed)
        {
            header += string.Create(CultureInfo.InvariantCulture, $"  [{node.RowsProduced:N0} rows, {node.Elapsed.TotalMilliseconds:F1} ms]");
        }

        lines.Add(first + header);
        var children = node.Children;
        var detailPrefix = rest + (children.Count > 0 ? "│   " : "    ");
        foreach (var detail in node.Details)
        {
            lines.Add(detailPrefix + detail);
        }

        if (analyzed)
        {
            foreach (var detail in node.RuntimeDetails)
            {
                lines.Add(detailPrefix + detail);
            }
        }

        for (var i = 0; i < children.Count; i++)
        {
            var last = i == children.Count - 1;
            Render(children[i], rest + (last ? "└── " : "├── "), rest + (last ? "    " : "│   "), analyzed, lines);
        }
    }
}
