namespace Olap.Query.Parsing.Ast;

/// <summary>Something rows come from in FROM: a table, a file, a subquery, or a join of two of these.</summary>
public abstract record FromItem(SqlPosition Position);

/// <summary>A table or view by (possibly qualified) name.</summary>
public sealed record TableReference(SqlPosition Position, IReadOnlyList<string> Names, string? Alias) : FromItem(Position);

/// <summary>A file queried in place: <c>FROM 'data/orders.olap'</c>.</summary>
public sealed record FileReference(SqlPosition Position, string Path, string? Alias) : FromItem(Position);

/// <summary><c>(query) [AS] alias</c>.</summary>
public sealed record SubqueryReference(SqlPosition Position, QueryNode Query, string? Alias) : FromItem(Position);

/// <summary>Two inputs joined; comma joins are <see cref="JoinKind.Cross"/> with no condition.</summary>
public sealed record JoinReference(SqlPosition Position, JoinKind Kind, FromItem Left, FromItem Right, ParsedExpression? Condition) : FromItem(Position);

public enum JoinKind
{
    Cross,
    Inner,
    Left,
    Right,
    Full,
}

/// <summary><c>read_parquet('dir/*.parquet', hive_partitioning = true)</c>: a table function in FROM.</summary>
public sealed record TableFunctionReference(SqlPosition Position, string Name, IReadOnlyList<TableFunctionArgument> Arguments, string? Alias) : FromItem(Position);

/// <summary>A table function's argument: positional (<see cref="Name"/> null) or <c>name = value</c>.</summary>
public sealed record TableFunctionArgument(string? Name, ParsedExpression Value);
