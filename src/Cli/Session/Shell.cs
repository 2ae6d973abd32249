using System.Diagnostics;
using System.Globalization;
using System.Text;
using Olap.Cli.Rendering;
using Olap.Cli.Terminal;
using Olap.Query;
using Olap.Query.Execution;

namespace Olap.Cli.Session;

/// <summary>
/// Takes input a line at a time, from the REPL, a script or <c>-c</c>: a line that starts with '.' when no statement is
/// pending is a dot command; SQL collects until a ';' ends a statement (outside strings and comments), and every
/// complete statement runs in order and prints its result in the current mode. An error is printed with its place and
/// the shell goes on, unless <see cref="ShellSettings.Bail"/> says to stop.
/// </summary>
internal sealed class Shell : IDisposable
{
    private readonly StringBuilder _pending = new();
    private readonly Lock _runningLock = new();
    private int _pendingFirstLine = 1;
    private int _consumed;
    private CancellationTokenSource? _running;
    private volatile bool _discardPending;
    private TextWriter? _redirect;
    private TextWriter? _once;

    public Shell(DatabaseSession session, ShellConsole console, ShellSettings? settings = null)
    {
        Session = session;
        Console = console;
        Settings = settings ?? new ShellSettings();
    }

    public DatabaseSession Session { get; private set; }

    public ShellConsole Console { get; }

    public ShellSettings Settings { get; }

    /// <summary>True once any statement or command failed: the exit code of a script.</summary>
    public bool HadError { get; private set; }

    /// <summary>A statement has begun but not ended: the REPL shows the continuation prompt.</summary>
    public bool IsPending => _pending.Length > 0 && !_discardPending;

    /// <summary>Takes one line of input (without its line break); <paramref name="lineNumber"/> is its number in a script, for errors.</summary>
    public ShellOutcome Feed(string line, int lineNumber = 1)
    {
        if (_discardPending)
        {
            _discardPending = false;
            Reset();
        }

        if (_pending.Length == 0)
        {
            if (line.TrimStart().StartsWith('.'))
            {
                return DotCommands.Run(this, line.Trim(), lineNumber);
            }

            if (StatementSplitter.IsBlank(line))
            {
                return ShellOutcome.Continue;
            }

            _pendingFirstLine = lineNumber;
        }

        _pending.Append(line).Append('\n');
        var text = _pending.ToString();
        var (statements, remainder, remainderStart) = StatementSplitter.Split(text[_consumed..]);
        foreach (var statement in statements)
        {
            var outcome = Run(text, _consumed + statement.Start, statement.Sql);
            if (outcome != ShellOutcome.Continue)
            {
                Reset();
                return outcome;
            }
        }

        if (StatementSplitter.IsBlank(remainder))
        {
            Reset();
        }
        else
        {
            _consumed += remainderStart;
        }

        return ShellOutcome.Continue;
    }

    /// <summary>Runs what is left at the end of the input: a last statement needs no ';'.</summary>
    public ShellOutcome Finish()
    {
        if (_pending.Length == 0)
        {
            return ShellOutcome.Continue;
        }

        var text = _pending.ToString();
        var start = _consumed;
        Reset();
        return Run(text, start, text[start..]);
    }

