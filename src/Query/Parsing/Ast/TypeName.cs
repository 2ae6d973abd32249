namespace Olap.Query.Parsing.Ast;

/// <summary>A type as written in CAST or a column definition: <c>INTEGER</c>, <c>DECIMAL(15, 2)</c>, <c>VARCHAR(25)</c>.</summary>
public sealed record TypeName(SqlPosition Position, string Name, IReadOnlyList<int> Parameters);
