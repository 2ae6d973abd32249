namespace Olap.Query.Parsing;

/// <summary>
/// The kinds of SQL tokens. Keywords are <see cref="Identifier"/> tokens that the parser recognizes by value
/// (<see cref="SqlKeywords"/>), so non-reserved keywords such as <c>date</c> stay usable as names.
/// </summary>
public enum SqlToken
{
    None,
    Identifier,
    QuotedIdentifier,
    StringLiteral,
    IntegerLiteral,
    DecimalLiteral,
    Parameter,
    Plus,
    Minus,
    Star,
    Slash,
    DoubleSlash,
    Percent,
    Concat,
    Equal,
    NotEqual,
    LessThan,
    LessThanOrEqual,
    GreaterThan,
    GreaterThanOrEqual,
    DoubleColon,
    LeftParen,
    RightParen,
    Comma,
    Dot,
    Semicolon,
}
