using Olap.Query.Parsing.Ast;
using Superpower;
using Superpower.Model;
using Superpower.Parsers;

namespace Olap.Query.Parsing;

/// <summary>Every statement of the dialect: queries, DDL (materialized views too), INSERT, COPY, EXPLAIN, SHOW TABLES, DESCRIBE, SET.</summary>
public static class StatementParser
{
    private static readonly TokenListParser<SqlToken, Token<SqlToken>> s_comma = Token.EqualTo(SqlToken.Comma);
    private static readonly TokenListParser<SqlToken, Token<SqlToken>> s_open = Token.EqualTo(SqlToken.LeftParen);
    private static readonly TokenListParser<SqlToken, Token<SqlToken>> s_close = Token.EqualTo(SqlToken.RightParen);

    private static readonly TokenListParser<SqlToken, string[]> s_qualifiedName =
        ExpressionParser.Name.AtLeastOnceDelimitedBy(Token.EqualTo(SqlToken.Dot)).Named("a name");

    private static readonly TokenListParser<SqlToken, string> s_path =
        Token.EqualTo(SqlToken.StringLiteral).Select(token => ExpressionParser.Unquote(token.ToStringValue(), '\'')).Named("a 'file path'");

    private static readonly TokenListParser<SqlToken, SqlStatement> s_statement = Parse.Ref(() => s_any!);

    private static readonly TokenListParser<SqlToken, SortKeyItem[]> s_sortedBy =
        ExpressionParser.Keyword("sorted").IgnoreThen(ExpressionParser.Keyword("by")).IgnoreThen(
            (from name in Token.EqualTo(SqlToken.Identifier).Or(Token.EqualTo(SqlToken.QuotedIdentifier))
             from isDescending in ExpressionParser.Keyword("desc").Value(true).Or(ExpressionParser.Keyword("asc").Value(false)).OptionalOrDefault(false)
             select new SortKeyItem(ExpressionParser.At(name), ExpressionParser.NameOf(name), isDescending))
            .AtLeastOnceDelimitedBy(s_comma)
            .Between(s_open, s_close))
        .OptionalOrDefault([]);

    private static readonly TokenListParser<SqlToken, ColumnDefinitionNode> s_columnDefinition =
        from name in Token.EqualTo(SqlToken.Identifier).Or(Token.EqualTo(SqlToken.QuotedIdentifier)).Named("a column name")
        from type in ExpressionParser.TypeName
        select new ColumnDefinitionNode(ExpressionParser.At(name), ExpressionParser.NameOf(name), type);

    private static readonly TokenListParser<SqlToken, SqlStatement> s_create =
        from create in ExpressionParser.Keyword("create")
        from statement in
            (from tableKeyword in ExpressionParser.Keyword("table")
             from name in s_qualifiedName
             from body in
                 (from columns in s_columnDefinition.AtLeastOnceDelimitedBy(s_comma).Between(s_open, s_close)
                  from sortedBy in s_sortedBy
                  select new CreateTableStatement(ExpressionParser.At(create), name, columns, sortedBy, null))
                 .Or(
                     from sortedBy in s_sortedBy
                     from @as in ExpressionParser.Keyword("as")
                     from query in QueryParser.Query
                     select new CreateTableStatement(ExpressionParser.At(create), name, [], sortedBy, query))
             select (SqlStatement)body)
            .Or(
                from viewKeyword in ExpressionParser.Keyword("view")
                from name in s_qualifiedName
                from @as in ExpressionParser.Keyword("as")
                from query in QueryParser.Query
                select (SqlStatement)new CreateViewStatement(ExpressionParser.At(create), name, query))
            .Or(
                from materialized in ExpressionParser.Keyword("materialized")
                from viewKeyword in ExpressionParser.Keyword("view")
                from name in s_qualifiedName
                from @as in ExpressionParser.Keyword("as")
                from query in QueryParser.Query
                select (SqlStatement)new CreateMaterializedViewStatement(ExpressionParser.At(create), name, query))
        select statement;

    private static readonly TokenListParser<SqlToken, SqlStatement> s_drop =
        from drop in ExpressionParser.Keyword("drop")
        from kind in ExpressionParser.Keyword("table").Value(DropKind.Table)
            .Or(ExpressionParser.Keyword("view").Value(DropKind.View))
            .Or(ExpressionParser.Keyword("materialized").IgnoreThen(ExpressionParser.Keyword("view")).Value(DropKind.MaterializedView))
        from ifExists in ExpressionParser.Keyword("if").IgnoreThen(ExpressionParser.Keyword("exists")).Value(true).OptionalOrDefault(false)
        from name in s_qualifiedName
        select (SqlStatement)new DropStatement(ExpressionParser.At(drop), kind, name, ifExists);

    private static readonly TokenListParser<SqlToken, SqlStatement> s_refresh =
        from refresh in ExpressionParser.Keyword("refresh")
        from materialized in ExpressionParser.Keyword("materialized")
        from viewKeyword in ExpressionParser.Keyword("view")
        from name in s_qualifiedName
        select (SqlStatement)new RefreshMaterializedViewStatement(ExpressionParser.At(refresh), name);

    private static readonly TokenListParser<SqlToken, SqlStatement> s_insert =
        from insert in ExpressionParser.Keyword("insert")
        from intoKeyword in ExpressionParser.Keyword("into")
        from table in s_qualifiedName
        from columns in ExpressionParser.Name.AtLeastOnceDelimitedBy(s_comma).Between(s_open, s_close).Try().OptionalOrDefault([])
        from source in
            (from valuesKeyword in ExpressionParser.Keyword("values")
             from rows in ExpressionParser.Expression.AtLeastOnceDelimitedBy(s_comma).Between(s_open, s_close).AtLeastOnceDelimitedBy(s_comma)
             select new InsertStatement(ExpressionParser.At(insert), table, columns, rows, null))
            .Or(QueryParser.Query.Or(QueryParser.Query.Between(s_open, s_close))
                .Select(query => new InsertStatement(ExpressionParser.At(insert), table, columns, [], query)))
        select (SqlStatement)source;

