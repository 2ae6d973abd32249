namespace Olap.Query.Parsing.Ast;

public enum UnaryOperator
{
    Negate,
    Plus,
    Not,
}
