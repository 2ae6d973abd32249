namespace Olap.Query.Parsing.Ast;

public enum LiteralKind
{
    Null,
    Boolean,
    Integer,
    Decimal,
    String,
    Date,
    Timestamp,
}
