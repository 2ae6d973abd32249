namespace Olap.Query.Parsing.Ast;

/// <summary>Where a piece of SQL starts: 1-based line and column, for error messages.</summary>
public readonly record struct SqlPosition(int Line, int Column)
{
    public static SqlPosition From(Superpower.Model.Position position) => new(position.Line, position.Column);
}
