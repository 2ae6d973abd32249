namespace Olap.Query.Parsing.Ast;

public enum BinaryOperator
{
    Add,
    Subtract,
    Multiply,

    /// <summary><c>/</c>: floating-point division, as in DuckDB and ClickHouse.</summary>
    Divide,

    /// <summary><c>//</c>: integer division.</summary>
    IntegerDivide,
    Modulo,
    Concat,
    Equal,
    NotEqual,
    LessThan,
    LessThanOrEqual,
    GreaterThan,
    GreaterThanOrEqual,
    And,
    Or,
}
