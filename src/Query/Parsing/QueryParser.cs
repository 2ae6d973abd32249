using Olap.Query.Parsing.Ast;
using Superpower;
using Superpower.Model;
using Superpower.Parsers;

namespace Olap.Query.Parsing;

/// <summary>SELECT queries: WITH, UNION [ALL], FROM with comma and explicit joins, WHERE, GROUP BY, HAVING, ORDER BY, LIMIT, OFFSET.</summary>
public static class QueryParser
{
    private static readonly TokenListParser<SqlToken, Token<SqlToken>> s_comma = Token.EqualTo(SqlToken.Comma);

    private static readonly TokenListParser<SqlToken, QueryNode> s_query = Parse.Ref(() => s_fullQuery!);

    private static readonly TokenListParser<SqlToken, string?> s_alias =
        ExpressionParser.Keyword("as").IgnoreThen(ExpressionParser.Name)
            .Or(ExpressionParser.Name)
            .Select(name => (string?)name)
            .OptionalOrDefault();

    private static readonly TokenListParser<SqlToken, SelectItem> s_selectItem =
        Token.EqualTo(SqlToken.Star).Select(token => new SelectItem(new StarExpression(ExpressionParser.At(token), null), null))
            .Or(
                from expression in ExpressionParser.Expression
                from alias in s_alias
                select new SelectItem(expression, alias));

    private static readonly TokenListParser<SqlToken, TableFunctionArgument> s_functionArgument =
        (from name in ExpressionParser.Name
         from equal in Token.EqualTo(SqlToken.Equal)
         from value in ExpressionParser.Expression
         select new TableFunctionArgument(name, value)).Try()
        .Or(ExpressionParser.Expression.Select(value => new TableFunctionArgument(null, value)));

    private static readonly TokenListParser<SqlToken, FromItem> s_tableFunction =
        from name in Token.EqualTo(SqlToken.Identifier).Where(ExpressionParser.IsName, "a table function")
        from open in Token.EqualTo(SqlToken.LeftParen)
        from arguments in s_functionArgument.ManyDelimitedBy(s_comma)
        from close in Token.EqualTo(SqlToken.RightParen)
        from alias in s_alias
        select (FromItem)new TableFunctionReference(ExpressionParser.At(name), ExpressionParser.NameOf(name), arguments, alias);

    private static readonly TokenListParser<SqlToken, FromItem> s_primaryFrom =
        (from open in Token.EqualTo(SqlToken.LeftParen)
         from query in s_query
         from close in Token.EqualTo(SqlToken.RightParen)
         from alias in s_alias
         select (FromItem)new SubqueryReference(ExpressionParser.At(open), query, alias))
        .Or(
            from path in Token.EqualTo(SqlToken.StringLiteral)
            from alias in s_alias
            select (FromItem)new FileReference(ExpressionParser.At(path), ExpressionParser.Unquote(path.ToStringValue(), '\''), alias))
        .Or(s_tableFunction.Try())
        .Or(
            from first in Token.EqualTo(SqlToken.Identifier).Or(Token.EqualTo(SqlToken.QuotedIdentifier)).Where(ExpressionParser.IsName, "a table name")
            from rest in Token.EqualTo(SqlToken.Dot).IgnoreThen(ExpressionParser.Name).Many()
            from alias in s_alias
            select (FromItem)new TableReference(ExpressionParser.At(first), [ExpressionParser.NameOf(first), .. rest], alias))
        .Named("a table, a 'file', a table function or a (subquery)");

    private static readonly TokenListParser<SqlToken, Func<FromItem, FromItem>> s_join =
        (from comma in s_comma
         from right in s_primaryFrom
         select (Func<FromItem, FromItem>)(left => new JoinReference(ExpressionParser.At(comma), JoinKind.Cross, left, right, null)))
        .Or(
            from kind in ExpressionParser.Keyword("left").IgnoreThen(ExpressionParser.Keyword("outer").OptionalOrDefault()).Value(JoinKind.Left)
                .Or(ExpressionParser.Keyword("right").IgnoreThen(ExpressionParser.Keyword("outer").OptionalOrDefault()).Value(JoinKind.Right))
                .Or(ExpressionParser.Keyword("full").IgnoreThen(ExpressionParser.Keyword("outer").OptionalOrDefault()).Value(JoinKind.Full))
                .Or(ExpressionParser.Keyword("inner").Value(JoinKind.Inner))
                .OptionalOrDefault(JoinKind.Inner)
            from joinKeyword in ExpressionParser.Keyword("join")
            from right in s_primaryFrom
            from onKeyword in ExpressionParser.Keyword("on")
            from condition in ExpressionParser.Expression
            select (Func<FromItem, FromItem>)(left => new JoinReference(ExpressionParser.At(joinKeyword), kind, left, right, condition)));

    private static readonly TokenListParser<SqlToken, FromItem> s_from =
        from first in s_primaryFrom
        from joins in s_join.Many()
        select joins.Aggregate(first, (left, applyJoin) => applyJoin(left));

    private static readonly TokenListParser<SqlToken, IReadOnlyList<ParsedExpression>> s_expressionList =
        Token.EqualTo(SqlToken.LeftParen)
            .IgnoreThen(ExpressionParser.Expression.ManyDelimitedBy(s_comma))
            .Then(items => Token.EqualTo(SqlToken.RightParen).Value((IReadOnlyList<ParsedExpression>)items));

    private static readonly TokenListParser<SqlToken, IReadOnlyList<ParsedExpression>> s_nonEmptyList =
        Token.EqualTo(SqlToken.LeftParen)
            .IgnoreThen(ExpressionParser.Expression.AtLeastOnceDelimitedBy(s_comma))
            .Then(items => Token.EqualTo(SqlToken.RightParen).Value((IReadOnlyList<ParsedExpression>)items));