    private static readonly TokenListParser<SqlToken, SqlStatement> s_delete =
        from delete in ExpressionParser.Keyword("delete")
        from fromKeyword in ExpressionParser.Keyword("from")
        from table in s_qualifiedName
        from condition in ExpressionParser.Keyword("where").IgnoreThen(ExpressionParser.Expression).Select(e => (ParsedExpression?)e).OptionalOrDefault()
        select (SqlStatement)new DeleteStatement(ExpressionParser.At(delete), table, condition);

    private static readonly TokenListParser<SqlToken, CopyOption[]> s_copyOptions =
        (from name in Token.EqualTo(SqlToken.Identifier)
         from names in ExpressionParser.Name.AtLeastOnceDelimitedBy(s_comma).Between(s_open, s_close).Try().Select(n => (string[]?)n).OptionalOrDefault()
         from value in names is null ? ExpressionParser.Expression.Select(e => (ParsedExpression?)e).OptionalOrDefault() : Parse.Return<SqlToken, ParsedExpression?>(null)
         select new CopyOption(ExpressionParser.At(name), name.ToStringValue().ToLowerInvariant(), value, names))
        .AtLeastOnceDelimitedBy(s_comma)
        .Between(s_open, s_close)
        .OptionalOrDefault([]);

    private static readonly TokenListParser<SqlToken, SqlStatement> s_copy =
        from copy in ExpressionParser.Keyword("copy")
        from statement in
            (from query in QueryParser.Query.Between(s_open, s_close)
             from toKeyword in ExpressionParser.Keyword("to")
             from path in s_path
             from options in s_copyOptions
             select (SqlStatement)new CopyToStatement(ExpressionParser.At(copy), null, query, path, options))
            .Or(
                from table in s_qualifiedName
                from direction in ExpressionParser.Keyword("from").Value(true).Or(ExpressionParser.Keyword("to").Value(false))
                from path in s_path
                from options in s_copyOptions
                select direction
                    ? (SqlStatement)new CopyFromStatement(ExpressionParser.At(copy), table, path, options)
                    : new CopyToStatement(ExpressionParser.At(copy), table, null, path, options))
        select statement;

    private static readonly TokenListParser<SqlToken, SqlStatement> s_explain =
        from explain in ExpressionParser.Keyword("explain")
        from analyze in ExpressionParser.Keyword("analyze").Value(true).OptionalOrDefault(false)
        from statement in s_statement
        select (SqlStatement)new ExplainStatement(ExpressionParser.At(explain), analyze, statement);

    private static readonly TokenListParser<SqlToken, SqlStatement> s_show =
        from show in ExpressionParser.Keyword("show")
        from tables in ExpressionParser.Keyword("tables")
        select (SqlStatement)new ShowTablesStatement(ExpressionParser.At(show));

    private static readonly TokenListParser<SqlToken, SqlStatement> s_transaction =
        from keyword in ExpressionParser.Keyword("begin").Or(ExpressionParser.Keyword("commit")).Or(ExpressionParser.Keyword("rollback")).Or(ExpressionParser.Keyword("abort"))
        from word in ExpressionParser.Keyword("transaction").Or(ExpressionParser.Keyword("work")).OptionalOrDefault()
        select (SqlStatement)new TransactionStatement(
            ExpressionParser.At(keyword),
            keyword.ToStringValue().ToLowerInvariant() switch
            {
                "begin" => TransactionAction.Begin,
                "commit" => TransactionAction.Commit,
                _ => TransactionAction.Rollback,
            });

    private static readonly TokenListParser<SqlToken, SqlStatement> s_checkpoint =
        from checkpoint in ExpressionParser.Keyword("checkpoint")
        select (SqlStatement)new CheckpointStatement(ExpressionParser.At(checkpoint));

    private static readonly TokenListParser<SqlToken, SqlStatement> s_describe =
        from describe in ExpressionParser.Keyword("describe")
        from name in s_qualifiedName
        select (SqlStatement)new DescribeStatement(ExpressionParser.At(describe), name);

    private static readonly TokenListParser<SqlToken, SqlStatement> s_set =
        from setKeyword in ExpressionParser.Keyword("set")
        from name in Token.EqualTo(SqlToken.Identifier)
        from assign in Token.EqualTo(SqlToken.Equal).Value(true).Or(ExpressionParser.Keyword("to").Value(true))
        from value in ExpressionParser.Expression
        select (SqlStatement)new SetStatement(ExpressionParser.At(setKeyword), name.ToStringValue().ToLowerInvariant(), value);

    private static readonly TokenListParser<SqlToken, SqlStatement> s_any =
        QueryParser.Query.Select(query => (SqlStatement)new SelectStatement(query.Position, query))
            .Or(s_create)
            .Or(s_drop)
            .Or(s_refresh)
            .Or(s_insert)
            .Or(s_delete)
            .Or(s_copy)
            .Or(s_explain)
            .Or(s_show)
            .Or(s_checkpoint)
            .Or(s_transaction)
            .Or(s_describe)
            .Or(s_set)
            .Named("a statement");

    /// <summary>Any one statement.</summary>
    public static TokenListParser<SqlToken, SqlStatement> Statement => s_statement;
}
