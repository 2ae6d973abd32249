namespace Olap.Query.Parsing.Ast;

/// <summary>A possibly qualified name: <c>c</c>, <c>t.c</c>. Unquoted names are kept as written; matching ignores case.</summary>
public sealed record ColumnReferenceExpression(SqlPosition Position, IReadOnlyList<string> Names) : ParsedExpression(Position)
{
    public string Name => Names[^1];

    public string? Qualifier => Names.Count > 1 ? Names[^2] : null;
}
