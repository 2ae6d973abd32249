using Olap.Query.Parsing;
using Olap.Query.Parsing.Ast;

namespace Olap.Query.Binding;

/// <summary>SQL that parses but means nothing here (an unknown name, a wrong type), reported at its position.</summary>
public sealed class BindException : Exception
{
    public BindException(string problem, SqlPosition position, string? sql = null)
        : base(sql is null ? $"{problem} (line {position.Line}, column {position.Column})" : SqlErrorRenderer.Render(problem, sql, position.Line, position.Column))
    {
        Problem = problem;
        Position = position;
    }

    public string Problem { get; }

    public SqlPosition Position { get; }
}
