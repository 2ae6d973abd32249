namespace Olap.Query.Parsing.Ast;

/// <summary>One statement of a script; statements are separated by <c>;</c>.</summary>
public abstract record SqlStatement(SqlPosition Position);

/// <summary>A query whose rows are the result.</summary>
public sealed record SelectStatement(SqlPosition Position, QueryNode Query) : SqlStatement(Position);
