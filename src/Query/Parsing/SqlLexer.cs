using Superpower.Model;

namespace Olap.Query.Parsing;

/// <summary>Tokenizes a whole SQL text, turning a failure into a <see cref="SqlSyntaxException"/> with its position.</summary>
public static class SqlLexer
{
    public static TokenList<SqlToken> Tokenize(string sql)
    {
        var result = SqlTokenizer.Instance.TryTokenize(sql);
        if (result.HasValue)
        {
            return result.Value;
        }

        var position = result.ErrorPosition.HasValue ? result.ErrorPosition : result.Remainder.Position;
        throw new SqlSyntaxException(result.ErrorMessage ?? "unreadable input", sql, position.Line, position.Column);
    }
}
