using Olap.Query.Parsing.Ast;
using Superpower;
using Superpower.Model;
using Superpower.Parsers;

namespace Olap.Query.Parsing;

/// <summary>
/// SQL expressions by a precedence ladder, one parser per level (STYLE.md):
/// OR &lt; AND &lt; NOT &lt; comparison, [NOT] BETWEEN / IN / LIKE, IS [NOT] NULL &lt; || &lt; + - &lt; * / // % &lt; unary &lt; :: &lt; primary.
/// </summary>
public static class ExpressionParser
{
    private static readonly TokenListParser<SqlToken, string> s_name =
        Token.EqualTo(SqlToken.Identifier)
            .Where(token => !SqlKeywords.IsReserved(token.Span.AsReadOnlySpan()), "a name")
            .Select(token => token.ToStringValue())
            .Or(Token.EqualTo(SqlToken.QuotedIdentifier).Select(token => Unquote(token.ToStringValue(), '"')))
            .Named("a name");

    private static readonly TokenListParser<SqlToken, ParsedExpression> s_expression = Parse.Ref(() => s_or!);

    private static readonly TokenListParser<SqlToken, LiteralExpression> s_stringLiteral =
        Token.EqualTo(SqlToken.StringLiteral).Select(token => new LiteralExpression(At(token), LiteralKind.String, Unquote(token.ToStringValue(), '\'')));

    private static readonly TokenListParser<SqlToken, ParsedExpression> s_literal =
        Token.EqualTo(SqlToken.IntegerLiteral).Select(token => (ParsedExpression)new LiteralExpression(At(token), LiteralKind.Integer, token.ToStringValue()))
            .Or(Token.EqualTo(SqlToken.DecimalLiteral).Select(token => (ParsedExpression)new LiteralExpression(At(token), LiteralKind.Decimal, token.ToStringValue())))
            .Or(s_stringLiteral.Select(literal => (ParsedExpression)literal))
            .Or(Keyword("true").Select(token => (ParsedExpression)new LiteralExpression(At(token), LiteralKind.Boolean, "true")))
            .Or(Keyword("false").Select(token => (ParsedExpression)new LiteralExpression(At(token), LiteralKind.Boolean, "false")))
            .Or(Keyword("null").Select(token => (ParsedExpression)new LiteralExpression(At(token), LiteralKind.Null, "NULL")))
            .Or(TypedLiteral("date", LiteralKind.Date).Try())
            .Or(TypedLiteral("timestamp", LiteralKind.Timestamp).Try());

    private static readonly TokenListParser<SqlToken, TypeName> s_typeName =
        from first in Token.EqualTo(SqlToken.Identifier)
        from parameters in Token.EqualTo(SqlToken.IntegerLiteral)
            .Select(token => int.Parse(token.ToStringValue(), System.Globalization.CultureInfo.InvariantCulture))
            .AtLeastOnceDelimitedBy(Token.EqualTo(SqlToken.Comma))
            .Between(Token.EqualTo(SqlToken.LeftParen), Token.EqualTo(SqlToken.RightParen))
            .OptionalOrDefault([])
        select new TypeName(At(first), first.ToStringValue(), parameters);

    private static readonly TokenListParser<SqlToken, ParsedExpression> s_cast =
        from keyword in Keyword("cast")
        from open in Token.EqualTo(SqlToken.LeftParen)
        from value in s_expression
        from @as in Keyword("as")
        from type in s_typeName
        from close in Token.EqualTo(SqlToken.RightParen)
        select (ParsedExpression)new CastExpression(At(keyword), value, type);

    private static readonly TokenListParser<SqlToken, ParsedExpression> s_extract =
        from keyword in Keyword("extract").Try()
        from open in Token.EqualTo(SqlToken.LeftParen)
        from field in Token.EqualTo(SqlToken.Identifier)
        from fromKeyword in Keyword("from")
        from value in s_expression
        from close in Token.EqualTo(SqlToken.RightParen)
        select (ParsedExpression)new FunctionCallExpression(
            At(keyword),
            "extract",
            [new LiteralExpression(At(field), LiteralKind.String, field.ToStringValue().ToLowerInvariant()), value],
            Distinct: false,
            Star: false);

