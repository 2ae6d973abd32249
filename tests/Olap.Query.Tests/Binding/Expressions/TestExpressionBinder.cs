using Olap.Columnar.Types;
using Olap.Query.Binding;
using Olap.Query.Catalog;
using Olap.Query.Parsing;
using Olap.Query.Parsing.Ast;
using Olap.Query.Planning;
using Olap.Query.Planning.Logical;

namespace Olap.Query.Tests.Binding.Expressions;

/// <summary>
/// The engine's own <see cref="ExpressionBinder"/> over a fixed list of columns, for tests of typing and evaluation
/// that need no tables.
/// </summary>
internal sealed class TestExpressionBinder(IReadOnlyList<(string Name, ColumnType Type)> columns)
{
    private readonly ExpressionBinder _binder = new(
        new BindScope([.. columns.Select(c => new OutputColumn(c.Name, c.Type))]),
        new QueryBinder(new NoTables()),
        "the test expression");

    public BoundExpression Bind(string sql) => Bind(ExpressionParser.ParseExpression(sql));

    public BoundExpression Bind(ParsedExpression expression) => _binder.Bind(expression);

    /// <summary>Expressions under test name no tables, views or files.</summary>
    private sealed class NoTables : IBindCatalog
    {
        public IEnumerable<string> Names => [];

        public ITableSource? FindTable(string name) => null;

        public string? FindView(string name) => null;

        public ITableSource OpenFile(string path, SqlPosition position, FileReadOptions options) => throw new BindException("files are not available in expression tests", position);

        public BoundLiteral BindParameter(ParameterExpression parameter) => ParameterValues.None.Bind(parameter);

        public QueryResult Run(LogicalOperator plan) => throw new InvalidOperationException("subqueries are not available in expression tests");
    }
}
