using Olap.Query.Parsing.Ast;
using Superpower;
using Superpower.Model;

namespace Olap.Query.Parsing;

/// <summary>The entry point: a script of statements separated by <c>;</c>, each parsed whole or reported with its position.</summary>
public static class SqlParser
{
    private static readonly TokenListParser<SqlToken, SqlStatement> s_statement = StatementParser.Statement;

    /// <summary>Scripts up to this length are remembered once parsed (statements are immutable): dashboards repeat their queries.</summary>
    private const int CachedScriptLength = 16 * 1024;
    private const int CachedScripts = 1024;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<ParsedStatement>> s_parsed = new(StringComparer.Ordinal);

    public static IReadOnlyList<SqlStatement> ParseScript(string sql) => [.. ParseScriptWithText(sql).Select(s => s.Statement)];

    /// <summary>Parses a script, keeping each statement's own text (views store the text of their query).</summary>
    public static IReadOnlyList<ParsedStatement> ParseScriptWithText(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        if (sql.Length > CachedScriptLength)
        {
            return Parse(sql);
        }

        if (s_parsed.TryGetValue(sql, out var cached))
        {
            return cached;
        }

        var parsed = Parse(sql);
        if (s_parsed.Count >= CachedScripts)
        {
            s_parsed.Clear();
        }

        s_parsed.TryAdd(sql, parsed);
        return parsed;
    }

    private static IReadOnlyList<ParsedStatement> Parse(string sql)
    {
        var statements = new List<ParsedStatement>();
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

            var start = remainder.ConsumeToken().Value.Span.Position.Absolute;
            var end = result.Remainder.IsAtEnd ? sql.Length : result.Remainder.ConsumeToken().Value.Span.Position.Absolute;
            statements.Add(new ParsedStatement(result.Value, sql[start..end].TrimEnd(), start));
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

/// <summary>A statement, the text it was parsed from, and where that text starts in the script.</summary>
public sealed record ParsedStatement(SqlStatement Statement, string Text, int Start)
{
    /// <summary>The statement's text from <paramref name="position"/> (a position inside it) to its end.</summary>
    public string TextFrom(string script, SqlPosition position)
    {
        var offset = 0;
        for (var line = 1; line < position.Line; line++)
        {
            offset = script.IndexOf('\n', offset) + 1;
        }

        offset += position.Column - 1;
        return script[offset..(Start + Text.Length)];
    }
}