    private static readonly TokenListParser<SqlToken, ParsedExpression> s_case =
        from keyword in Keyword("case")
        from operand in Parse.Not(Keyword("when")).IgnoreThen(s_expression).Select(e => (ParsedExpression?)e).OptionalOrDefault()
        from whens in (
            from when in Keyword("when")
            from condition in s_expression
            from then in Keyword("then")
            from result in s_expression
            select new CaseWhen(condition, result)).AtLeastOnce()
        from otherwise in Keyword("else").IgnoreThen(s_expression).Select(e => (ParsedExpression?)e).OptionalOrDefault()
        from end in Keyword("end")
        select (ParsedExpression)new CaseExpression(At(keyword), operand, whens, otherwise);

    private static readonly TokenListParser<SqlToken, ParsedExpression> s_functionCall =
        from name in Token.EqualTo(SqlToken.Identifier).Where(token => !SqlKeywords.IsReserved(token.Span.AsReadOnlySpan()))
        from open in Token.EqualTo(SqlToken.LeftParen)
        from call in Token.EqualTo(SqlToken.Star).Value(new FunctionCallExpression(At(name), name.ToStringValue().ToLowerInvariant(), [], Distinct: false, Star: true))
            .Or(
                from distinct in Keyword("distinct").Value(true).OptionalOrDefault(false)
                from arguments in s_expression.ManyDelimitedBy(Token.EqualTo(SqlToken.Comma))
                select new FunctionCallExpression(At(name), name.ToStringValue().ToLowerInvariant(), arguments, distinct, Star: false))
        from close in Token.EqualTo(SqlToken.RightParen)
        select (ParsedExpression)call;

    private static readonly TokenListParser<SqlToken, ParsedExpression> s_columnOrStar =
        from first in Token.EqualTo(SqlToken.Identifier).Or(Token.EqualTo(SqlToken.QuotedIdentifier)).Where(IsName, "a name").Try()
        from rest in Token.EqualTo(SqlToken.Dot).IgnoreThen(
                s_name.Select(name => (string?)name).Or(Token.EqualTo(SqlToken.Star).Value((string?)null)))
            .Many()
        select Qualified(first, rest);

    /// <summary>
    /// A parenthesis followed by SELECT or WITH: only the look-ahead backtracks, so an error inside a subquery is
    /// reported where it is, not as a failed parenthesized expression.
    /// </summary>
    private static readonly TokenListParser<SqlToken, QueryNode> s_subquery =
        from open in Token.EqualTo(SqlToken.LeftParen).Then(open => Parse.Not(Parse.Not(Keyword("select").Or(Keyword("with")))).Value(open)).Try()
        from query in Parse.Ref(() => QueryParser.Query)
        from close in Token.EqualTo(SqlToken.RightParen)
        select query;

    private static readonly TokenListParser<SqlToken, ParsedExpression> s_primary =
        s_subquery.Select(query => (ParsedExpression)new SubqueryExpression(query.Position, query))
            .Or(Token.EqualTo(SqlToken.LeftParen).IgnoreThen(s_expression).Then(inner => Token.EqualTo(SqlToken.RightParen).Value(inner)))
            .Or(s_literal)
            .Or(s_cast)
            .Or(s_case)
            .Or(s_extract)
            .Or(s_functionCall.Try())
            .Or(s_columnOrStar)
            .Or(Token.EqualTo(SqlToken.Parameter).Select(token => (ParsedExpression)new ParameterExpression(At(token), token.ToStringValue())))
            .Named("an expression");

    private static readonly TokenListParser<SqlToken, ParsedExpression> s_postfix =
        from value in s_primary
        from casts in Token.EqualTo(SqlToken.DoubleColon).IgnoreThen(s_typeName).Many()
        select casts.Aggregate(value, (inner, type) => new CastExpression(type.Position, inner, type));

