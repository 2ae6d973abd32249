using System.Data.Common;
using Olap.Query;
using Olap.Columnar.Text;
using Olap.Query.Binding;
using Olap.Query.Execution.Expressions;
using Olap.Query.Parsing;

namespace Olap.Data;

/// <summary>
/// A statement Olap rejected or could not carry out. <see cref="Line"/> and <see cref="Column"/> point into the
/// command text for SQL errors (0 when the error has no place in it); the message shows the line with a caret.
/// The statement that failed changed nothing.
/// </summary>
public sealed class OlapException : DbException
{
    public OlapException(string message, string problem, int line, int column, Exception? inner = null)
        : base(message, inner)
    {
        Problem = problem;
        Line = line;
        Column = column;
    }

    /// <summary>The error without the quoted line and caret.</summary>
    public string Problem { get; }

    /// <summary>1-based line in the command text, or 0.</summary>
    public int Line { get; }

    /// <summary>1-based column in the command text, or 0.</summary>
    public int Column { get; }

    /// <summary>
    /// The engine's error as a provider exception: SQL errors, failed statements, unreadable or corrupt files (an
    /// <see cref="Olap.Columnar.Format.OlapFormatException"/> is an IOException). Null for cancellation and misuse.
    /// </summary>
    internal static OlapException? From(Exception error) => error switch
    {
        SqlSyntaxException syntax => new OlapException(syntax.Message, syntax.Problem, syntax.Line, syntax.Column, syntax),
        BindException bind => new OlapException(bind.Message, bind.Problem, bind.Position.Line, bind.Position.Column, bind),
        QueryException or QueryExecutionException or DelimitedTextException or IOException or UnauthorizedAccessException
            => new OlapException(error.Message, error.Message, 0, 0, error),
        _ => null,
    };
}
