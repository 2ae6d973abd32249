using Olap.Query.Catalog;
using Olap.Query.Parsing.Ast;
using Olap.Query.Planning.Logical;

namespace Olap.Query.Binding;

/// <summary>What the binder needs from the database: tables, views, files, and a way to run uncorrelated subqueries.</summary>
internal interface IBindCatalog
{
    ITableSource? FindTable(string name);

    /// <summary>The SELECT text of a view, or null.</summary>
    string? FindView(string name);

    /// <summary>Table and view names, for suggestions.</summary>
    IEnumerable<string> Names { get; }

    /// <summary>
    /// A file queried in place (<c>FROM 'x.olap'</c>, <c>FROM 'x.csv'</c>, <c>FROM 'x.parquet'</c>, Parquet globs), or with
    /// <paramref name="options"/> from a table function (<c>read_parquet(..., hive_partitioning = true)</c>).
    /// </summary>
    ITableSource OpenFile(string path, SqlPosition position, FileReadOptions options);

    /// <summary>The value the statement was given for a parameter (<c>$1</c>, <c>?</c>, <c>@name</c>, <c>:name</c>).</summary>
    BoundLiteral BindParameter(ParameterExpression parameter);

    /// <summary>Runs a bound subquery to completion.</summary>
    QueryResult Run(LogicalOperator plan);

    /// <summary>
    /// For a materialized view whose appended rows are kept as partial aggregates
    /// (<see cref="Olap.Columnar.Storage.CubeEntry.DeltaSegments"/>), its stored rows grouped again over
    /// <paramref name="source"/> (its every stored column, in order); null for any other table.
    /// </summary>
    LogicalOperator? CombinedCubeRows(string name, Catalog.ITableSource source) => null;
}
