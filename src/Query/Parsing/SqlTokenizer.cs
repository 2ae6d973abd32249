using Superpower;
using Superpower.Model;

namespace Olap.Query.Parsing;

/// <summary>
/// Turns SQL text into tokens, skipping white space, <c>-- line</c> and <c>/* block */</c> comments. Every token
/// keeps its position, so errors point at a line and column.
/// </summary>
public sealed class SqlTokenizer : Tokenizer<SqlToken>
{
    public static readonly SqlTokenizer Instance = new();

    protected override IEnumerable<Result<SqlToken>> Tokenize(TextSpan span)
    {
        var next = SkipTrivia(span);
        while (next.HasValue)
        {
            var start = next.Location;
            var c = next.Value;
            if (char.IsLetter(c) || c == '_')
            {
                next = SkipWhile(next.Remainder, ch => char.IsLetterOrDigit(ch) || ch == '_' || ch == '$');
                yield return Result.Value(SqlToken.Identifier, start, next.Location);
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && IsDigitAt(next.Remainder)))
            {
                var number = ReadNumber(start);
                if (!number.HasValue)
                {
                    yield return Result.Empty<SqlToken>(number.Location, number.ErrorMessage ?? "malformed number");
                    yield break;
                }

                yield return number;
                next = number.Remainder.ConsumeChar();
            }
            else if (c is '\'' or '"')
            {
                var quoted = ReadQuoted(start, c);
                if (!quoted.HasValue)
                {
                    yield return quoted;
                    yield break;
                }

                yield return quoted;
                next = quoted.Remainder.ConsumeChar();
            }
            else if (c is '$' or '?' or '@' || (c == ':' && IsNameStart(next.Remainder)))
            {
                // $1, ?, @name, :name, $name: command parameters (QueryParameter, the ADO.NET provider). A ':' makes
                // one only before a name, so '::' stays the cast operator.
                var rest = c switch
                {
                    '?' => next.Remainder.ConsumeChar(),
                    '$' when IsDigitAt(next.Remainder) => SkipWhile(next.Remainder, char.IsAsciiDigit),
                    _ => SkipWhile(next.Remainder, ch => char.IsLetterOrDigit(ch) || ch == '_'),
                };
                if (c != '?' && rest.Location == next.Remainder)
                {
                    yield return Result.Empty<SqlToken>(start, c == '$' ? "$ must be followed by a parameter number or name" : "@ must be followed by a parameter name");
                    yield break;
                }

                yield return Result.Value(SqlToken.Parameter, start, rest.Location);
                next = rest;
            }
            else
            {
                var (kind, length) = Operator(next);
                if (kind == SqlToken.None)
                {
                    yield return Result.Empty<SqlToken>(start, $"unexpected character '{c}'");
                    yield break;
                }

                var end = start.Skip(length);
                yield return Result.Value(kind, start, end);
                next = end.ConsumeChar();
            }

            next = SkipTrivia(next.Location);
        }
    }

    private static (SqlToken Kind, int Length) Operator(Result<char> current)
    {
        var following = current.Remainder.ConsumeChar();
        var second = following.HasValue ? following.Value : '\0';
        return (current.Value, second) switch
        {
            ('<', '=') => (SqlToken.LessThanOrEqual, 2),
            ('<', '>') => (SqlToken.NotEqual, 2),
            ('>', '=') => (SqlToken.GreaterThanOrEqual, 2),
            ('!', '=') => (SqlToken.NotEqual, 2),
            ('|', '|') => (SqlToken.Concat, 2),
            (':', ':') => (SqlToken.DoubleColon, 2),
            ('/', '/') => (SqlToken.DoubleSlash, 2),
            ('=', '=') => (SqlToken.Equal, 2),
            ('<', _) => (SqlToken.LessThan, 1),
            ('>', _) => (SqlToken.GreaterThan, 1),
            ('=', _) => (SqlToken.Equal, 1),
            ('+', _) => (SqlToken.Plus, 1),
            ('-', _) => (SqlToken.Minus, 1),
            ('*', _) => (SqlToken.Star, 1),
            ('/', _) => (SqlToken.Slash, 1),
            ('%', _) => (SqlToken.Percent, 1),
            ('(', _) => (SqlToken.LeftParen, 1),
            (')', _) => (SqlToken.RightParen, 1),
            (',', _) => (SqlToken.Comma, 1),
            ('.', _) => (SqlToken.Dot, 1),
            (';', _) => (SqlToken.Semicolon, 1),
            _ => (SqlToken.None, 0),
        };
    }

    /// <summary>Digits, an optional fraction and an optional exponent; a fraction or exponent makes it a decimal literal.</summary>
    private static Result<SqlToken> ReadNumber(TextSpan start)
    {
        var isDecimal = false;
        var next = SkipWhile(start, char.IsAsciiDigit);
        if (next.HasValue && next.Value == '.' && !IsDot(next.Remainder))
        {
            isDecimal = true;
            next = SkipWhile(next.Remainder, char.IsAsciiDigit);
        }

        if (next.HasValue && next.Value is 'e' or 'E')
        {
            var exponent = next.Remainder.ConsumeChar();
            if (exponent.HasValue && exponent.Value is '+' or '-')
            {
                exponent = exponent.Remainder.ConsumeChar();
            }

            if (!exponent.HasValue || !char.IsAsciiDigit(exponent.Value))
            {
                return Result.Empty<SqlToken>(next.Location, "missing digits in the exponent");
            }

            isDecimal = true;
            next = SkipWhile(exponent.Location, char.IsAsciiDigit);
        }

        if (next.HasValue && (char.IsLetter(next.Value) || next.Value == '_'))
        {
            return Result.Empty<SqlToken>(next.Location, $"unexpected '{next.Value}' after a number");
        }

        return Result.Value(isDecimal ? SqlToken.DecimalLiteral : SqlToken.IntegerLiteral, start, next.Location);
    }

    /// <summary>A '...' string or "..." identifier; the quote is escaped by doubling it.</summary>
    private static Result<SqlToken> ReadQuoted(TextSpan start, char quote)
    {
        var next = start.ConsumeChar().Remainder.ConsumeChar();
        while (next.HasValue)
        {
            if (next.Value == quote)
            {
                var after = next.Remainder.ConsumeChar();
                if (after.HasValue && after.Value == quote)
                {
                    next = after.Remainder.ConsumeChar();
                    continue;
                }

                return Result.Value(quote == '\'' ? SqlToken.StringLiteral : SqlToken.QuotedIdentifier, start, next.Remainder);
            }

            next = next.Remainder.ConsumeChar();
        }

        return Result.Empty<SqlToken>(start, quote == '\'' ? "unterminated string: no closing '" : "unterminated quoted identifier: no closing \"");
    }

    /// <summary>Skips white space and comments; an unterminated block comment is skipped to the end.</summary>
    private static Result<char> SkipTrivia(TextSpan span)
    {
        var next = span.ConsumeChar();
        while (next.HasValue)
        {
            if (char.IsWhiteSpace(next.Value))
            {
                next = next.Remainder.ConsumeChar();
            }
            else if (next.Value == '-' && StartsWith(next.Remainder, '-'))
            {
                next = SkipWhile(next.Remainder, ch => ch != '\n');
            }
            else if (next.Value == '/' && StartsWith(next.Remainder, '*'))
            {
                next = next.Remainder.ConsumeChar().Remainder.ConsumeChar();
                while (next.HasValue && !(next.Value == '*' && StartsWith(next.Remainder, '/')))
                {
                    next = next.Remainder.ConsumeChar();
                }

                next = next.HasValue ? next.Remainder.ConsumeChar().Remainder.ConsumeChar() : next;
            }
            else
            {
                break;
            }
        }

        return next;
    }

    private static Result<char> SkipWhile(TextSpan span, Func<char, bool> predicate)
    {
        var next = span.ConsumeChar();
        while (next.HasValue && predicate(next.Value))
        {
            next = next.Remainder.ConsumeChar();
        }

        return next;
    }

    private static bool StartsWith(TextSpan span, char c)
    {
        var next = span.ConsumeChar();
        return next.HasValue && next.Value == c;
    }

    private static bool IsDigitAt(TextSpan span)
    {
        var next = span.ConsumeChar();
        return next.HasValue && char.IsAsciiDigit(next.Value);
    }

    private static bool IsDot(TextSpan span) => StartsWith(span, '.');

    private static bool IsNameStart(TextSpan span)
    {
        var next = span.ConsumeChar();
        return next.HasValue && (char.IsLetter(next.Value) || next.Value == '_');
    }
}