    /// <summary>One GROUP BY element as the grouping sets it stands for: ROLLUP, CUBE, GROUPING SETS, or one expression.</summary>
    private static readonly TokenListParser<SqlToken, GroupingElement> s_groupingElement =
        (from rollup in ExpressionParser.Keyword("rollup")
         from list in s_nonEmptyList
         select GroupingElement.Rollup(list)).Try()
        .Or((from cube in ExpressionParser.Keyword("cube")
             from list in s_nonEmptyList.Where(l => l.Count <= GroupingElement.MaxCubeColumns, $"CUBE of at most {GroupingElement.MaxCubeColumns} expressions")
             select GroupingElement.Cube(list)).Try())
        .Or((from grouping in ExpressionParser.Keyword("grouping")
             from sets in ExpressionParser.Keyword("sets")
             from open in Token.EqualTo(SqlToken.LeftParen)
             from list in s_expressionList.Try().Or(ExpressionParser.Expression.Select(e => (IReadOnlyList<ParsedExpression>)[e])).AtLeastOnceDelimitedBy(s_comma)
             from close in Token.EqualTo(SqlToken.RightParen)
             select new GroupingElement(list, true)).Try())
        .Or(ExpressionParser.Expression.Select(e => new GroupingElement([[e]], false)));

    private static readonly TokenListParser<SqlToken, QueryBody> s_selectCore =
        from selectKeyword in ExpressionParser.Keyword("select")
        from distinct in ExpressionParser.Keyword("distinct").Value(true).OptionalOrDefault(false)
        from items in s_selectItem.AtLeastOnceDelimitedBy(s_comma)
        from fromClause in Optional(ExpressionParser.Keyword("from").IgnoreThen(s_from))
        from whereClause in Optional(ExpressionParser.Keyword("where").IgnoreThen(ExpressionParser.Expression))
        from groupBy in ExpressionParser.Keyword("group").IgnoreThen(ExpressionParser.Keyword("by"))
            .IgnoreThen(s_groupingElement.AtLeastOnceDelimitedBy(s_comma))
            .OptionalOrDefault([])
        from having in Optional(ExpressionParser.Keyword("having").IgnoreThen(ExpressionParser.Expression))
        select (QueryBody)(groupBy.Any(g => g.IsSets)
            ? new SelectCore(ExpressionParser.At(selectKeyword), distinct, items, fromClause, whereClause, [], having, GroupingElement.Combine(groupBy))
            : new SelectCore(ExpressionParser.At(selectKeyword), distinct, items, fromClause, whereClause, [.. groupBy.Select(g => g.Sets[0][0])], having));

    private static readonly TokenListParser<SqlToken, QueryBody> s_body =
        Parse.Chain(
            ExpressionParser.Keyword("union").Then(union => ExpressionParser.Keyword("all").Value(false).OptionalOrDefault(true).Select(distinct => (Position: ExpressionParser.At(union), Distinct: distinct))),
            s_selectCore,
            (union, left, right) => new UnionAllBody(union.Position, left, right, union.Distinct));

    private static readonly TokenListParser<SqlToken, OrderItem> s_orderItem =
        from expression in ExpressionParser.Expression
        from isDescending in ExpressionParser.Keyword("desc").Value(true).Or(ExpressionParser.Keyword("asc").Value(false)).OptionalOrDefault(false)
        from nullsFirst in ExpressionParser.Keyword("nulls")
            .IgnoreThen(ExpressionParser.Keyword("first").Value((bool?)true).Or(ExpressionParser.Keyword("last").Value((bool?)false)))
            .OptionalOrDefault()
        select new OrderItem(expression, isDescending, nullsFirst);

    private static readonly TokenListParser<SqlToken, CommonTableExpression> s_cte =
        from name in Token.EqualTo(SqlToken.Identifier).Or(Token.EqualTo(SqlToken.QuotedIdentifier)).Where(ExpressionParser.IsName, "a name")
        from @as in ExpressionParser.Keyword("as")
        from open in Token.EqualTo(SqlToken.LeftParen)
        from query in s_query
        from close in Token.EqualTo(SqlToken.RightParen)
        select new CommonTableExpression(ExpressionParser.At(name), ExpressionParser.NameOf(name), query);

    private static readonly TokenListParser<SqlToken, QueryNode> s_fullQuery =
        from with in ExpressionParser.Keyword("with").IgnoreThen(s_cte.AtLeastOnceDelimitedBy(s_comma)).OptionalOrDefault([])
        from body in s_body
        from orderBy in ExpressionParser.Keyword("order").IgnoreThen(ExpressionParser.Keyword("by"))
            .IgnoreThen(s_orderItem.AtLeastOnceDelimitedBy(s_comma))
            .OptionalOrDefault([])
        from limit in Optional(ExpressionParser.Keyword("limit").IgnoreThen(ExpressionParser.Expression))
        from offset in Optional(ExpressionParser.Keyword("offset").IgnoreThen(ExpressionParser.Expression))
        select new QueryNode(with.Length > 0 ? with[0].Position : body.Position, with, body, orderBy, limit, offset);

    /// <summary>A query; also used by the expression parser for subqueries.</summary>
    public static TokenListParser<SqlToken, QueryNode> Query => s_query;

    /// <summary>Parses one whole query, or throws <see cref="SqlSyntaxException"/> pointing at the problem.</summary>
    public static QueryNode ParseQuery(string sql) => SqlParseErrors.ParseAll(s_query, sql);

    private static TokenListParser<SqlToken, T?> Optional<T>(TokenListParser<SqlToken, T> parser)
        where T : class
        => parser.Select(value => (T?)value).OptionalOrDefault();
}
