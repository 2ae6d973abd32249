using RadLine;
using Spectre.Console;

namespace Olap.Cli.Terminal;

/// <summary>
/// Line editing by RadLine: cursor movement, history on Up/Down kept in <see cref="HistoryFile"/>, Tab completion
/// from <see cref="SqlCompletion"/>, SQL colouring when colours are allowed, Ctrl-A/E/U as in a shell, and Ctrl-D on
/// an empty line to leave.
/// Ctrl-R searches the history (<see cref="HistorySearch"/>).
/// </summary>
internal sealed class RadLineReader : ILineReader
{
    private readonly LineEditor _editor;
    private readonly MutablePrompt _prompt = new();
    private readonly HistoryFile _history;
    private readonly List<string> _lines;

    public RadLineReader(SqlCompletion completion, HistoryFile history, bool colors)
    {
        _history = history;
        _editor = new LineEditor(AnsiConsole.Console)
        {
            Prompt = _prompt,
            Completion = new CompletionAdapter(completion),
            Highlighter = colors ? new Highlighter() : null,
        };
        // One line at a time (the shell joins lines into statements), so Up and Down walk the history.
        _editor.KeyBindings.Add<PreviousHistoryCommand>(ConsoleKey.UpArrow);
        _editor.KeyBindings.Add<NextHistoryCommand>(ConsoleKey.DownArrow);
        _editor.KeyBindings.Add<MoveHomeCommand>(ConsoleKey.A, ConsoleModifiers.Control);
        _editor.KeyBindings.Add<MoveEndCommand>(ConsoleKey.E, ConsoleModifiers.Control);
        _editor.KeyBindings.Add(ConsoleKey.U, ConsoleModifiers.Control, () => new ClearLineCommand());
        _editor.KeyBindings.Add(ConsoleKey.D, ConsoleModifiers.Control, () => new EndOfInputCommand());
        _lines = [.. history.Load()];
        _editor.KeyBindings.Add(ConsoleKey.R, ConsoleModifiers.Control, () => new SearchCommand(_lines));
        foreach (var line in _lines)
        {
            _editor.History.Add(line);
        }
    }

    /// <summary>RadLine needs a terminal that takes ANSI codes; elsewhere the plain reader is used.</summary>
    public static bool IsSupported => LineEditor.IsSupported(AnsiConsole.Console) && !Console.IsInputRedirected;

    public string? ReadLine(string prompt)
    {
        _prompt.Text = prompt.TrimEnd();
        var line = _editor.ReadLine(CancellationToken.None).GetAwaiter().GetResult();
        if (!string.IsNullOrWhiteSpace(line))
        {
            _history.Append(line);
            _lines.Add(line);
        }

        return line;
    }

    public void Dispose()
    {
    }

    private sealed class MutablePrompt : ILineEditorPrompt
    {
        public string Text { get; set; } = "olap>";

        public (Markup Markup, int Margin) GetPrompt(ILineEditorState state, int line) => (new Markup(Markup.Escape(Text)), 1);
    }

    private sealed class CompletionAdapter(SqlCompletion completion) : ITextCompletion
    {
        public IEnumerable<string>? GetCompletions(string prefix, string word, string suffix) => completion.Complete(prefix, word);
    }

    private sealed class Highlighter : IHighlighter
    {
        private static readonly Style s_keyword = new(Color.Blue, decoration: Decoration.Bold);
        private static readonly Style s_string = new(Color.Green);
        private static readonly Style s_number = new(Color.Aqua);

        public Style? Highlight(string token) => SqlTokenColor.KindOf(token) switch
        {
            SqlSpanKind.Keyword => s_keyword,
            SqlSpanKind.String => s_string,
            SqlSpanKind.Number => s_number,
            _ => null,
        };
    }

    /// <summary>Ctrl-R puts the newest history line holding the typed text on the line; again, the next older one.</summary>
    private sealed class SearchCommand(IReadOnlyList<string> lines) : LineEditorCommand
    {
        private const string Query = "search.query";
        private const string Position = "search.position";

        public override void Execute(LineEditorContext context)
        {
            var query = context.GetState(Query, () => context.Buffer.Content);
            var position = context.GetState(Position, () => lines.Count);
            if (HistorySearch.Previous(lines, query, position) is not { } match)
            {
                return;
            }

            context.SetState(Query, query);
            context.SetState(Position, match.Index);
            context.Buffer.Clear(0, context.Buffer.Content.Length);
            context.Buffer.Move(0);
            context.Buffer.Insert(match.Line);
            context.Buffer.Move(match.Line.Length);
        }
    }

    /// <summary>Ctrl-U empties the line, as in a Unix shell.</summary>
    private sealed class ClearLineCommand : LineEditorCommand
    {
        public override void Execute(LineEditorContext context)
        {
            context.Buffer.Clear(0, context.Buffer.Content.Length);
            context.Buffer.Move(0);
        }
    }

    /// <summary>Ctrl-D leaves when the line is empty, as in a Unix shell; on text it does nothing.</summary>
    private sealed class EndOfInputCommand : LineEditorCommand
    {
        public override void Execute(LineEditorContext context)
        {
            if (context.Buffer.Content.Length == 0)
            {
                context.Submit(SubmitAction.Cancel);
            }
        }
    }
}
