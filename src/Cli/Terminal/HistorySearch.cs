namespace Olap.Cli.Terminal;

/// <summary>
/// Ctrl-R: the newest history line containing the typed text, then on each further press the next older one, the
/// way a shell's reverse search steps back (RadLine has no incremental search, so this one searches for what is on
/// the line when Ctrl-R is first pressed).
/// </summary>
internal static class HistorySearch
{
    /// <summary>The newest line before <paramref name="before"/> that contains <paramref name="text"/> (any case), or null.</summary>
    public static (int Index, string Line)? Previous(IReadOnlyList<string> history, string text, int before)
    {
        for (var i = Math.Min(before, history.Count) - 1; i >= 0; i--)
        {
            if (history[i].Contains(text, StringComparison.OrdinalIgnoreCase))
            {
                return (i, history[i]);
            }
        }

        return null;
    }
}