    private static readonly TokenListParser<SqlToken, ParsedExpression> s_unary =
        (from sign in Token.EqualTo(SqlToken.Minus).Or(Token.EqualTo(SqlToken.Plus))
         from operand in Parse.Ref(() => s_unary!)
         select (ParsedExpression)new UnaryExpression(At(sign), sign.Kind == SqlToken.Minus ? UnaryOperator.Negate : UnaryOperator.Plus, operand))
        .Or(s_postfix);

    private static readonly TokenListParser<SqlToken, ParsedExpression> s_multiplicative = Parse.Chain(
        Operator(SqlToken.Star, BinaryOperator.Multiply)
            .Or(Operator(SqlToken.Slash, BinaryOperator.Divide))
            .Or(Operator(SqlToken.DoubleSlash, BinaryOperator.IntegerDivide))
            .Or(Operator(SqlToken.Percent, BinaryOperator.Modulo)),
        s_unary,
        MakeBinary);

    private static readonly TokenListParser<SqlToken, ParsedExpression> s_additive = Parse.Chain(
        Operator(SqlToken.Plus, BinaryOperator.Add).Or(Operator(SqlToken.Minus, BinaryOperator.Subtract)),
        s_multiplicative,
        MakeBinary);

    private static readonly TokenListParser<SqlToken, ParsedExpression> s_concat = Parse.Chain(
        Operator(SqlToken.Concat, BinaryOperator.Concat),
        s_additive,
        MakeBinary);

    private static readonly TokenListParser<SqlToken, Func<ParsedExpression, ParsedExpression>> s_comparisonSuffix =
        (from op in Operator(SqlToken.Equal, BinaryOperator.Equal)
                .Or(Operator(SqlToken.NotEqual, BinaryOperator.NotEqual))
                .Or(Operator(SqlToken.LessThanOrEqual, BinaryOperator.LessThanOrEqual))
                .Or(Operator(SqlToken.LessThan, BinaryOperator.LessThan))
                .Or(Operator(SqlToken.GreaterThanOrEqual, BinaryOperator.GreaterThanOrEqual))
                .Or(Operator(SqlToken.GreaterThan, BinaryOperator.GreaterThan))
            from right in s_concat
            select (Func<ParsedExpression, ParsedExpression>)(left => new BinaryExpression(op.Position, op.Operator, left, right)))
        .Or(
            from @is in Keyword("is")
            from not in Keyword("not").Value(true).OptionalOrDefault(false)
            from @null in Keyword("null")
            select (Func<ParsedExpression, ParsedExpression>)(left => new IsNullExpression(At(@is), left, not)))
        .Or(
            from not in Keyword("not").Value(true).OptionalOrDefault(false)
            from suffix in
                (from between in Keyword("between")
                 from low in s_concat
                 from and in Keyword("and")
                 from high in s_concat
                 select (Func<ParsedExpression, bool, ParsedExpression>)((left, negated) => new BetweenExpression(At(between), left, low, high, negated)))
                .Or(
                    from @in in Keyword("in")
                    from suffix in s_subquery
                        .Select(query => (Func<ParsedExpression, bool, ParsedExpression>)((left, negated) => new InSubqueryExpression(At(@in), left, query, negated)))
                        .Or(s_expression.AtLeastOnceDelimitedBy(Token.EqualTo(SqlToken.Comma))
                            .Between(Token.EqualTo(SqlToken.LeftParen), Token.EqualTo(SqlToken.RightParen))
                            .Select(items => (Func<ParsedExpression, bool, ParsedExpression>)((left, negated) => new InListExpression(At(@in), left, items, negated))))
                    select suffix)
                .Or(
                    from like in Keyword("like")
                    from pattern in s_concat
                    select (Func<ParsedExpression, bool, ParsedExpression>)((left, negated) => new LikeExpression(At(like), left, pattern, negated)))
            select (Func<ParsedExpression, ParsedExpression>)(left => suffix(left, not)));

    private static readonly TokenListParser<SqlToken, ParsedExpression> s_comparison =
        from left in s_concat
        from suffix in s_comparisonSuffix.Select(f => (Func<ParsedExpression, ParsedExpression>?)f).OptionalOrDefault()
        select suffix is null ? left : suffix(left);

