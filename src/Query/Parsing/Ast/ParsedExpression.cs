namespace Olap.Query.Parsing.Ast;

/// <summary>An expression as written, before names are resolved and types inferred (the binder's input).</summary>
public abstract record ParsedExpression(SqlPosition Position);