    /// <summary>Feeds every line of <paramref name="text"/>, then <see cref="Finish"/>; stops at the first outcome that is not Continue.</summary>
    public ShellOutcome RunText(string text, int firstLine = 1)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var outcome = Feed(lines[i].TrimEnd('\r'), firstLine + i);
            if (outcome != ShellOutcome.Continue)
            {
                return outcome;
            }
        }

        return Finish();
    }

    /// <summary>Drops a half-typed statement (Ctrl-C at the continuation prompt).</summary>
    public void Reset()
    {
        _pending.Clear();
        _consumed = 0;
    }

    /// <summary>
    /// Ctrl-C at the prompt: forgets a half-typed statement. Called from the signal's thread while the shell waits
    /// for a line, so it only leaves a note that the next <see cref="Feed"/> acts on.
    /// </summary>
    public void DiscardPending() => _discardPending = true;

    /// <summary>Cancels the statement running now, if one is; true when there was one (Ctrl-C).</summary>
    public bool Cancel()
    {
        lock (_runningLock)
        {
            if (_running is null)
            {
                return false;
            }

            _running.Cancel();
            return true;
        }
    }

    /// <summary>Switches to another database (<c>.open</c>); the old one is closed.</summary>
    public void Open(DatabaseSession session)
    {
        var old = Session;
        Session = session;
        old.Dispose();
    }

    /// <summary>Closes the session first, then opens the next; if that fails, an in-memory database takes its place.</summary>
    public void Reopen(Func<DatabaseSession> open)
    {
        Session.Dispose();
        try
        {
            Session = open();
        }
        catch
        {
            Session = DatabaseSession.InMemory();
            throw;
        }
    }

    /// <summary>Sends results to a file until <see cref="RedirectOutput"/>(null) (<c>.output</c>).</summary>
    public void RedirectOutput(TextWriter? writer)
    {
        _redirect?.Dispose();
        _redirect = writer;
    }

    /// <summary>Sends the next result only to a file (<c>.once</c>).</summary>
    public void RedirectOnce(TextWriter writer)
    {
        _once?.Dispose();
        _once = writer;
    }

    /// <summary>Prints an error on stderr and remembers that one happened.</summary>
    public ShellOutcome Fail(string message)
    {
        HadError = true;
        Console.Error.WriteLine(Console.ErrorPalette.Error("Error: ") + message);
        Console.Error.Flush();
        return Settings.Bail ? ShellOutcome.Bailed : ShellOutcome.Continue;
    }

    /// <summary>Prints a result in the current mode where results go now.</summary>
    public void Print(QueryResult result, bool verbatim = false)
    {
        var toConsole = _once is null && _redirect is null;
        var output = _once ?? _redirect ?? Console.Out;
        var view = new ResultView(result);
        if (view.ColumnCount == 0)
        {
            // A change prints nothing in a script; at the terminal, as in DuckDB and psql, it says how many rows it wrote.
            if (toConsole && Console.OutIsTerminal && result.RowsAffected > 0)
            {
                Say(Console.OutPalette.Dim(string.Create(CultureInfo.InvariantCulture, $"{result.RowsAffected:N0} rows")));
            }

            return;
        }

        if (verbatim && Settings.Mode is OutputMode.Box or OutputMode.Table && view.ColumnCount == 1)
        {
            // Plans are text to read, not values to tabulate: cutting their lines at a cell's width would hide them.
            for (var row = 0; row < view.RowCount; row++)
            {
                output.WriteLine(view.Cell(row, 0));
            }
        }
        else
        {
            var options = new RenderOptions
            {
                Width = toConsole ? Console.Width() : int.MaxValue,
                MaxRows = toConsole ? Settings.MaxRows : 0,
                Palette = toConsole ? Console.OutPalette : Palette.Plain,
            };
            ResultRenderers.For(Settings.Mode).Render(view, output, options);
        }

        output.Flush();
        if (_once is not null)
        {
            _once.Dispose();
            _once = null;
        }
    }

    /// <summary>Prints a message (not a result) on standard output: .help, .tables, the timer.</summary>
    public void Say(string text)
    {
        Console.Out.WriteLine(text);
        Console.Out.Flush();
    }

    private ShellOutcome Run(string source, int start, string sql)
    {
        var explain = Settings.Explain && IsQuery(sql);
        var verbatim = explain || FirstWord(sql).Equals("EXPLAIN", StringComparison.OrdinalIgnoreCase);

        // The statement runs with the lines and columns before it blanked, so the engine's line and column point
        // into the source as the user sees it.
        var linesBefore = 0;
        for (var i = 0; i < start; i++)
        {
            linesBefore += source[i] == '\n' ? 1 : 0;
        }

        var lineStart = start == 0 ? 0 : source.LastIndexOf('\n', start - 1) + 1;
        var padded = new string('\n', linesBefore) + new string(' ', start - lineStart) + sql;
        var text = explain ? "EXPLAIN\n" + padded : padded;

        var connection = Session.Connection;
        var progress = new QueryProgress();
        using var cancellation = new CancellationTokenSource();
        lock (_runningLock)
        {
            _running = cancellation;
        }

        connection.Progress = progress;
        var started = Stopwatch.GetTimestamp();
        try
        {
            QueryResult result;
            using (ProgressBar.Start(progress, Console.Error, Console.ErrorIsTerminal))
            {
                result = connection.Execute(text, cancellation.Token);
            }

            Print(result, verbatim);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            HadError = true;
            Console.Error.WriteLine(ErrorRenderer.Render(error, source, _pendingFirstLine, Console.ErrorPalette, explain ? 1 : 0));
            Console.Error.Flush();
            if (Settings.Bail)
            {
                return ShellOutcome.Bailed;
            }
        }
        finally
        {
            lock (_runningLock)
            {
                _running = null;
            }

            connection.Progress = null;
        }

        if (Settings.Timer)
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            Say(Console.OutPalette.Dim(string.Create(CultureInfo.InvariantCulture, $"Run Time: {elapsed.TotalSeconds:F3} s")));
        }

        return ShellOutcome.Continue;
    }

    private static bool IsQuery(string sql) => FirstWord(sql).ToUpperInvariant() is "SELECT" or "WITH" or "FROM" or "VALUES";

    private static string FirstWord(string sql)
    {
        var text = sql.AsSpan();
        while (true)
        {
            text = text.TrimStart();
            if (text.StartsWith("--"))
            {
                var end = text.IndexOf('\n');
                text = end < 0 ? [] : text[(end + 1)..];
            }
            else if (text.StartsWith("/*"))
            {
                var end = text.IndexOf("*/");
                text = end < 0 ? [] : text[(end + 2)..];
            }
            else
            {
                break;
            }
        }

        var length = 0;
        while (length < text.Length && char.IsLetter(text[length]))
        {
            length++;
        }

        return text[..length].ToString();
    }

    public void Dispose()
    {
        _once?.Dispose();
        _redirect?.Dispose();
        Session.Dispose();
    }
}