    private static readonly TokenListParser<SqlToken, ParsedExpression> s_not =
        (from not in Keyword("not")
         from operand in Parse.Ref(() => s_not!)
         select (ParsedExpression)new UnaryExpression(At(not), UnaryOperator.Not, operand))
        .Or(s_comparison);

    private static readonly TokenListParser<SqlToken, ParsedExpression> s_and = Parse.Chain(
        Keyword("and").Select(token => (Operator: BinaryOperator.And, Position: At(token))),
        s_not,
        MakeBinary);

    private static readonly TokenListParser<SqlToken, ParsedExpression> s_or = Parse.Chain(
        Keyword("or").Select(token => (Operator: BinaryOperator.Or, Position: At(token))),
        s_and,
        MakeBinary);

    /// <summary>Any expression; the entry point for the statement parser.</summary>
    public static TokenListParser<SqlToken, ParsedExpression> Expression => s_expression;

    /// <summary>A name: an unreserved identifier or a "quoted" one.</summary>
    public static TokenListParser<SqlToken, string> Name => s_name;

    /// <summary>A type name with optional parameters.</summary>
    public static TokenListParser<SqlToken, TypeName> TypeName => s_typeName;

    /// <summary>Parses one whole expression, or throws <see cref="SqlSyntaxException"/> pointing at the problem.</summary>
    public static ParsedExpression ParseExpression(string sql) => SqlParseErrors.ParseAll(s_expression, sql);

    /// <summary>A keyword: an identifier token with this value, in any case.</summary>
    public static TokenListParser<SqlToken, Token<SqlToken>> Keyword(string word)
        => Token.EqualToValueIgnoreCase(SqlToken.Identifier, word).Named(word.ToUpperInvariant());

    private static TokenListParser<SqlToken, ParsedExpression> TypedLiteral(string keyword, LiteralKind kind)
        => from word in Keyword(keyword)
           from text in s_stringLiteral
           select (ParsedExpression)new LiteralExpression(At(word), kind, text.Text);

    private static TokenListParser<SqlToken, (BinaryOperator Operator, SqlPosition Position)> Operator(SqlToken token, BinaryOperator op)
        => Token.EqualTo(token).Select(t => (Operator: op, Position: At(t)));

    private static ParsedExpression MakeBinary((BinaryOperator Operator, SqlPosition Position) op, ParsedExpression left, ParsedExpression right)
        => new BinaryExpression(op.Position, op.Operator, left, right);

    /// <summary>True for a quoted identifier or an unreserved word: tokens that can name a table or column.</summary>
    internal static bool IsName(Token<SqlToken> token)
        => token.Kind == SqlToken.QuotedIdentifier || !SqlKeywords.IsReserved(token.Span.AsReadOnlySpan());

    /// <summary>The name a name token stands for: quotes removed from a quoted identifier.</summary>
    internal static string NameOf(Token<SqlToken> token)
        => token.Kind == SqlToken.QuotedIdentifier ? Unquote(token.ToStringValue(), '"') : token.ToStringValue();

    private static ParsedExpression Qualified(Token<SqlToken> first, string?[] rest)
    {
        var names = new List<string> { NameOf(first) };
        for (var i = 0; i < rest.Length; i++)
        {
            if (rest[i] is null)
            {
                // t.* names every column of t; nothing may follow it.
                return i == rest.Length - 1 && names.Count == 1
                    ? new StarExpression(At(first), names[0])
                    : new ColumnReferenceExpression(At(first), [.. names, "*"]);
            }

            names.Add(rest[i]!);
        }

        return new ColumnReferenceExpression(At(first), names);
    }

    internal static SqlPosition At(Token<SqlToken> token) => SqlPosition.From(token.Position);

    /// <summary>Strips the quotes and undoes doubled quotes.</summary>
    internal static string Unquote(string quoted, char quote)
        => quoted[1..^1].Replace(new string(quote, 2), quote.ToString(), StringComparison.Ordinal);
}
