using Olap.Query.Parsing.Ast;
using Superpower;
using Superpower.Model;

namespace Olap.Query.Parsing;

/// <summary>The entry point: a script of statements separated by <c>;</c>, each parsed whole or reported with its position.</summary>
public static class SqlParser
{
    private static readonly TokenListParser<SqlToken, SqlStatement> s_statement = StatementParser.Statement;

    public static IReadOnlyList<SqlStatement> ParseScript(string sql)
    {
        var statements = new List<SqlStatement>();
        var remainder = SqlLexer.Tokenize(sql);
        while (true)
        {
            remainder = SkipSemicolons(remainder);
            if (remainder.IsAtEnd)
            {
                return statements;
            }

            var result = s_statement.TryParse(remainder);
            if (!result.HasValue)
            {
                throw SqlParseErrors.ToException(result, sql);
            }

            statements.Add(result.Value);
            remainder = result.Remainder;
            var next = remainder.ConsumeToken();
            if (next.HasValue && next.Value.Kind != SqlToken.Semicolon)
            {
                // The statement ended early: whatever follows cannot continue it, and a new one needs a ';' first.
                throw SqlParseErrors.ToException(s_statement.AtEnd().TryParse(result.Location), sql);
            }
        }
    }

    private static TokenList<SqlToken> SkipSemicolons(TokenList<SqlToken> tokens)
    {
        var next = tokens.ConsumeToken();
        while (next.HasValue && next.Value.Kind == SqlToken.Semicolon)
        {
            tokens = next.Remainder;
            next = tokens.ConsumeToken();
        }

        return tokens;
    }
}
