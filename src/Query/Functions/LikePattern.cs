using System.Text;

namespace Olap.Query.Functions;

/// <summary>
/// A compiled SQL LIKE pattern over UTF-8 bytes: <c>%</c> matches any run of characters, <c>_</c> exactly one
/// character (one code point, not one byte), everything else itself; an optional escape character makes the next
/// character literal. Common shapes (<c>abc</c>, <c>abc%</c>, <c>%abc</c>, <c>%abc%</c>) use span searches; the
/// general case matches segment by segment without backtracking explosion.
/// </summary>
public sealed class LikePattern
{
    private readonly Segment[] _segments;
    private readonly bool _anchoredStart;
    private readonly bool _anchoredEnd;
    private readonly Shape _shape;

    private LikePattern(Segment[] segments, bool anchoredStart, bool anchoredEnd)
    {
        _segments = segments;
        _anchoredStart = anchoredStart;
        _anchoredEnd = anchoredEnd;
        _shape = ShapeOf(segments, anchoredStart, anchoredEnd);
    }

    private enum Shape
    {
        General,
        Exact,
        Prefix,
        Suffix,
        Contains,
        Anything,
    }

    /// <summary>Compiles <paramref name="pattern"/>; throws <see cref="FormatException"/> when it ends in a lone escape character.</summary>
    public static LikePattern Compile(string pattern, char? escape = null)
    {
        // The pattern becomes literal segments separated by %, each a list of literal runs and single-character wildcards.
        var segments = new List<Segment>();
        var current = new List<Piece>();
        var literal = new StringBuilder();
        var anchoredStart = true;
        var anchoredEnd = true;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (escape is { } e && c == e)
            {
                if (i + 1 >= pattern.Length)
                {
                    throw new FormatException($"LIKE pattern '{pattern}' ends with the escape character.");
                }

                literal.Append(pattern[++i]);
                continue;
            }

            if (c == '%')
            {
                Flush(literal, current);
                if (current.Count > 0)
                {
                    segments.Add(new Segment([.. current]));
                    current.Clear();
                }

                if (segments.Count == 0)
                {
                    anchoredStart = false;
                }

                anchoredEnd = false;
                continue;
            }

            anchoredEnd = true;
            if (c == '_')
            {
                Flush(literal, current);
                current.Add(Piece.AnyCharacter);
            }
            else
            {
                literal.Append(c);
            }
        }

        Flush(literal, current);
        if (current.Count > 0)
        {
            segments.Add(new Segment([.. current]));
        }

        if (segments.Count == 0)
        {
            anchoredEnd = anchoredStart;
        }

        return new LikePattern([.. segments], anchoredStart, anchoredEnd);
    }

    public bool IsMatch(ReadOnlySpan<byte> value)
    {
        switch (_shape)
        {
            case Shape.Anything:
                return true;
            case Shape.Exact:
                return value.SequenceEqual(_segments[0].Pieces[0].Literal);
            case Shape.Prefix:
                return value.StartsWith(_segments[0].Pieces[0].Literal);
            case Shape.Suffix:
                return value.EndsWith(_segments[0].Pieces[0].Literal);
            case Shape.Contains:
                return value.IndexOf(_segments[0].Pieces[0].Literal) >= 0;
            default:
                return MatchGeneral(value);
        }
    }

    public bool IsMatch(string value) => IsMatch(Encoding.UTF8.GetBytes(value));

    private bool MatchGeneral(ReadOnlySpan<byte> value)
    {
        if (_segments.Length == 0)
        {
            // An empty pattern matches only the empty string.
            return value.IsEmpty;
        }

        var position = 0;
        for (var s = 0; s < _segments.Length; s++)
        {
            var segment = _segments[s];
            var first = s == 0 && _anchoredStart;
            var last = s == _segments.Length - 1 && _anchoredEnd;
            if (first)
            {
                if (!segment.MatchesAt(value, 0, out position) || (last && position != value.Length))
                {
                    return false;
                }

                continue;
            }

            // A segment after a %: its leftmost match leaves the most room for the rest, since a segment's length in
            // characters is fixed. The last segment of a pattern without a trailing % must end at the end.
            var matched = false;
            for (var start = position; start <= value.Length; start++)
            {
                if (IsCharacterStart(value, start) && segment.MatchesAt(value, start, out var end) && (!last || end == value.Length))
                {
                    position = end;
                    matched = true;
                    break;
                }
            }

            if (!matched)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsCharacterStart(ReadOnlySpan<byte> value, int index) => index == value.Length || (value[index] & 0xC0) != 0x80;

    private static Shape ShapeOf(Segment[] segments, bool anchoredStart, bool anchoredEnd)
    {
        if (segments.Length == 0)
        {
            return anchoredStart ? Shape.General : Shape.Anything;
        }

        if (segments.Length != 1 || segments[0].Pieces.Length != 1 || segments[0].Pieces[0].Literal is null)
        {
            return Shape.General;
        }

        return (anchoredStart, anchoredEnd) switch
        {
            (true, true) => Shape.Exact,
            (true, false) => Shape.Prefix,
            (false, true) => Shape.Suffix,
            _ => Shape.Contains,
        };
    }

    private static void Flush(StringBuilder literal, List<Piece> pieces)
    {
        if (literal.Length > 0)
        {
            pieces.Add(new Piece(Encoding.UTF8.GetBytes(literal.ToString())));
            literal.Clear();
        }
    }

    /// <summary>A literal run of bytes, or (with no literal) one character of any width.</summary>
    private sealed record Piece(byte[]? Literal)
    {
        public static readonly Piece AnyCharacter = new((byte[]?)null);
    }

    /// <summary>The pieces between two %: they must match consecutively.</summary>
    private sealed record Segment(Piece[] Pieces)
    {
        public bool MatchesAt(ReadOnlySpan<byte> value, int start, out int end)
        {
            end = start;
            if (start > value.Length)
            {
                return false;
            }

            foreach (var piece in Pieces)
            {
                if (piece.Literal is { } literal)
                {
                    if (!value[end..].StartsWith(literal))
                    {
                        return false;
                    }

                    end += literal.Length;
                }
                else
                {
                    if (end >= value.Length)
                    {
                        return false;
                    }

                    end += Utf8CharacterLength(value[end]);
                    if (end > value.Length)
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        private static int Utf8CharacterLength(byte lead) => lead switch
        {
            < 0x80 => 1,
            >= 0xF0 => 4,
            >= 0xE0 => 3,
            >= 0xC0 => 2,
            _ => 1,
        };
    }
}
