namespace Olap.Cli.Terminal;

/// <summary>
/// The colour class of one token as the line editor cuts the line (a run of letters and digits, or one other
/// character): keywords, numbers and quote marks stand out; names and operators stay plain.
/// </summary>
internal static class SqlTokenColor
{
    public static SqlSpanKind KindOf(string token)
    {
        if (token.Length == 0)
        {
            return SqlSpanKind.Plain;
        }

        if (token.All(char.IsAsciiDigit))
        {
            return SqlSpanKind.Number;
        }

        if (token is "'")
        {
            return SqlSpanKind.String;
        }

        return SqlWords.IsKeyword(token) ? SqlSpanKind.Keyword : SqlSpanKind.Plain;
    }
}
