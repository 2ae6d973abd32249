namespace Olap.Query.Parsing.Ast;

/// <summary>A column in CREATE TABLE.</summary>
public sealed record ColumnDefinitionNode(SqlPosition Position, string Name, TypeName Type);

/// <summary>
/// <c>CREATE TABLE t (col type, ...) [SORTED BY (cols)]</c>, or <c>CREATE TABLE t [SORTED BY (cols)] AS query</c>
/// (then <see cref="Columns"/> is empty and <see cref="AsQuery"/> is set).
/// </summary>
public sealed record CreateTableStatement(
    SqlPosition Position,
    IReadOnlyList<string> Name,
    IReadOnlyList<ColumnDefinitionNode> Columns,
    IReadOnlyList<SortKeyItem> SortedBy,
    QueryNode? AsQuery) : SqlStatement(Position);

/// <summary>A sort key column with its direction.</summary>
public sealed record SortKeyItem(SqlPosition Position, string Column, bool Descending);

/// <summary><c>CREATE VIEW v AS query</c>.</summary>
public sealed record CreateViewStatement(SqlPosition Position, IReadOnlyList<string> Name, QueryNode Query) : SqlStatement(Position);

/// <summary>
/// <c>CREATE MATERIALIZED VIEW v AS SELECT dims..., aggregates... FROM ... [WHERE ...] GROUP BY dims</c>: a data cube,
/// stored like a table and kept current as its tables grow.
/// </summary>
public sealed record CreateMaterializedViewStatement(SqlPosition Position, IReadOnlyList<string> Name, QueryNode Query) : SqlStatement(Position);

/// <summary><c>REFRESH MATERIALIZED VIEW v</c>: computes the view again from its tables.</summary>
public sealed record RefreshMaterializedViewStatement(SqlPosition Position, IReadOnlyList<string> Name) : SqlStatement(Position);

public enum DropKind
{
    Table,
    View,
    MaterializedView,
}

/// <summary><c>DROP TABLE|VIEW|MATERIALIZED VIEW [IF EXISTS] name</c>.</summary>
public sealed record DropStatement(SqlPosition Position, DropKind Kind, IReadOnlyList<string> Name, bool IfExists) : SqlStatement(Position);

/// <summary><c>INSERT INTO t [(cols)] VALUES (...), ...</c> or <c>INSERT INTO t [(cols)] query</c>.</summary>
public sealed record InsertStatement(
    SqlPosition Position,
    IReadOnlyList<string> Table,
    IReadOnlyList<string> Columns,
    IReadOnlyList<IReadOnlyList<ParsedExpression>> Rows,
    QueryNode? Query) : SqlStatement(Position);

/// <summary>An option of COPY, <c>(DELIMITER '|', HEADER true)</c>; a bare option has no value.</summary>
/// <summary>A COPY option: <c>name</c>, <c>name value</c> or <c>name (a, b)</c> (<see cref="Names"/>, for PARTITION_BY).</summary>
public sealed record CopyOption(SqlPosition Position, string Name, ParsedExpression? Value, IReadOnlyList<string>? Names = null);

/// <summary><c>COPY t FROM 'file' [(options)]</c>.</summary>
public sealed record CopyFromStatement(SqlPosition Position, IReadOnlyList<string> Table, string Path, IReadOnlyList<CopyOption> Options) : SqlStatement(Position);

/// <summary><c>COPY t TO 'file'</c> or <c>COPY (query) TO 'file'</c>, with options; exactly one of table and query is set.</summary>
public sealed record CopyToStatement(SqlPosition Position, IReadOnlyList<string>? Table, QueryNode? Query, string Path, IReadOnlyList<CopyOption> Options) : SqlStatement(Position);

/// <summary><c>EXPLAIN [ANALYZE] statement</c>.</summary>
public sealed record ExplainStatement(SqlPosition Position, bool Analyze, SqlStatement Statement) : SqlStatement(Position);

/// <summary><c>SHOW TABLES</c>.</summary>
public sealed record ShowTablesStatement(SqlPosition Position) : SqlStatement(Position);

/// <summary>DELETE FROM table [WHERE condition]: without a condition every row goes.</summary>
public sealed record DeleteStatement(SqlPosition Position, IReadOnlyList<string> Table, ParsedExpression? Where) : SqlStatement(Position);

/// <summary>BEGIN [TRANSACTION], COMMIT [TRANSACTION] or ROLLBACK [TRANSACTION].</summary>
public sealed record TransactionStatement(SqlPosition Position, TransactionAction Action) : SqlStatement(Position);

public enum TransactionAction
{
    Begin,
    Commit,
    Rollback,
}

/// <summary>CHECKPOINT: the write buffer's rows are written as segments and the write log emptied.</summary>
public sealed record CheckpointStatement(SqlPosition Position) : SqlStatement(Position);

/// <summary><c>DESCRIBE t</c>.</summary>
public sealed record DescribeStatement(SqlPosition Position, IReadOnlyList<string> Name) : SqlStatement(Position);

/// <summary><c>SET name = value</c> (also <c>SET name TO value</c>).</summary>
public sealed record SetStatement(SqlPosition Position, string Name, ParsedExpression Value) : SqlStatement(Position);
