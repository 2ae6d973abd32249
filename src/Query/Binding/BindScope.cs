using Olap.Columnar.Types;
using Olap.Query.Parsing.Ast;
using Olap.Query.Planning;
using Olap.Query.Planning.Logical;

namespace Olap.Query.Binding;

/// <summary>The columns a clause can name: the outputs of the FROM clause, each with the alias of its table.</summary>
internal sealed class BindScope
{
    public BindScope(IReadOnlyList<OutputColumn> columns) => Columns = columns;

    public static BindScope Empty { get; } = new([]);

    public IReadOnlyList<OutputColumn> Columns { get; }

    public bool HasTable(string alias)
    {
        foreach (var column in Columns)
        {
            if (column.Table is not null && string.Equals(column.Table, alias, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The column a reference names; errors for unknown and ambiguous names, with a suggestion.</summary>
    public BoundColumn Resolve(ColumnReferenceExpression reference)
    {
        if (TryResolve(reference, out var column))
        {
            return column;
        }

        var qualifier = reference.Qualifier;
        if (qualifier is not null && !HasTable(qualifier))
        {
            var tables = Columns.Where(c => c.Table is not null).Select(c => c.Table!).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            throw new BindException(NameSuggestions.WithSuggestion($"table {qualifier} not found in FROM clause", qualifier, tables), reference.Position);
        }

        var candidates = Columns.Where(c => qualifier is null || string.Equals(c.Table, qualifier, StringComparison.OrdinalIgnoreCase)).Select(c => c.Name);
        var name = qualifier is null ? reference.Name : $"{qualifier}.{reference.Name}";
        throw new BindException(NameSuggestions.WithSuggestion($"column {name} not found", reference.Name, candidates), reference.Position);
    }

    public bool TryResolve(ColumnReferenceExpression reference, out BoundColumn column)
    {
        var qualifier = reference.Qualifier;
        var found = -1;
        for (var i = 0; i < Columns.Count; i++)
        {
            var candidate = Columns[i];
            if (!string.Equals(candidate.Name, reference.Name, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (qualifier is not null && !string.Equals(candidate.Table, qualifier, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (found >= 0)
            {
                throw new BindException($"column reference {reference.Name} is ambiguous (tables {Columns[found].Table} and {candidate.Table} both have it); qualify it with a table name", reference.Position);
            }

            found = i;
        }

        column = found >= 0 ? new BoundColumn(found, Columns[found].Type, Columns[found].Name) : null!;
        return found >= 0;
    }

    /// <summary>The columns <c>*</c> or <c>alias.*</c> stands for.</summary>
    public IReadOnlyList<int> Expand(StarExpression star)
    {
        var result = new List<int>();
        for (var i = 0; i < Columns.Count; i++)
        {
            if (star.Qualifier is null || string.Equals(Columns[i].Table, star.Qualifier, StringComparison.OrdinalIgnoreCase))
            {
                result.Add(i);
            }
        }

        if (result.Count == 0)
        {
            throw new BindException(star.Qualifier is null ? "SELECT * with no tables specified is not valid" : $"table {star.Qualifier} not found in FROM clause", star.Position);
        }

        return result;
    }

    public static ColumnType TypeOf(IReadOnlyList<OutputColumn> columns, int index) => columns[index].Type;
}
