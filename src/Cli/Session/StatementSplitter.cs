namespace Olap.Cli.Session;

/// <summary>One complete statement of a text: its SQL without the closing ';' and where it starts in the text.</summary>
internal readonly record struct StatementText(string Sql, int Start);

/// <summary>
/// Cuts typed text into statements at every ';' outside strings, quoted identifiers and comments, the way the
/// engine's tokenizer reads them ('' and "" escape a quote, <c>--</c> runs to the end of the line, <c>/* */</c> does
/// not nest). This is what decides whether the REPL runs what was typed or asks for more with the continuation prompt,
/// and why one bad statement does not stop the others on the same line from running.
/// </summary>
internal static class StatementSplitter
{
    private enum State
    {
        Code,
        String,
        Identifier,
        LineComment,
        BlockComment,
    }

    /// <summary>The complete statements of <paramref name="text"/> and the text after the last ';' (perhaps blank).</summary>
    public static (IReadOnlyList<StatementText> Statements, string Remainder, int RemainderStart) Split(string text)
    {
        var statements = new List<StatementText>();
        var state = State.Code;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            switch (state)
            {
                case State.Code when c == ';':
                    if (!IsBlank(text.AsSpan(start, i - start)))
                    {
                        statements.Add(new StatementText(text[start..i], start));
                    }

                    start = i + 1;
                    break;
                case State.Code when c == '\'':
                    state = State.String;
                    break;
                case State.Code when c == '"':
                    state = State.Identifier;
                    break;
                case State.Code when c == '-' && next == '-':
                    state = State.LineComment;
                    i++;
                    break;
                case State.Code when c == '/' && next == '*':
                    state = State.BlockComment;
                    i++;
                    break;
                case State.String when c == '\'':
                case State.Identifier when c == '"':
                    if (next == c)
                    {
                        i++; // A doubled quote is the quote itself, not the end.
                    }
                    else
                    {
                        state = State.Code;
                    }

                    break;
                case State.LineComment when c == '\n':
                    state = State.Code;
                    break;
                case State.BlockComment when c == '*' && next == '/':
                    state = State.Code;
                    i++;
                    break;
            }
        }

        return (statements, text[start..], start);
    }

    /// <summary>True when <paramref name="text"/> ends outside any statement: nothing, or only space and comments, after the last ';'.</summary>
    public static bool IsComplete(string text) => IsBlank(Split(text).Remainder);

    /// <summary>True for text that is only white space and complete comments.</summary>
    public static bool IsBlank(ReadOnlySpan<char> text)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
            }
            else if (text[i..].StartsWith("--"))
            {
                var end = text[i..].IndexOf('\n');
                i = end < 0 ? text.Length : i + end + 1;
            }
            else if (text[i..].StartsWith("/*"))
            {
                var end = text[(i + 2)..].IndexOf("*/");
                if (end < 0)
                {
                    return false; // An open comment still waits for its end.
                }

                i += end + 4;
            }
            else
            {
                return false;
            }
        }

        return true;
    }
}
