using System.Text;

namespace Olap.Query.Parsing;

/// <summary>Lays out an error at a position: the message, the offending line prefixed with its number, a caret under the column.</summary>
public static class SqlErrorRenderer
{
    public static string Render(string problem, string sql, int line, int column)
    {
        var lines = sql.Split('\n');
        var text = line >= 1 && line <= lines.Length ? lines[line - 1].TrimEnd('\r') : string.Empty;
        var prefix = $"LINE {line}: ";
        var caret = new StringBuilder(prefix.Length + column);
        caret.Append(' ', prefix.Length);

        // Tabs stay tabs under the caret so it lines up in any terminal.
        for (var i = 0; i < column - 1 && i < text.Length; i++)
        {
            caret.Append(text[i] == '\t' ? '\t' : ' ');
        }

        caret.Append('^');
        return $"{problem} (line {line}, column {column})\n{prefix}{text}\n{caret}";
    }
}
