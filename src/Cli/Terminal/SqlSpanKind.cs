namespace Olap.Cli.Terminal;

/// <summary>What a piece of typed SQL is, for colouring.</summary>
internal enum SqlSpanKind
{
    Plain,
    Keyword,
    String,
    Number,
}
