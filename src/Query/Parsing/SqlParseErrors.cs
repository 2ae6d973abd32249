using Superpower;
using Superpower.Model;

namespace Olap.Query.Parsing;

/// <summary>Runs a parser over a whole text and turns a failure into a <see cref="SqlSyntaxException"/> at the offending token.</summary>
internal static class SqlParseErrors
{
    public static T ParseAll<T>(TokenListParser<SqlToken, T> parser, string sql)
    {
        var tokens = SqlLexer.Tokenize(sql);
        var result = parser.AtEnd().TryParse(tokens);
        if (result.HasValue)
        {
            return result.Value;
        }

        throw ToException(result, sql);
    }

    public static SqlSyntaxException ToException<T>(TokenListParserResult<SqlToken, T> result, string sql)
    {
        var (problem, line, column) = Describe(result, sql);
        return new SqlSyntaxException(problem, sql, line, column);
    }

    private static (string Problem, int Line, int Column) Describe<T>(TokenListParserResult<SqlToken, T> result, string sql)
    {
        var expected = result.Expectations is { Length: > 0 } expectations
            ? "; expected " + string.Join(", ", expectations.Distinct().Take(6)) + (expectations.Length > 6 ? ", ..." : string.Empty)
            : string.Empty;
        var next = result.Remainder.ConsumeToken();
        if (!next.HasValue)
        {
            var (line, column) = EndOf(sql);
            return ("unexpected end of input" + expected, line, column);
        }

        var token = next.Value;
        var position = result.ErrorPosition.HasValue ? result.ErrorPosition : token.Position;
        return ($"syntax error at or near \"{token.ToStringValue()}\"" + expected, position.Line, position.Column);
    }

    private static (int Line, int Column) EndOf(string sql)
    {
        var trimmed = sql.TrimEnd();
        var line = 1 + trimmed.Count(c => c == '\n');
        var lastBreak = trimmed.LastIndexOf('\n');
        return (line, trimmed.Length - lastBreak);
    }
}
